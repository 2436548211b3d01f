// A process that installs onFatal, then fails the way argv[2] names. Each line it prints is JSON,
// so the test can tell what was logged (and at which level) and what ran.
import { setTimeout as sleep } from 'node:timers/promises';
import { GracefulShutdown, onFatal } from '../index.ts';

const print = (level: string, obj: object, msg: string) => {
  const { err, event } = obj as { err?: unknown; event?: unknown };
  console.log(JSON.stringify({ level, msg, event, err: (err as Error | undefined)?.message }));
};
const logger = {
  info: (obj: object, msg: string) => print('info', obj, msg),
  error: (obj: object, msg: string) => print('error', obj, msg),
  fatal: (obj: object, msg: string) => print('fatal', obj, msg),
};

const shutdown = new GracefulShutdown({ logger, deadlineMs: 5_000 });
onFatal(shutdown, logger);
// Registered after onFatal, as a main.ts does once its services exist.
shutdown
  .register('server', async () => {
    await sleep(20);
    console.log(JSON.stringify({ closed: 'server' }));
  })
  .listen();
// A server's open handle: the process lives until something ends it.
setInterval(() => undefined, 1_000);

const crash = process.argv[2];
if (crash === 'throw') {
  setTimeout(() => {
    throw new Error('thrown boom');
  }, 10);
} else if (crash === 'reject') {
  setTimeout(() => void Promise.reject(new Error('rejected boom')), 10);
} else if (crash === 'top-level-await') {
  await Promise.reject(new Error('startup boom'));
} else if (crash === 'during-shutdown') {
  // After the shutdown's own SIGTERM handler: the crash comes while the closers run.
  process.once('SIGTERM', () =>
    setTimeout(() => {
      throw new Error('boom while stopping');
    }, 5),
  );
  process.kill(process.pid, 'SIGTERM');
} else {
  // The handlers are in place: a signal from now on is a shutdown, not Node's default exit.
  console.log(JSON.stringify({ ready: true }));
}
