import { projectTestConfig } from '../../vitest.preset.ts';

export default projectTestConfig(import.meta.dirname, {
  globalSetup: ['src/test-support/global-setup.ts'],
  testTimeout: 120_000,
});
