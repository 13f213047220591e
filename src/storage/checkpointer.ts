import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode appends each commit's pages to the write-ahead log and, every 1,000 pages
 * by default, copies them back into the database file — a checkpoint, run by whichever commit
 * crosses the mark, on the thread that serves requests. Under a steady stream of sends that was
 * a quarter of a send's time (bench/, in-process: 1.2–1.3 ms a send with it, 0.9 ms without).
 *
 * The server hands that copy to a second connection on a worker thread, which checkpoints the
 * log five times a second while the main connection goes on writing: a PASSIVE checkpoint takes
 * no lock a reader or writer waits on and copies what is committed. The log starts over once all
 * of it has been copied, which under steady writes the worker never sees (more arrives while it
 * copies); the main connection's own checkpoint at a far mark (100 MB of log) does that, with
 * little left to copy. Its fsync of the database file is why the mark is far: at 5,000 pages
 * the sends measured no faster than with SQLite's default.
 */
export const BACKSTOP_PAGES = 25_000;
const INTERVAL_MS = 200;

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
const timer = setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
}, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Stops the worker and closes its connection; the main connection's close then checkpoints. */
  stop(): Promise<void>;
}

export function startCheckpointer(
  file: string,
  onError: (message: string) => void = (message) => process.emitWarning(`SQLite checkpoint: ${message}`),
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { driver, file, intervalMs: INTERVAL_MS },
  });
  worker.on('message', (m: { error?: string }) => {
    if (m.error) onError(m.error);
  });
  worker.on('error', (error) => onError(error.message));
  // It never keeps the process alive on its own.
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  return {
    stop: async () => {
      // Held while it stops: unreferenced, a process with nothing else left to do would exit
      // before the worker's exit arrives, and the connection that closes last would never close.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
