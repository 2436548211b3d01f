import { z } from 'zod';
import { AccountId } from '../primitives/identifiers.ts';
import { AccountSnapshot } from './account-snapshot.ts';
import { ExecutionReport } from './execution-report.ts';
import { Fill } from './fill.ts';
import { Position } from './position.ts';

export const ACCOUNT_EVENT_VERSIONS = [1] as const;

const base = { version: z.literal(1), accountId: AccountId };

/**
 * What the OMS publishes per account state change (Redis fan-out to the gateways, events stream
 * to the notifier). One envelope for the four private channels lets a gateway route by `type`
 * without guessing the payload; `data.accountId` must equal `accountId`.
 */
export const AccountEvent = z
  .discriminatedUnion('type', [
    z.strictObject({ ...base, type: z.literal('executionReport'), data: ExecutionReport }),
    z.strictObject({ ...base, type: z.literal('fill'), data: Fill }),
    z.strictObject({ ...base, type: z.literal('position'), data: Position }),
    z.strictObject({ ...base, type: z.literal('account'), data: AccountSnapshot }),
  ])
  .superRefine((event, ctx) => {
    if (event.data.accountId !== event.accountId) {
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'accountId'],
        message: 'must equal accountId',
        input: event.data.accountId,
      });
    }
  });
export type AccountEvent = z.infer<typeof AccountEvent>;
export type AccountEventType = AccountEvent['type'];

const accountEventTypes: Record<AccountEventType, true> = {
  executionReport: true,
  fill: true,
  position: true,
  account: true,
};
export const ACCOUNT_EVENT_TYPES = Object.keys(accountEventTypes) as readonly AccountEventType[];
