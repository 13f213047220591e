/**
 * The server's SQLite connection leaves copying the write-ahead log into the database file to a
 * worker thread (src/storage/checkpointer.ts). What an operator would notice: the log is copied
 * while the server does nothing else (so the database file alone is current), and stopping the
 * server leaves one complete database file and no log.
 */
import { existsSync, mkdtempSync, openSync, readSync, closeSync, rmSync, statSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStorage, type Storage } from '../../src/storage/database.js';

let dir: string;
let file: string;
let storage: Storage | undefined;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'rapport-checkpoint-'));
  file = join(dir, 'rapport.db');
});
afterEach(async () => {
  await storage?.close();
  storage = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/**
 * From the WAL index (`-shm`): frames in the log (`mxFrame`, in the index header) and frames
 * already copied into the database (`nBackfill`, right after the header's two copies).
 */
function walState(): { frames: number; copied: number } {
  const header = Buffer.alloc(100);
  const fd = openSync(`${file}-shm`, 'r');
  try {
    readSync(fd, header, 0, 100, 0);
  } finally {
    closeSync(fd);
  }
  return { frames: header.readUInt32LE(16), copied: header.readUInt32LE(96) };
}

async function writeRows(s: Storage, count: number): Promise<void> {
  await sql`create table notes (id integer primary key, body text not null)`.execute(s.db);
  for (let i = 0; i < count; i++) {
    await sql`insert into notes (body) values (${`note ${i} `.repeat(40)})`.execute(s.db);
  }
}

describe('background checkpoints', () => {
  it('copy the committed log into the database file while the connection sits idle', async () => {
    storage = openStorage(file, { backgroundCheckpoints: true });
    await writeRows(storage, 200);
    expect(walState().frames).toBeGreaterThan(100);
    // Far below SQLite's own mark of 1,000 pages: only the worker copies anything here.
    await vi.waitFor(() => expect(walState().copied).toBe(walState().frames), { timeout: 5_000 });
  });

  it('without them, the same writes stay in the log until 1,000 pages', async () => {
    storage = openStorage(file);
    await writeRows(storage, 200);
    const { frames, copied } = walState();
    expect(frames).toBeGreaterThan(100);
    expect(copied).toBe(0);
  });

  it('a process that closes its storage and has nothing else to do exits cleanly, log copied', () => {
    // The worker is unreferenced so it never keeps a process alive; while it stops it must be,
    // or the process ended (exit 13, an unsettled await) before the database was closed.
    const database = new URL('../../src/storage/database.ts', import.meta.url).href;
    const script = `
      import { sql } from 'kysely';
      import { openStorage } from ${JSON.stringify(database)};
      const s = openStorage(${JSON.stringify(file)}, { backgroundCheckpoints: true });
      await sql\`create table notes (id integer primary key)\`.execute(s.db);
      await s.close();
      console.log('closed');`;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect({ status: child.status, out: child.stdout.trim() }).toEqual({ status: 0, out: 'closed' });
    expect(existsSync(`${file}-wal`)).toBe(false);
  });

  it('closing leaves the whole database in one file and no log', async () => {
    const s = openStorage(file, { backgroundCheckpoints: true });
    await writeRows(s, 200);
    await s.close();
    expect(existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0).toBe(0);
    const plain = new SQLite(file, { readonly: true });
    try {
      expect(plain.prepare('select count(*) as n from notes').get()).toEqual({ n: 200 });
    } finally {
      plain.close();
    }
  });
});
