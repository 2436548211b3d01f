import { freePort } from '@perp/test-services';

/** Every port the local stack listens on, by the variable that sets it (tools/stack's config). */
export const STACK_PORT_VARIABLES = [
  'SQS_PORT',
  'DYNAMODB_PORT',
  'SIM_VENUE_PORT',
  'OMS_PORT',
  'IDENTITY_PORT',
  'GATEWAY_PORT',
  'MARKET_MAKER_PORT',
  'NOTIFIER_PORT',
  'WEB_CHAT_PORT',
  'TELEGRAM_STAND_IN_PORT',
  'MARGIN_CALL_PORT',
  'PGLITE_PORT',
] as const;
export type StackPortVariable = (typeof STACK_PORT_VARIABLES)[number];
export type StackPorts = Readonly<Record<StackPortVariable, string>>;

/** A distinct free port for each variable, so a test's stack never meets a developer's. */
export async function freeStackPorts(): Promise<StackPorts> {
  const ports = new Set<number>();
  while (ports.size < STACK_PORT_VARIABLES.length) ports.add(await freePort());
  const free = [...ports];
  return Object.fromEntries(
    STACK_PORT_VARIABLES.map((name, i) => [name, String(free[i])]),
  ) as StackPorts;
}
