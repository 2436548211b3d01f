import { projectTestConfig } from '../../vitest.preset.ts';

export default projectTestConfig(import.meta.dirname, { dynamodb: true, testTimeout: 180_000 });
