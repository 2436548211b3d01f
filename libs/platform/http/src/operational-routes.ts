import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import { checkReadiness, type ReadinessCheck } from './readiness.ts';

export interface OperationalRoutesOptions {
  readonly service: string;
  readonly registry: Registry;
  readonly readiness?: Readonly<Record<string, ReadinessCheck>>;
  /** True while the service drains before exit: /ready answers 503 so load balancers stop routing. */
  readonly isDraining?: () => boolean;
  /** More of the service's state for /health (a singleton's role, a halt), merged into the body. */
  readonly health?: () => Readonly<Record<string, unknown>>;
}

/** `/health` (the process is alive), `/ready` (its dependencies answer) and `/metrics` (Prometheus). */
export function registerOperationalRoutes(
  app: FastifyInstance,
  options: OperationalRoutesOptions,
): void {
  const startedAt = Date.now();
  app.get('/health', { logLevel: 'silent' }, async () => ({
    status: 'ok',
    service: options.service,
    uptimeMs: Date.now() - startedAt,
    ...options.health?.(),
  }));

  app.get('/ready', { logLevel: 'silent' }, async (_request, reply) => {
    if (options.isDraining?.()) return reply.code(503).send({ status: 'draining', checks: {} });
    const report = await checkReadiness(options.readiness ?? {});
    return reply
      .code(report.ready ? 200 : 503)
      .send({ status: report.ready ? 'ready' : 'not_ready', checks: report.checks });
  });

  app.get('/metrics', { logLevel: 'silent' }, async (_request, reply) => {
    const body = await options.registry.metrics();
    return reply.header('content-type', options.registry.contentType).send(body);
  });
}
