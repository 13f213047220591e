import { readFile } from 'node:fs/promises';
import { importNetwork } from '../../commands/importNetwork.js';
import { CliError } from '../context.js';
import type { CliCommand } from '../main.js';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const importCommand: CliCommand = (program, context) => {
  program
    .command('import')
    .description('load members, connections, invitations and blocks with explicit timestamps, all or nothing')
    .argument('<file>', 'a JSON file: {members, connections, invitations, blocks} (see README)')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        throw new CliError(`cannot read ${file}: ${(error as Error).message}`);
      }
      let document: unknown;
      try {
        document = JSON.parse(text);
      } catch (error) {
        throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
      }
      const summary = await context.withDeps((deps) => importNetwork(deps, document));
      context.print(
        `Imported ${plural(summary.members, 'member')}, ${plural(summary.connections, 'connection')}, ` +
          `${plural(summary.invitations, 'invitation')} and ${plural(summary.blocks, 'block')} from ${file}.`,
      );
    });
};
