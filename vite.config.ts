/**
 * The widget's builds, chosen by `--mode` (scripts/build-widget.ts runs them
 * all; `npm run build` runs that script):
 *   <script>              dist/widget/<script>.js       one minified ES module, Lit included, for each DROP_IN_SCRIPTS entry:
 *                                                         cinetpay-button (the button alone), cinetpay-status (the status
 *                                                         element alone), cinetpay-elements (both, the all-in-one drop-in)
 *   <script>-iife         dist/widget/<script>.iife.js  the same for a classic <script src>; every one adds its exports to
 *                                                         the one global `CinetpayEdge`
 *   console               dist/widget/admin/console.js  the merchant console (console/src), one ES module, Lit included;
 *                                                         loaded only by the Worker's /admin/ page
 *   npm                   dist/npm/                     one module per source file (same paths as the
 *                                                         sources, beside tsc's .d.ts), lit external, for bundlers
 * Each drop-in script is self-contained: a page loads one file, and pays for
 * the code of the elements it shows and nothing else.
 */

import { defineConfig, type Plugin, type UserConfig } from 'vite';

/** The drop-in scripts: each is built from widget/src/drop-in/<name>.ts. */
export const DROP_IN_SCRIPTS = ['cinetpay-button', 'cinetpay-status', 'cinetpay-elements'] as const;
export type DropInScript = (typeof DROP_IN_SCRIPTS)[number];

/**
 * Squeezes the whitespace out of the css`` literals of widget/src/*.styles.ts
 * (they hold no `${}`), and the leading zero of `0.5em`: about 1 kB raw off
 * each drop-in script. Spaces next to `:` are kept, since `a :hover` and
 * `a:hover` are different selectors.
 */
export function minifyLitCss(): Plugin {
  return {
    name: 'cinetpay-minify-lit-css',
    transform(code, id) {
      if (!/[\\/]widget[\\/]src[\\/][^\\/]+\.styles\.ts$/.test(id)) return null;
      return code.replace(/css`([^`$]*)`/g, (_match, text: string) => {
        const compact = text
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .replace(/(^|[^\d.])0\.(\d)/g, '$1.$2')
          // A declaration's `name: value` (after `{` or `;`), never a selector's `a :hover`.
          .replace(/([{;][a-z-]+): /g, '$1:')
          .trim();
        return `css\`${compact}\``;
      });
    },
  };
}

function dropIn(script: DropInScript, format: 'es' | 'iife'): UserConfig {
  return {
    publicDir: false,
    plugins: [minifyLitCss()],
    build: {
      outDir: 'dist/widget',
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      reportCompressedSize: false,
      lib: {
        entry: `widget/src/drop-in/${script}.ts`,
        formats: [format],
        name: 'CinetpayEdge',
        fileName: () => (format === 'es' ? `${script}.js` : `${script}.iife.js`),
      },
      // `extend`: a page with both per-page classic scripts gets both classes on one `CinetpayEdge`.
      rolldownOptions: { output: { minify: true, extend: true } },
    },
  };
}

const npm: UserConfig = {
  publicDir: false,
  plugins: [minifyLitCss()],
  build: {
    outDir: 'dist/npm',
    emptyOutDir: false,
    target: 'es2022',
    minify: false,
    reportCompressedSize: false,
    lib: {
      entry: {
        'widget/src/index': 'widget/src/index.ts',
        'widget/src/cinetpay-button': 'widget/src/cinetpay-button.ts',
        'widget/src/cinetpay-status': 'widget/src/cinetpay-status.ts',
        'widget/src/define': 'widget/src/define.ts',
      },
      formats: ['es'],
    },
    rolldownOptions: {
      external: [/^lit(\/|$)/, /^@lit\//],
      output: { preserveModules: true, preserveModulesRoot: '.', entryFileNames: '[name].js' },
    },
  },
};

const consoleApp: UserConfig = {
  publicDir: false,
  build: {
    outDir: 'dist/widget/admin',
    emptyOutDir: false,
    target: 'es2022',
    minify: true,
    reportCompressedSize: false,
    lib: { entry: 'console/src/main.ts', formats: ['es'], fileName: () => 'console.js' },
    rolldownOptions: { output: { minify: true } },
  },
};

export default defineConfig(({ mode }) => {
  if (mode === 'console') return consoleApp;
  if (mode === 'npm') return npm;
  const script = DROP_IN_SCRIPTS.find((name) => mode === name || mode === `${name}-iife`);
  if (!script) throw new Error(`vite.config.ts: unknown mode ${mode}; use one of ${DROP_IN_SCRIPTS.join(', ')} (each also with -iife), console or npm`);
  return dropIn(script, mode.endsWith('-iife') ? 'iife' : 'es');
});
