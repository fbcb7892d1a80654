/**
 * The shell commands the documentation tells a reader to run: every line of
 * a ```sh block (without its comment) and every inline `npm …`, `npx …` or
 * `curl …`, from README.md and the Markdown under docs/, sandbox/ and bench/.
 * test/node/docs-commands.test.ts checks that a test or CI runs each one.
 */

import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DocCommand {
  /** The file, relative to the repository root. */
  readonly file: string;
  /** As written, without a trailing comment. */
  readonly command: string;
}

/** The Markdown files the test reads. */
export function documentationFiles(root: string): string[] {
  const folders = ['docs', 'sandbox', 'bench'].map((folder) => join(root, folder));
  return [
    join(root, 'README.md'),
    ...folders.flatMap((folder) =>
      readdirSync(folder)
        .filter((name) => name.endsWith('.md'))
        .map((name) => join(folder, name)),
    ),
  ];
}

const INLINE = /`((?:[A-Z_]+=\S+ )*(?:npm|npx|curl) [^`]+)`/g;
const SHELL_FENCE = /^```(?:sh|bash|shell)\s*$/;

/** Every command of one Markdown text. */
export function commandsIn(text: string): string[] {
  const commands: string[] = [];
  let inShell = false;
  let inFence = false;
  let continued = false;
  let quoteOpen = false;
  let loopOpen = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) {
      inShell = !inFence && SHELL_FENCE.test(line);
      inFence = !inFence;
      continue;
    }
    if (inShell) {
      const command = line.replace(/\s+#.*$/, '').trim();
      if (command === '' || command.startsWith('#')) continue;
      // A command over several lines (a pipe, a quoted script, a loop) is named by its first line.
      if (!continued) commands.push(command);
      if ((command.match(/'/g) ?? []).length % 2 === 1) quoteOpen = !quoteOpen;
      if (/\bdo$/.test(command)) loopOpen = true;
      if (/\bdone$/.test(command)) loopOpen = false;
      continued = /[|\\]$/.test(command) || quoteOpen || loopOpen;
      continue;
    }
    if (!inFence) for (const match of line.matchAll(INLINE)) if (match[1]) commands.push(match[1].trim());
  }
  return commands;
}

/** Every command of the documentation, with its file. */
export function documentedCommands(root: string): DocCommand[] {
  return documentationFiles(root).flatMap((file) => commandsIn(readFileSync(file, 'utf8')).map((command) => ({ file: relative(root, file), command })));
}
