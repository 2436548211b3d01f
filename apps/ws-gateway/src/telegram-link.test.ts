import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { freePort } from '@perp/test-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NotifierLinkCodes } from './telegram/telegram-links.ts';
import {
  openSocket,
  startGatewayHarness,
  type GatewayHarness,
} from './test-support/gateway-harness.ts';

// The notifier's side of telegram.link is tested in apps/notifier and end to end (tools/e2e); here
// a small server in its place answers as the notifier does, and as it does when it fails.
let h: GatewayHarness;
let notifier: Server;
let notifierUrl: string;
let answer: (request: IncomingMessage, response: ServerResponse) => void;
const seen: { authorization: string | undefined; body: string }[] = [];

beforeAll(async () => {
  h = await startGatewayHarness();
  notifier = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.push({ authorization: request.headers.authorization, body });
      answer(request, response);
    });
  });
  await new Promise<void>((resolve) => notifier.listen(0, '127.0.0.1', resolve));
  const address = notifier.address();
  notifierUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterAll(async () => {
  await new Promise((resolve) => notifier?.close(resolve));
  await h?.dispose();
});

const json = (status: number, body: unknown) => (_: IncomingMessage, response: ServerResponse) =>
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

describe('telegram.link', () => {
  it('answers the notifier’s code for the caller’s account, authenticated with the bearer secret', async () => {
    const expiresAt = Date.now() + 600_000;
    answer = json(201, { code: 'AB12CD34EF', expiresAt, url: 'https://t.me/bot?start=AB12CD34EF' });
    const gw = await h.startGateway({
      telegramLinks: new NotifierLinkCodes({
        baseUrl: notifierUrl,
        apiToken: 'secret-0123456789abcdef',
      }),
    });
    const viewer = await h.connect(gw.url, 'tg-alice', ['viewer']);
    expect(await viewer.result('telegram.link')).toEqual({
      code: 'AB12CD34EF',
      expiresAt,
      url: 'https://t.me/bot?start=AB12CD34EF',
    });
    expect(seen.at(-1)).toEqual({
      authorization: 'Bearer secret-0123456789abcdef',
      body: JSON.stringify({ accountId: 'tg-alice' }),
    });
    await viewer.close();
  });

  it('answers 10007 when the notifier fails, answers nonsense, is unreachable or not configured', async () => {
    const closedPort = await freePort();
    const cases = [
      {
        links: new NotifierLinkCodes({ baseUrl: notifierUrl, apiToken: 'x'.repeat(16) }),
        reply: json(503, { error: {} }),
      },
      {
        links: new NotifierLinkCodes({ baseUrl: notifierUrl, apiToken: 'x'.repeat(16) }),
        reply: json(201, { code: 'lower' }),
      },
      {
        links: new NotifierLinkCodes({
          baseUrl: `http://127.0.0.1:${closedPort}`,
          apiToken: 'x'.repeat(16),
        }),
        reply: json(201, {}),
      },
      { links: undefined, reply: json(201, {}) },
    ];
    for (const { links, reply } of cases) {
      answer = reply;
      const gw = await h.startGateway(links ? { telegramLinks: links } : {});
      const trader = await h.connect(gw.url, 'tg-bob');
      const response = await trader.request('telegram.link');
      expect(response.error?.code).toBe(10007);
      // The connection stays usable.
      expect((await trader.request('public.ping')).error).toBeUndefined();
      await trader.close();
    }
  });

  it('is refused before authentication (10001)', async () => {
    const gw = await h.startGateway();
    const anonymous = await openSocket(gw.url);
    expect((await anonymous.request('telegram.link')).error?.code).toBe(10001);
    await anonymous.close();
  });
});
