export { Lease, type LeaseOptions } from './lease.ts';
export { redisKeyspace, type RedisKeyspace } from './redis-keys.ts';
export {
  redisScript,
  type RedisScript,
  type RedisScriptDefinition,
  type ScriptArgument,
  type ScriptCall,
  type ScriptClient,
} from './redis-script.ts';
export {
  ReportPublisher,
  type ReportPublisherOptions,
  type SequencedReport,
} from './report-publisher.ts';
export { lastPublishedSeq, replayReports } from './report-replay.ts';
