import { timingSafeEqual } from 'node:crypto';
import {
  LinkCodeRequest,
  NotificationRequest,
  notificationOfRequest,
  type TelegramLinkResult,
} from '@perp/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { NotifierDatabase } from '../db/schema.ts';
import type { NotifierMetrics } from '../metrics.ts';
import { NotifierErrorCodes, type NotifierErrorCode } from '../notifier-errors.ts';
import { issueLinkCode } from '../store/link-codes.ts';
import { enqueueNotification } from '../store/outbox.ts';

export interface InternalApiOptions {
  readonly db: Kysely<NotifierDatabase>;
  readonly apiToken: string;
  readonly botUsername: string;
  readonly metrics: NotifierMetrics;
  readonly clock: () => number;
  /** A notification was written: the sender looks at once. */
  readonly onQueued: () => void;
}

const errorBody = (code: NotifierErrorCode, message: string, extra: object = {}) => ({
  error: { code, message, ...extra },
});

/**
 * The internal API, for other services only (never exposed: in AWS behind an internal load
 * balancer), every route behind the bearer secret. Answers are JSON; errors carry a stable code.
 */
export function registerInternalApi(app: FastifyInstance, options: InternalApiOptions): void {
  const expected = Buffer.from(`Bearer ${options.apiToken}`);
  const authorized = (request: FastifyRequest) => {
    const given = Buffer.from(request.headers.authorization ?? '');
    return given.length === expected.length && timingSafeEqual(given, expected);
  };

  function parse<S extends z.ZodType>(schema: S, request: FastifyRequest, reply: FastifyReply) {
    const parsed = schema.safeParse(request.body);
    if (parsed.success) return parsed.data as z.output<S>;
    options.metrics.api('invalid');
    void reply.code(400).send(
      errorBody(NotifierErrorCodes.InvalidRequest, 'the body does not match the schema', {
        issues: parsed.error.issues.slice(0, 10).map((issue) => ({
          path: issue.path.join('.'),
          message: issue.message,
        })),
      }),
    );
    return undefined;
  }

  app.register(async (api) => {
    api.addHook('onRequest', async (request, reply) => {
      if (authorized(request)) return;
      options.metrics.api('unauthorized');
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer')
        .send(errorBody(NotifierErrorCodes.Unauthorized, 'a valid bearer token is required'));
    });

    // The database is away: the caller retries (its dedupe key makes that safe).
    api.setErrorHandler(async (error, request, reply) => {
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status >= 400 && status < 500) {
        options.metrics.api('invalid');
        return reply
          .code(status)
          .send(errorBody(NotifierErrorCodes.InvalidRequest, (error as Error).message));
      }
      request.log.warn({ err: error }, 'internal API request failed');
      return reply
        .code(503)
        .header('retry-after', '1')
        .send(errorBody(NotifierErrorCodes.Unavailable, 'storage unavailable, retry'));
    });

    api.post('/v1/notifications', async (request, reply) => {
      const body = parse(NotificationRequest, request, reply);
      if (body === undefined) return reply;
      const queued = await enqueueNotification(options.db, {
        accountId: body.accountId,
        dedupeKey: body.dedupeKey,
        notification: notificationOfRequest(body),
      });
      options.metrics.api(queued > 0 ? 'queued' : 'duplicate');
      if (queued > 0) options.onQueued();
      return reply.code(202).send({ queued });
    });

    api.post('/v1/link-codes', async (request, reply) => {
      const body = parse(LinkCodeRequest, request, reply);
      if (body === undefined) return reply;
      const { code, expiresAt } = await issueLinkCode(
        options.db,
        body.accountId,
        new Date(options.clock()),
      );
      const result: TelegramLinkResult = {
        code,
        expiresAt: expiresAt.getTime(),
        url: `https://t.me/${options.botUsername}?start=${code}`,
      };
      return reply.code(201).send(result);
    });
  });
}
