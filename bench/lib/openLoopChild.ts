/**
 * The open-loop generator's own process (openLoadApart in openLoop.ts): it receives the whole
 * run — the url, every request in order and the options — sends them, and answers with the
 * result. Nothing else lives in this process, so its timers fire on time.
 */
import type { RequestSpec } from './load.js';
import { openLoad, type OpenLoopOptions } from './openLoop.js';

process.once('message', (job: { url: string; specs: RequestSpec[]; options: OpenLoopOptions }) => {
  let i = 0;
  const next = () => job.specs[Math.min(i++, job.specs.length - 1)] as RequestSpec;
  void openLoad(job.url, next, job.options).then((result) => {
    process.send?.(result, () => process.exit(0));
  });
});
