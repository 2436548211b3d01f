/** What the feeds log through; a pino logger fits. */
export interface FeedLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export const silentLogger: FeedLogger = {
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
