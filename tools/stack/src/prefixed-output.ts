import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

const COLORS = [36, 33, 35, 32, 34, 91, 96, 93] as const;
const WIDTH = 10;

export interface PrefixedOutput {
  line(source: string, text: string): void;
  pipe(source: string, stream: Readable): void;
}

/** Writes every line of every component with a fixed-width, coloured name in front of it. */
export function prefixedOutput(
  out: NodeJS.WritableStream = process.stdout,
  color = process.stdout.isTTY,
): PrefixedOutput {
  const colorOf = new Map<string, number>();
  const prefix = (source: string) => {
    if (!colorOf.has(source)) colorOf.set(source, COLORS[colorOf.size % COLORS.length] ?? 36);
    const label = source.padEnd(WIDTH).slice(0, WIDTH);
    return color ? `\u001b[${colorOf.get(source)}m${label}\u001b[0m| ` : `${label}| `;
  };
  const line = (source: string, text: string) => {
    out.write(`${prefix(source)}${text}\n`);
  };
  return {
    line,
    pipe(source, stream) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (text) =>
        line(source, text),
      );
    },
  };
}
