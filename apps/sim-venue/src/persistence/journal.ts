import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { closeSync, fsyncSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  JOURNAL_VERSION,
  JournalEntry,
  JournalHeader,
  type JournalEntry as Entry,
} from '../core/journal-entry.ts';

export const JOURNAL_FILE = 'journal.jsonl';

/** A journal line that is no entry: the file was edited or damaged; the venue refuses to guess. */
export class JournalCorruptError extends Error {
  readonly code = 'JOURNAL_CORRUPT';
  constructor(message: string) {
    super(message);
    this.name = 'JournalCorruptError';
  }
}

/**
 * The venue's append-only JSONL journal of accepted inputs (`<dataDir>/journal.jsonl`). Each entry
 * is written before it is applied, with one write call, so whatever the stream has shown is on
 * disk when the process dies (an OS crash may still lose the page cache: this is a simulator).
 */
export class Journal {
  readonly path: string;
  readonly header: JournalHeader;
  #fd: number | undefined;

  private constructor(path: string, header: JournalHeader, fd: number) {
    this.path = path;
    this.header = header;
    this.#fd = fd;
  }

  get journalId(): string {
    return this.header.journalId;
  }

  /**
   * Opens the journal in `dataDir`, or starts one with a new id. A last line cut short by a crash
   * (no newline) is dropped: its input was never applied, so nobody saw its effects.
   */
  static async open(dataDir: string, clock: () => number = Date.now): Promise<Journal> {
    await mkdir(dataDir, { recursive: true });
    const path = join(dataDir, JOURNAL_FILE);
    const handle = await open(path, 'a+');
    try {
      await dropTornTail(handle);
    } finally {
      await handle.close();
    }
    let header = await readHeader(path);
    const fd = openSync(path, 'a');
    if (header === undefined) {
      header = {
        kind: 'header',
        version: JOURNAL_VERSION,
        journalId: randomBytes(5).readUIntBE(0, 5).toString(36),
        createdAt: clock(),
      };
      writeSync(fd, `${JSON.stringify(header)}\n`);
      fsyncSync(fd);
    }
    return new Journal(path, header, fd);
  }

  append(entry: Entry): void {
    if (this.#fd === undefined) throw new Error('the journal is closed');
    writeSync(this.#fd, `${JSON.stringify(entry)}\n`);
  }

  /** Every entry after the header, read from disk in order. */
  async *entries(): AsyncGenerator<Entry> {
    let lineNumber = 0;
    for await (const line of readLines(this.path)) {
      lineNumber += 1;
      if (lineNumber === 1) continue;
      yield parseEntry(line, lineNumber);
    }
  }

  close(): void {
    if (this.#fd === undefined) return;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    this.#fd = undefined;
  }
}

async function* readLines(path: string): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  try {
    for await (const line of lines) if (line.length > 0) yield line;
  } finally {
    lines.close();
    stream.destroy();
  }
}

async function readHeader(path: string): Promise<JournalHeader | undefined> {
  for await (const line of readLines(path)) {
    const parsed = JournalHeader.safeParse(parseJson(line, 1));
    if (!parsed.success) throw new JournalCorruptError(`${path}:1 is not a journal header`);
    return parsed.data;
  }
  return undefined;
}

function parseEntry(line: string, lineNumber: number): Entry {
  const parsed = JournalEntry.safeParse(parseJson(line, lineNumber));
  if (!parsed.success) {
    throw new JournalCorruptError(`journal line ${lineNumber} is not an entry`);
  }
  return parsed.data;
}

function parseJson(line: string, lineNumber: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new JournalCorruptError(`journal line ${lineNumber} is not JSON`);
  }
}

/** Truncates the file after its last newline. */
async function dropTornTail(handle: FileHandle): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const chunk = Buffer.alloc(64 * 1024);
  let end = size;
  while (end > 0) {
    const start = Math.max(0, end - chunk.length);
    const { bytesRead } = await handle.read(chunk, 0, end - start, start);
    const newline = chunk.subarray(0, bytesRead).lastIndexOf(0x0a);
    if (newline >= 0) {
      const keep = start + newline + 1;
      if (keep < size) await handle.truncate(keep);
      return;
    }
    end = start;
  }
  await handle.truncate(0);
}
