import { mergeConfig } from 'vitest/config';
import { projectTestConfig } from '../../vitest.preset.ts';

// One file at a time: they share one stack, and its per-IP limit for anonymous sockets would let
// one file's flood refuse another's sockets.
export default mergeConfig(
  projectTestConfig(import.meta.dirname, {
    globalSetup: ['src/test-support/global-setup.ts'],
    testTimeout: 120_000,
  }),
  { test: { fileParallelism: false } },
);
