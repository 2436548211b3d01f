// The local identity issuer: publishes the signing key's public half for the gateway to verify the
// tokens `npm run token` prints, and issues machine clients theirs at /oauth2/token. Cognito plays
// this part in AWS.
import { createLogger } from '@perp/logger';
import { GracefulShutdown } from '@perp/shutdown';
import { identityEndpoints, readIdentityConfig } from './config.ts';
import { buildIdentityServer } from './identity-server.ts';
import { loadMachineClients, type MachineClients } from './machine-clients.ts';
import { loadOrCreateSigningKey, type SigningKey } from './signing-key.ts';

const config = readIdentityConfig();
const logger = createLogger({ service: 'identity', level: config.LOG_LEVEL });
const endpoints = identityEndpoints(config);
const dataDir = config.IDENTITY_DATA_DIR;

let clients: MachineClients;
try {
  clients = await loadMachineClients(config.IDENTITY_CLIENTS_FILE);
} catch (error) {
  logger.fatal(
    { err: error, clientsFile: config.IDENTITY_CLIENTS_FILE },
    'identity issuer cannot use its machine clients (IDENTITY_CLIENTS_FILE)',
  );
  process.exit(1);
}

let key: SigningKey;
try {
  key = await loadOrCreateSigningKey(dataDir);
} catch (error) {
  logger.fatal({ err: error, dataDir }, 'identity issuer has no signing key');
  process.exit(1);
}
if (key.created) logger.info({ kid: key.kid, dataDir }, 'created a new signing key');

const shutdown = new GracefulShutdown({ logger });
const http = buildIdentityServer({
  key,
  endpoints,
  logger,
  isDraining: () => shutdown.isShuttingDown,
  clients,
  clientTokenTtlSeconds: config.IDENTITY_CLIENT_TOKEN_TTL_SECONDS,
});
shutdown.register('http', () => http.close()).listen();

try {
  await http.listen({ host: config.IDENTITY_HOST, port: config.IDENTITY_PORT });
} catch (error) {
  logger.fatal(
    { err: error, host: config.IDENTITY_HOST, port: config.IDENTITY_PORT },
    'identity issuer cannot listen (IDENTITY_HOST / IDENTITY_PORT)',
  );
  process.exit(1);
}
logger.info(
  {
    issuer: endpoints.issuer,
    jwksUri: endpoints.jwksUri,
    tokenEndpoint: endpoints.tokenEndpoint,
    machineClients: [...clients.keys()],
    audience: config.IDENTITY_AUDIENCE,
    kid: key.kid,
    dataDir,
  },
  'identity issuer listening',
);
