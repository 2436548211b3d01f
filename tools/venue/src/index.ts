export { parseCommandLine, USAGE, UsageError, type Command } from './args.ts';
export { parseAction, signatureLine } from './sign.ts';
export { runCheck, type CheckResult } from './check.ts';
export { runAccountCommand } from './account-commands.ts';
export { runRoutes } from './routes.ts';
export type { RouteCommand } from './route-args.ts';
