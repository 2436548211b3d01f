import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { registerOperationalRoutes, type OperationalRoutesOptions } from './operational-routes.ts';

export interface ServiceHttpOptions extends OperationalRoutesOptions {
  readonly logger: FastifyBaseLogger;
}

/** A fastify instance with the operational routes, for services that have no HTTP API of their own. */
export function createServiceHttp(options: ServiceHttpOptions): FastifyInstance {
  const app = Fastify({
    loggerInstance: options.logger,
    logController: new LogController({ disableRequestLogging: true }),
  });
  registerOperationalRoutes(app, options);
  return app;
}
