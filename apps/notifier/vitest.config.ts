import { projectTestConfig } from '../../vitest.preset.ts';

// DynamoDB Local once per run: /status and the rest read the OMS's tables.
export default projectTestConfig(import.meta.dirname, { testTimeout: 30_000, dynamodb: true });
