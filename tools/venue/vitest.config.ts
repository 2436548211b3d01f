import { projectTestConfig } from '../../vitest.preset.ts';

// DynamoDB Local for the routes' tests (the config table).
export default projectTestConfig(import.meta.dirname, { dynamodb: true });
