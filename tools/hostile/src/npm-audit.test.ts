// Production dependencies (what the images install: npm ci --omit=dev) carry no high or critical
// advisory. An advisory accepted for a reason is listed here with it; there are none. A registry
// mirror without the audit endpoint (this workplace's answers 405) skips the test, saying so; the
// GitHub workflow runs the same audit against registry.npmjs.org.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { WORKSPACE_ROOT } from '@perp/local-stack';
import { describe, expect, it } from 'vitest';

const ACCEPTED: Readonly<Record<string, string>> = {};

interface AuditReport {
  readonly vulnerabilities?: Record<string, { severity: string; via: unknown[] }>;
  readonly error?: { summary?: string };
  readonly statusCode?: number;
  readonly message?: string;
}

describe('npm audit --omit=dev', () => {
  it('reports no high or critical advisory in production dependencies', async (context) => {
    // npm audit exits 1 when it finds anything: the JSON is the answer either way.
    const run = await promisify(execFile)('npm', ['audit', '--omit=dev', '--json'], {
      cwd: WORKSPACE_ROOT,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }));
    const report = JSON.parse(run.stdout) as AuditReport;
    if (report.statusCode === 404 || report.statusCode === 405)
      context.skip(`the registry has no audit endpoint: ${report.message ?? report.statusCode}`);
    expect(report.error, `npm audit could not run: ${report.error?.summary ?? ''}`).toBeUndefined();
    const severe = Object.entries(report.vulnerabilities ?? {})
      .filter(([, finding]) => finding.severity === 'high' || finding.severity === 'critical')
      .filter(([name]) => ACCEPTED[name] === undefined)
      .map(([name, finding]) => `${name} (${finding.severity})`);
    expect(severe).toEqual([]);
  }, 120_000);
});
