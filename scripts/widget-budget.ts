/**
 * The size ceilings of the drop-in scripts, in gzip bytes (level 9) with Lit
 * included, and the one function that weighs them. A page loads one script,
 * so each ceiling is what that page pays: the shop page (the button alone)
 * and the return page (the status element alone) 7.5 kB, the all-in-one
 * drop-in 9 kB (1 kB = 1024 bytes, as every size this project prints).
 * `npm run build` fails when a script is over, naming it; the browser suite's
 * test/browser/packaging.test.ts checks each file of the build it tests.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { DropInScript } from '../vite.config';

export const GZIP_CEILING_BYTES: Readonly<Record<DropInScript, number>> = {
  'cinetpay-button': 7.5 * 1024,
  'cinetpay-status': 7.5 * 1024,
  'cinetpay-elements': 9 * 1024,
};

export interface DropInWeight {
  readonly script: DropInScript;
  /** `cinetpay-button.js` or `cinetpay-button.iife.js`. */
  readonly file: string;
  readonly raw: number;
  readonly gzip: number;
  readonly ceiling: number;
}

/** Every drop-in file of `dir` (dist/widget), ES module and classic script, weighed. */
export function weighDropIns(dir: string): DropInWeight[] {
  return Object.entries(GZIP_CEILING_BYTES).flatMap(([name, ceiling]) => {
    const script = name as DropInScript;
    return [`${script}.js`, `${script}.iife.js`].map((file) => {
      const bytes = readFileSync(join(dir, file));
      return { script, file, raw: bytes.byteLength, gzip: gzipSync(bytes, { level: 9 }).byteLength, ceiling };
    });
  });
}

/** The files over their ceiling. */
export function overBudget(weights: readonly DropInWeight[]): DropInWeight[] {
  return weights.filter((weight) => weight.gzip > weight.ceiling);
}
