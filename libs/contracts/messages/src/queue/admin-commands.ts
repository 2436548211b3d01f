import { z } from 'zod';
import { PositiveDecimal } from '../primitives/decimal.ts';
import { AccountId } from '../primitives/identifiers.ts';
import { TradingStateChange } from '../trading/trading-state-change.ts';
import { envelopeBaseShape } from './envelope-base.ts';

// Admin commands always name the operator who issued them (audit), in `actorAccountId`.
const adminBase = { ...envelopeBaseShape, actorAccountId: AccountId, source: z.literal('admin') };

/** The account to create is the envelope's `accountId`; nothing else is needed. */
export const AdminAccountCreatePayload = z.strictObject({});
export type AdminAccountCreatePayload = z.infer<typeof AdminAccountCreatePayload>;

export const AdminAccountCreateCommand = z.strictObject({
  ...adminBase,
  type: z.literal('admin.account.create'),
  payload: AdminAccountCreatePayload,
});
export type AdminAccountCreateCommand = z.infer<typeof AdminAccountCreateCommand>;

/** Credits `amount` of collateral to the envelope's `accountId`. */
export const AdminDepositPayload = z.strictObject({ amount: PositiveDecimal });
export type AdminDepositPayload = z.infer<typeof AdminDepositPayload>;

export const AdminDepositCommand = z.strictObject({
  ...adminBase,
  type: z.literal('admin.deposit'),
  payload: AdminDepositPayload,
});
export type AdminDepositCommand = z.infer<typeof AdminDepositCommand>;

/**
 * For scope `account` the envelope's `accountId` is the target, so the change is ordered with
 * that account's orders. Global and symbol changes concern no account: they travel in the
 * caller's own message group (`accountId` = `actorAccountId`).
 */
export const AdminTradingStateSetCommand = z
  .strictObject({
    ...adminBase,
    type: z.literal('admin.tradingState.set'),
    payload: TradingStateChange,
  })
  .superRefine((command, ctx) => {
    const expected =
      command.payload.scope === 'account' ? command.payload.target : command.actorAccountId;
    if (command.accountId !== expected) {
      const message =
        command.payload.scope === 'account'
          ? 'must equal payload.target'
          : 'must equal actorAccountId';
      ctx.addIssue({ code: 'custom', path: ['accountId'], message, input: command.accountId });
    }
  });
export type AdminTradingStateSetCommand = z.infer<typeof AdminTradingStateSetCommand>;
