/**
 * Runs the seed plan on its own thread, so generating rows (strings, PRNG, pair bookkeeping)
 * uses one core while the database driver writes on the other. Blocks are sent as they are
 * made, at most a few ahead of the writer (it hands back a credit per block written).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SeedPlan, type RowBlock, type SeedOptions } from './plan.js';

export type GeneratorMessage =
  | { kind: 'invitations'; blocks: RowBlock[] }
  | { kind: 'members'; block: RowBlock }
  | { kind: 'done'; totals: SeedPlan['totals'] };

const port = parentPort;
if (!port) throw new Error('generateWorker must run as a worker thread');
const { options, blockSize, ahead } = workerData as {
  options: SeedOptions;
  blockSize: number;
  ahead: number;
};

let credits = ahead;
let wake: (() => void) | null = null;
port.on('message', () => {
  credits++;
  wake?.();
  wake = null;
});
const send = async (message: GeneratorMessage): Promise<void> => {
  while (credits === 0) await new Promise<void>((resolve) => (wake = resolve));
  credits--;
  port.postMessage(message);
};

// No top-level await: under tsx this file may be loaded through the require hook.
async function run(): Promise<void> {
  const plan = new SeedPlan(options);
  for (const blocks of plan.invitationBlocks(blockSize)) await send({ kind: 'invitations', blocks });
  for (const block of plan.memberBlocks(blockSize)) await send({ kind: 'members', block });
  port!.postMessage({ kind: 'done', totals: plan.totals } satisfies GeneratorMessage);
}
void run();
