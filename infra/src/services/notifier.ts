import type { ServiceDefinition } from './service-definition.ts';
import { backingEnvironment } from './service-definition.ts';

/**
 * The app reads one DATABASE_URL; ECS injects the password from the database's secret as its own
 * variable, so the URL is put together at start, in the task and never in the template. The
 * generated password holds only URL-safe characters (see constructs/notifier-database.ts).
 */
export const notifierCommand = (entry: string) => [
  'sh',
  '-c',
  `export DATABASE_URL="postgres://$DATABASE_USER:$DATABASE_PASSWORD@$DATABASE_HOST:$DATABASE_PORT/$DATABASE_NAME?sslmode=no-verify" && exec node --conditions=@perp/source ${entry}`,
];

/** The Telegram bot and the internal notifications API (behind the internal load balancer). */
export const NOTIFIER: ServiceDefinition = {
  name: 'notifier',
  app: 'notifier',
  launch: 'fargate',
  cpu: 256,
  memoryMiB: 512,
  desiredCount: 1,
  maxCount: 1,
  singleton: true,
  exposure: 'internal-load-balancer',
  listen: { host: 'NOTIFIER_HOST', port: 'NOTIFIER_PORT' },
  startPeriodSeconds: 30,
  stopTimeoutSeconds: 30,
  grants: ['tables:read'],
  environment: (wiring) => ({
    ...backingEnvironment(wiring),
    SIM_VENUE_URL: wiring.simVenueUrl,
    DATABASE_HOST: wiring.database.host,
    DATABASE_PORT: wiring.database.port,
    DATABASE_NAME: wiring.database.name,
  }),
  secrets: (wiring) => ({
    TELEGRAM_BOT_TOKEN: { secret: wiring.secrets.telegramBotToken },
    NOTIFIER_API_TOKEN: { secret: wiring.secrets.notifierApiToken },
    DATABASE_USER: { secret: wiring.secrets.database, field: 'username' },
    DATABASE_PASSWORD: { secret: wiring.secrets.database, field: 'password' },
  }),
  command: () => notifierCommand('apps/notifier/src/main.ts'),
};
