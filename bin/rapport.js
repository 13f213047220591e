#!/usr/bin/env node
// The `rapport` command. It runs the compiled CLI; `npm install` builds it (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const compiled = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(compiled)) {
  console.error('rapport: the server is not built yet; run `npm run build:server` first.');
  process.exit(1);
}
const { main } = await import(compiled);
await main(process.argv);
