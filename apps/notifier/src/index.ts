// The notifier is an app: its entry points are main.ts (the service) and migrate.ts (the schema).
export { MIGRATE_COMMAND } from './db/migrator.ts';
