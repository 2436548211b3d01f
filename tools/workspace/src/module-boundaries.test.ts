import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// The architecture's import rules are enforced by lint; these cases prove the rules bite.
const workspaceRoot = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: workspaceRoot });

async function boundaryErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(workspaceRoot, filePath) });
  return (result?.messages ?? [])
    .filter((message) => message.ruleId === '@nx/enforce-module-boundaries')
    .map((message) => message.message);
}

describe('module boundaries', () => {
  it('a domain lib may not import an AWS SDK client', async () => {
    const errors = await boundaryErrors(
      'libs/domain/decimal/src/boundary-fixture.ts',
      "import { SQSClient } from '@aws-sdk/client-sqs';\nexport const client = SQSClient;\n",
    );
    expect(errors.join('\n')).toMatch(/@aws-sdk\/client-sqs/);
  });

  it('a domain lib may not import ioredis or a util lib', async () => {
    expect(
      await boundaryErrors(
        'libs/domain/decimal/src/boundary-fixture.ts',
        "import { Redis } from 'ioredis';\nexport const r = Redis;\n",
      ),
    ).not.toEqual([]);
    expect(
      await boundaryErrors(
        'libs/domain/decimal/src/boundary-fixture.ts',
        "import { loadConfig } from '@perp/config';\nexport const c = loadConfig;\n",
      ),
    ).not.toEqual([]);
  });

  it('a util lib may use the AWS SDK', async () => {
    expect(
      await boundaryErrors(
        'libs/platform/resources/src/boundary-fixture.ts',
        "import { SQSClient } from '@aws-sdk/client-sqs';\nexport const client = SQSClient;\n",
      ),
    ).toEqual([]);
  });

  it('production code of an app may not import test or local-stack code; its tests may', async () => {
    const importing = (name: string) => `import * as m from '${name}';\nexport const x = m;\n`;
    const restricted = async (filePath: string, name: string) => {
      const [result] = await eslint.lintText(importing(name), {
        filePath: resolve(workspaceRoot, filePath),
      });
      return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports');
    };
    expect(await restricted('apps/oms/src/boundary-fixture.ts', '@perp/local-stack')).not.toEqual(
      [],
    );
    expect(
      await restricted('libs/adapters/feeds/src/boundary-fixture.ts', '@perp/test-services'),
    ).not.toEqual([]);
    expect(await restricted('apps/oms/src/boundary-fixture.test.ts', '@perp/local-stack')).toEqual(
      [],
    );
    expect(
      await restricted('apps/oms/src/test-support/boundary-fixture.ts', '@perp/local-stack'),
    ).toEqual([]);
  });

  it('a tool-lib may use adapters; a domain lib may not use a tool-lib', async () => {
    expect(
      await boundaryErrors(
        'libs/platform/local-stack/src/boundary-fixture.ts',
        "import { TradingStore } from '@perp/trading-store';\nexport const s = TradingStore;\n",
      ),
    ).toEqual([]);
    expect(
      await boundaryErrors(
        'libs/domain/decimal/src/boundary-fixture.ts',
        "import { ENTRY_POINTS } from '@perp/local-stack';\nexport const e = ENTRY_POINTS;\n",
      ),
    ).not.toEqual([]);
  });
});
