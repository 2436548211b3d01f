import { projectTestConfig } from '../../vitest.preset.ts';

// Each test starts the bot as a process against a whole local stack, and waits on real takeovers.
export default projectTestConfig(import.meta.dirname, { testTimeout: 90_000 });
