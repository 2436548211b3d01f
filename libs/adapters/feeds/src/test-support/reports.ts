export { acceptedReport, fillReport } from '@perp/local-stack';

export const seqs = (reports: readonly { seq: number }[]): number[] => reports.map((r) => r.seq);

export const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
