export { createMetricsRegistry } from './metrics.ts';
export { registerOperationalRoutes, type OperationalRoutesOptions } from './operational-routes.ts';
export { checkReadiness, type ReadinessCheck, type ReadinessReport } from './readiness.ts';
export { createServiceHttp, type ServiceHttpOptions } from './service-http.ts';
