const UNIT_SECONDS = { s: 1, m: 60, h: 3600, d: 86_400 } as const;
type Unit = keyof typeof UNIT_SECONDS;

// Long enough for a dev session that spans days, short enough that a leaked local token dies.
export const MAX_TTL_SECONDS = 30 * 86_400;

/** `90s`, `15m`, `12h`, `7d` or plain seconds, to seconds; undefined when it is not one of those. */
export function parseTtl(text: string): number | undefined {
  const match = /^(\d{1,7})([smhd]?)$/.exec(text.trim());
  if (!match) return undefined;
  const seconds = Number(match[1]) * UNIT_SECONDS[(match[2] || 's') as Unit];
  return seconds >= 1 && seconds <= MAX_TTL_SECONDS ? seconds : undefined;
}
