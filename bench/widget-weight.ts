/**
 * Widget weight: how many bytes the drop-in script costs a merchant's page,
 * against the floor of shipping Lit at all. The floor and the widget are
 * bundled in this process by esbuild with identical settings (bundle, minify,
 * ESM, es2022, browser), so that their ratio measures our code and nothing
 * else; the files `npm run build` ships (Vite/Rolldown, ES module and IIFE)
 * are measured beside them. Each is reported raw, gzip (level 9) and brotli
 * (quality 11), both from node:zlib.
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { ratio } from './stats';

/** Raw, gzip and brotli sizes of one file, in bytes. */
export interface Weight {
  readonly label: string;
  readonly raw: number;
  readonly gzip: number;
  readonly brotli: number;
}

export interface WidgetWeight {
  /** `export * from 'lit'`, bundled by esbuild: the least a Lit widget can weigh. */
  readonly litFloor: Weight;
  /** widget/src/drop-in/cinetpay-elements.ts (the all-in-one drop-in entry: both elements and their registration), bundled by esbuild exactly like the floor. */
  readonly widgetEsbuild: Weight;
  /** dist/widget/cinetpay-elements.js (the all-in-one), as shipped. */
  readonly shippedEs: Weight;
  /** dist/widget/cinetpay-elements.iife.js, as shipped. */
  readonly shippedIife: Weight;
  /** gzip ratios to the floor: the headline. */
  readonly ratios: { readonly widgetEsbuild: number; readonly shippedEs: number; readonly shippedIife: number };
}

function weigh(label: string, bytes: Uint8Array): Weight {
  return {
    label,
    raw: bytes.byteLength,
    gzip: gzipSync(bytes, { level: 9 }).byteLength,
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
    }).byteLength,
  };
}

/** One esbuild bundle with the settings shared by the floor and the widget; returns the output bytes. */
async function bundle(root: string, entry: { readonly stdin: string } | { readonly file: string }): Promise<Uint8Array> {
  const result = await build({
    ...('stdin' in entry
      ? { stdin: { contents: entry.stdin, resolveDir: root, loader: 'js' as const, sourcefile: 'lit-floor.js' } }
      : { entryPoints: [join(root, entry.file)] }),
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const [output] = result.outputFiles;
  if (!output) throw new Error('esbuild produced no output');
  return output.contents;
}

/** Measures the four files; `npm run build` must have run (bench's script does it first). */
export async function measureWidgetWeight(root: string): Promise<WidgetWeight> {
  const litFloor = weigh("lit floor (esbuild: export * from 'lit')", await bundle(root, { stdin: "export * from 'lit';\n" }));
  const widgetEsbuild = weigh(
    'widget (esbuild: widget/src/drop-in/cinetpay-elements.ts)',
    await bundle(root, { file: 'widget/src/drop-in/cinetpay-elements.ts' }),
  );
  const shippedEs = weigh('shipped dist/widget/cinetpay-elements.js', readFileSync(join(root, 'dist', 'widget', 'cinetpay-elements.js')));
  const shippedIife = weigh('shipped dist/widget/cinetpay-elements.iife.js', readFileSync(join(root, 'dist', 'widget', 'cinetpay-elements.iife.js')));
  return {
    litFloor,
    widgetEsbuild,
    shippedEs,
    shippedIife,
    ratios: {
      widgetEsbuild: ratio(widgetEsbuild.gzip, litFloor.gzip),
      shippedEs: ratio(shippedEs.gzip, litFloor.gzip),
      shippedIife: ratio(shippedIife.gzip, litFloor.gzip),
    },
  };
}
