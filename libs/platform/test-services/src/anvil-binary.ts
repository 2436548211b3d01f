import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { TestServiceError, TestServiceErrorCode } from './errors.ts';

const ARCH: Readonly<Record<string, string>> = { x64: 'amd64', arm64: 'arm64' };

/**
 * Path of the anvil binary. `@foundry-rs/anvil` ships it in a per-platform package
 * (`@foundry-rs/anvil-linux-amd64`, ...) and links it from a postinstall script that may not have
 * run (e.g. `--ignore-scripts`), so the platform package is resolved directly. ANVIL_BIN overrides.
 */
export function anvilBinary(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string {
  const override = env['ANVIL_BIN'];
  if (override) return override;
  const arch = ARCH[process.arch];
  const packageName = `@foundry-rs/anvil-${process.platform}-${arch ?? process.arch}`;
  const binary = process.platform === 'win32' ? 'anvil.exe' : 'anvil';
  try {
    const require = createRequire(import.meta.url);
    const path = join(dirname(require.resolve(`${packageName}/package.json`)), 'bin', binary);
    if (existsSync(path)) return path;
  } catch {
    // Not installed for this platform: reported below.
  }
  throw new TestServiceError(
    TestServiceErrorCode.AnvilNotFound,
    `anvil binary not found: ${packageName} is not installed (it is an optional dependency of ` +
      `@foundry-rs/anvil). Run \`npm install\`, or set ANVIL_BIN to an anvil executable.`,
  );
}
