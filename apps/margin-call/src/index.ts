// The margin-call job: the Lambda handler and the core the local scheduler and CLI share.
export { handler, type MarginCallEvent } from './lambda.ts';
export type { MarginCallSummary } from './run-summary.ts';
