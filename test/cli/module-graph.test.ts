import { existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/** The source file of an import written `./x.js`: `./x.ts`, or `./x.tsx` (the email templates). */
function sourceOf(path: string): string {
  const ts = path.replace(/\.js$/, '.ts');
  return existsSync(ts) ? ts : `${ts}x`;
}

/**
 * Every module loading `entry` loads: its static imports and re-exports that are not type-only,
 * followed through our own files (`./x.js` is `./x.ts` or `./x.tsx`). Packages are listed, not entered.
 * Dynamic `import()` is left out on purpose: that is how `serve` defers the HTTP layer.
 */
function moduleGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    for (const statement of source.statements) {
      let specifier: ts.Expression | undefined;
      if (ts.isImportDeclaration(statement) && !statement.importClause?.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
        specifier = statement.moduleSpecifier;
      }
      if (!specifier || !ts.isStringLiteral(specifier)) continue;
      const name = specifier.text;
      if (name.startsWith('.')) visit(sourceOf(resolve(dirname(file), name)));
      else if (!name.startsWith('node:')) packages.add(name);
    }
  };
  visit(resolve(ROOT, entry));
  return { files, packages };
}

const ours = (graph: { files: Set<string> }) => [...graph.files].map((f) => relative(ROOT, f));
const fastifyPackages = (graph: { packages: Set<string> }) =>
  [...graph.packages].filter((p) => p === 'fastify' || p.startsWith('@fastify/') || p.startsWith('fastify-'));

describe('O3 the command line starts from src/runtime.ts, not from the HTTP layer', () => {
  it('O3 the CLI (main and every command, sweep and export included) loads neither src/http nor Fastify', () => {
    const cli = moduleGraph('src/cli/main.ts');
    expect(ours(cli)).toContain('src/runtime.ts');
    expect(ours(cli)).toContain('src/cli/commands/sweep.ts');
    expect(ours(cli)).toContain('src/jobs/sweep.ts');
    expect(ours(cli).filter((f) => f.startsWith('src/http/'))).toEqual([]);
    expect(fastifyPackages(cli)).toEqual([]);
  });

  it('O1 the server does load Fastify, through the same runtime (so the check above can see it)', () => {
    const server = moduleGraph('src/http/server.ts');
    expect(ours(server)).toContain('src/runtime.ts');
    expect(fastifyPackages(server)).toContain('fastify');
  });
});
