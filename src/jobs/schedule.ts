import type { Deps } from '../commands/deps.js';
import { runSweep } from './sweep.js';

/** Where background jobs write; a pino logger (Fastify's, or any other) fits. */
export interface JobLog {
  info(details: object, message: string): void;
  debug(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** A job that runs until stopped; `stop` waits for a run in progress to finish. */
export interface RunningJob {
  stop(): Promise<void>;
}

/**
 * Runs `work` every `intervalSeconds` (0 = never), first right away. A run never overlaps the
 * previous one (the next is scheduled when one ends), and a failure goes to `onError`, never
 * stopping the schedule.
 */
export function repeatEvery(
  intervalSeconds: number,
  work: () => Promise<void>,
  onError: (error: unknown) => void,
): RunningJob {
  if (intervalSeconds <= 0) return { stop: async () => {} };
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    timer = null;
    running = work()
      .catch(onError)
      .finally(() => {
        running = null;
        if (!stopped) timer = setTimeout(tick, intervalSeconds * 1000);
      });
  };
  timer = setTimeout(tick, 0);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}

/** The sweep (I9) on its schedule: a run that changed something is logged at info, else debug. */
export function startSweeps(deps: Deps, intervalSeconds: number, log: JobLog): RunningJob {
  return repeatEvery(
    intervalSeconds,
    async () => {
      const report = await runSweep(deps);
      const changed = Object.values(report).some((n) => n > 0);
      log[changed ? 'info' : 'debug']({ sweep: report }, 'sweep done');
    },
    (err) => log.error({ err }, 'sweep failed; trying again at the next interval'),
  );
}
