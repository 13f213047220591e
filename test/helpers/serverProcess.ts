/**
 * One real `rapport serve` process, for suites that must kill it: `bin/rapport.js serve` when
 * dist/ is built from the current sources (as CI builds it), else src/ through tsx. It listens
 * on a free port picked here, and kills itself if the test process that started it goes away.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { builtServerIsFresh } from './cluster.js';

const ROOT = resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** The last lines it printed, for failure messages. */
  output: string[];
  /** Sends the signal and waits for the process to be gone. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

function entry(): string[] {
  const choice = process.env.RAPPORT_TEST_SERVER ?? (builtServerIsFresh() ? 'dist' : 'tsx');
  const orphanGuard = `process.stdin.on('close', () => process.kill(process.pid, 'SIGKILL')); process.stdin.resume();`;
  if (choice === 'dist') {
    const bin = resolve(ROOT, 'bin/rapport.js');
    const code = `${orphanGuard}
process.argv = [process.argv[0], ${JSON.stringify(bin)}, 'serve'];
await import(${JSON.stringify(pathToFileURL(bin).href)});`;
    return ['--input-type=module', '-e', code];
  }
  const main = pathToFileURL(resolve(ROOT, 'src/cli/main.ts')).href;
  const code = `${orphanGuard}
const { main } = await import(${JSON.stringify(main)});
await main(['node', 'rapport', 'serve']);`;
  return ['--import', 'tsx', '--input-type=module', '-e', code];
}

export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, entry(), {
    cwd: ROOT,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      RAPPORT_DEMO: '0',
      RAPPORT_SCRYPT_LOG_N: '10',
      LOG_LEVEL: 'warn',
      TEST_DIALECT: '',
      ...env,
      PORT: String(port),
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const remember = (chunk: Buffer) => {
    for (const line of String(chunk).split('\n')) {
      if (line.trim() === '') continue;
      output.push(line);
      if (output.length > 200) output.shift();
    }
  };
  child.stdout?.on('data', remember);
  child.stderr?.on('data', remember);
  const exited = once(child, 'exit');
  const url = `http://127.0.0.1:${port}`;
  const proc: ServerProcess = {
    url,
    child,
    output,
    kill: async (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`rapport serve exited with ${child.exitCode}:\n${output.join('\n')}`);
    try {
      if ((await fetch(`${url}/healthz`)).status === 200) return proc;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await proc.kill('SIGKILL');
      throw new Error(`rapport serve did not answer /healthz within 60 s:\n${output.join('\n')}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
