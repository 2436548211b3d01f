/** A request nests 3 levels at most (params, an array, an object); this leaves ample room. */
export const MAX_FRAME_DEPTH = 32;

/**
 * Whether JSON text nests arrays and objects deeper than `max`, found by one pass over the text
 * (strings skipped, escapes honoured) before any parsing: a frame of 64 KiB of brackets costs a
 * scan, not a parse and a validation of 32,000 levels. Malformed text is left to JSON.parse.
 */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i += 1;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth -= 1;
  }
  return false;
}
