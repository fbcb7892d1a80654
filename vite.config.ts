/**
 * The widget's three builds, chosen by `--mode` (scripts/build-widget.ts runs
 * them all; `npm run build` runs that script):
 *   production (default)  dist/widget/cinetpay-button.js       one minified ES module, Lit included
 *   iife                  dist/widget/cinetpay-button.iife.js  the same for a classic <script src>
 *   console               dist/widget/admin/console.js         the merchant console (console/src), one ES module, Lit included;
 *                                                              loaded only by the Worker's /admin/ page
 *   npm                   dist/npm/                            one module per source file (same paths as the
 *                                                              sources, beside tsc's .d.ts), lit external, for bundlers
 */

import { defineConfig, type Plugin, type UserConfig } from 'vite';

const DROP_IN_ENTRY = 'widget/src/bundle.ts';

/**
 * Squeezes the whitespace out of the css`` literals of widget/src/*.styles.ts
 * (they hold no `${}`): about 1 kB raw off the drop-in script. Spaces next to
 * `:` are kept, since `a :hover` and `a:hover` are different selectors.
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
          .trim();
        return `css\`${compact}\``;
      });
    },
  };
}

function dropIn(format: 'es' | 'iife'): UserConfig {
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
        entry: DROP_IN_ENTRY,
        formats: [format],
        name: 'CinetpayEdge',
        fileName: () => (format === 'es' ? 'cinetpay-button.js' : 'cinetpay-button.iife.js'),
      },
      rolldownOptions: { output: { minify: true } },
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
  if (mode === 'iife') return dropIn('iife');
  if (mode === 'console') return consoleApp;
  if (mode === 'npm') return npm;
  return dropIn('es');
});
