import Fastify, { type FastifyInstance } from 'fastify';
import { Counter } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { createMetricsRegistry, registerOperationalRoutes, type ReadinessCheck } from './index.ts';

let app: FastifyInstance | undefined;
afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function start(
  readiness: Record<string, ReadinessCheck>,
  isDraining = () => false,
  health?: () => Record<string, unknown>,
) {
  const registry = createMetricsRegistry('test-svc');
  new Counter({ name: 'orders_total', help: 'orders', registers: [registry] }).inc(3);
  app = Fastify();
  registerOperationalRoutes(app, {
    service: 'test-svc',
    registry,
    readiness,
    isDraining,
    ...(health ? { health } : {}),
  });
  // A real socket, not inject(): this is what load balancers and Prometheus talk to.
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return address;
}

describe('operational routes', () => {
  it('/health answers while dependencies are down', async () => {
    const base = await start({ redis: () => Promise.reject(new Error('ECONNREFUSED')) });
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', service: 'test-svc' });
  });

  it('/health carries the state the service adds, read at each request', async () => {
    let role = 'standby';
    const base = await start({}, undefined, () => ({ role }));
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ status: 'ok', role });
    role = 'active';
    expect(await (await fetch(`${base}/health`)).json()).toMatchObject({ role: 'active' });
  });

  it('/ready is 200 when every check answers', async () => {
    const base = await start({ redis: async () => 'PONG', dynamodb: async () => undefined });
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { redis: 'ok', dynamodb: 'ok' } });
  });

  it('/ready is 503 naming the failing dependency', async () => {
    const base = await start({
      redis: async () => 'PONG',
      sqs: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:9324')),
    });
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: 'not_ready',
      checks: { redis: 'ok', sqs: 'connect ECONNREFUSED 127.0.0.1:9324' },
    });
  });

  it('/ready is 503 while draining', async () => {
    const base = await start({}, () => true);
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'draining' });
  });

  it('/metrics serves Prometheus text with default and custom metrics labelled by service', async () => {
    const base = await start({});
    const res = await fetch(`${base}/metrics`);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toContain('orders_total{service="test-svc"} 3');
    expect(text).toMatch(/process_cpu_user_seconds_total\{service="test-svc"\}/);
  });
});
