/**
 * Every command the documentation gives is run somewhere: by CI (.ci/run),
 * or by a test, whose file is named here and must contain what runs it. The
 * few that need a Cloudflare account say so, each with the offline check
 * that stands for it. A new command in a README or in docs/ fails this test
 * until it is run, or listed with its reason. Two commands are run here
 * outright: the secret generator the README gives, and its custom-domain
 * snippet, deployed with `--dry-run`.
 */

import { execSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentedCommands } from '../../scripts/doc-commands';
import { ROOT } from '../../scripts/wrangler-dev';

interface Evidence {
  /** A file that runs the command, relative to the root… */
  readonly file: string;
  /** …and the text in it that does. */
  readonly contains: string;
  /** Set for a command that needs a Cloudflare account: why, and what runs in its place. */
  readonly accountOnly?: string;
}

const CI = '.ci/run';
const THIS_FILE = 'test/node/docs-commands.test.ts';
const DOC_SCREENSHOTS = 'test/browser/doc-screenshots.test.ts';

/** By the start of the command, environment assignments removed; the longest start that fits wins. */
const RUN_BY: Readonly<Record<string, Evidence>> = {
  'npm ci': { file: CI, contains: 'npm ci --no-audit --no-fund' },
  'npm start': { file: 'test/browser/start-origins.test.ts', contains: "join(ROOT, 'scripts', 'start.ts')" },
  'npm test': { file: CI, contains: '\nnpm test\n' },
  'npm run test:browser': { file: CI, contains: '\nnpm run test:browser\n' },
  'npm run test:resilience': { file: CI, contains: '\nnpm run test:resilience\n' },
  'npm run bench': { file: CI, contains: 'npm run bench' },
  'npm run build': { file: 'package.json', contains: '"test:browser": "npm run build &&' },
  'npm run deploy:check': { file: CI, contains: 'npm run deploy:check' },
  'npm run typecheck': { file: CI, contains: '\nnpm run typecheck\n' },
  'npm run lint': { file: CI, contains: '\nnpm run lint\n' },
  'npm run format': { file: CI, contains: 'npm run format' },
  'npm run types:check': { file: CI, contains: '\nnpm run types:check\n' },
  // The check mode of the same two `wrangler types` commands: it fails where `npm run types` would change a file.
  'npm run types': { file: 'package.json', contains: '"types:check": "wrangler types --check' },
  'npm run sandbox': { file: 'test/node/stack.test.ts', contains: "join(ROOT, 'scripts', 'sandbox.ts')" },
  'npm pack': { file: 'test/browser/npm-package.test.ts', contains: "['pack'," },
  'npm install ./cinetpay-edge-': { file: 'test/browser/npm-package.test.ts', contains: "['install'," },
  // `npm test` runs every project of vitest.config.ts.
  'npx vitest run --project': { file: 'package.json', contains: '"test": "vitest run"' },
  // What each screenshot command runs once its own stack is up, run by the browser suite on its stack, into a temp folder.
  'npx tsx scripts/console-screenshots.ts': { file: DOC_SCREENSHOTS, contains: 'withWorkerLog(() => consoleScreenshots(' },
  'npx tsx scripts/screenshot-sandbox.ts': { file: DOC_SCREENSHOTS, contains: 'await hostedPageScreenshot(' },
  'npx tsx scripts/notice-screenshots.ts': { file: DOC_SCREENSHOTS, contains: 'noticeScreenshots({ browser' },
  'npx tsx scripts/screenshots.ts': { file: DOC_SCREENSHOTS, contains: 'withWorkerLog(() => customerScreenshots(' },
  "curl -H 'Authorization: Bearer sandbox-admin-token' http://127.0.0.1:8787/admin/orders": {
    file: 'test/browser/start-origins.test.ts',
    contains: "authorization: 'Bearer sandbox-admin-token'",
  },
  "node -e \"console.log('whsec_'": { file: THIS_FILE, contains: 'execSync(generator' },
  'npm run deploy': {
    file: 'scripts/deploy-check.ts',
    contains: "'deploy', '--env='",
    accountOnly: 'deploys to Cloudflare; deploy:check runs the same, --dry-run',
  },
  'npx wrangler login': { file: CI, contains: 'npm run deploy:check', accountOnly: 'signs in to Cloudflare; nothing offline needs it' },
  'npx wrangler d1 create': {
    file: 'test/worker/apply-d1-migrations.ts',
    contains: 'applyD1Migrations',
    accountOnly: 'creates a database on Cloudflare; tests use a local D1',
  },
  'npx wrangler d1 migrations apply ORDER_DB --remote': {
    file: 'scripts/d1-migrations.ts',
    contains: "'migrations', 'apply', 'ORDER_DB', '--local'",
    accountOnly: 'the same migrations, --local, before every local stack',
  },
  'npx wrangler r2 bucket create': {
    file: 'scripts/r2-seed.ts',
    contains: "'r2', 'object', 'put'",
    accountOnly: 'creates a bucket on Cloudflare; every local stack fills a local bucket instead',
  },
  'npx wrangler r2 object put': {
    file: 'scripts/r2-seed.ts',
    contains: "'r2', 'object', 'put'",
    accountOnly: 'uploads to Cloudflare; every local stack runs the same with --local',
  },
  'npx wrangler secret put': {
    file: 'test/worker/secrets.test.ts',
    contains: 'CONFIGURATION_ERROR',
    accountOnly: 'stores a secret on Cloudflare; tests read and check the secrets',
  },
  'curl https://<your-worker>/healthz': { file: 'test/worker/secrets.test.ts', contains: '/healthz', accountOnly: 'your deployed Worker; tests call /healthz' },
  'npx wrangler tail': {
    file: 'test/worker/log-lines.test.ts',
    contains: 'is one JSON object per line, named by event',
    accountOnly: "streams a deployed Worker's log; the test captures the same lines in workerd",
  },
  'npx wrangler kv': { file: 'README.md', contains: 'Upgrading from the KV order index', accountOnly: 'an upgrade from an old deployment on Cloudflare' },
};

function evidenceFor(command: string): Evidence | undefined {
  const bare = command.replace(/^(?:[A-Z_]+=\S+ )+/, '');
  const start = Object.keys(RUN_BY)
    .filter((key) => bare.startsWith(key))
    .sort((a, b) => b.length - a.length)[0];
  return start === undefined ? undefined : RUN_BY[start];
}

describe('the commands in README.md, docs/, sandbox/ and bench/', () => {
  const commands = documentedCommands(ROOT).flatMap(({ file, command }) => command.split(' && ').map((part) => ({ file, command: part })));

  it('are found (the extraction itself works)', () => {
    expect(commands.length).toBeGreaterThan(40);
    expect(commands.map((entry) => entry.command)).toEqual(
      expect.arrayContaining(['npm start', 'npm run deploy:check', 'ALLOWED_ORIGINS=http://localhost:1313 npm start']),
    );
  });

  it('are each run by CI or a test, or need an account and say what stands for them', () => {
    const missing = commands.filter(({ command }) => evidenceFor(command) === undefined).map(({ file, command }) => `${file}: ${command}`);
    expect(missing).toEqual([]);
    for (const { file, command } of commands) {
      const evidence = evidenceFor(command);
      if (!evidence) continue;
      expect(readFileSync(join(ROOT, evidence.file), 'utf8'), `${file}: ${command} -> ${evidence.file}`).toContain(evidence.contains);
    }
  });

  it("the README's secret generator prints what the Worker asks for: whsec_ and the base64 of 24+ bytes", () => {
    const generator = commands.find(({ command }) => command.startsWith('node -e'))?.command ?? '';
    const printed = execSync(generator, { encoding: 'utf8' }).trim();
    expect(printed).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(Buffer.from(printed.slice('whsec_'.length), 'base64').length).toBeGreaterThanOrEqual(24);
  });

  it("the README's custom-domain snippet deploys (--dry-run) without a warning about it", () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const snippet = /```toml\n(routes = .*)\n```/.exec(readme)?.[1] ?? '';
    expect(snippet).toContain('custom_domain = true');
    const production = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
    const anchor = /^compatibility_date = .*$/m.exec(production)?.[0] ?? '';
    // Beside wrangler.toml, so that its relative paths (main, assets, migrations) still resolve.
    const config = join(ROOT, '.wrangler-docs-test.toml');
    const outdir = join(ROOT, '.tmp', 'docs-deploy-dry-run');
    mkdirSync(join(ROOT, 'dist', 'widget'), { recursive: true });
    writeFileSync(config, production.replace(anchor, `${anchor}\n${snippet}`));
    try {
      const run = spawnSync(
        process.execPath,
        [join(ROOT, 'node_modules', 'wrangler', 'bin', 'wrangler.js'), 'deploy', '-c', config, '--env=', '--dry-run', '--outdir', outdir],
        { cwd: ROOT, encoding: 'utf8', env: { ...process.env, WRANGLER_LOG: 'log', NO_COLOR: '1' } },
      );
      const output = `${run.stdout}${run.stderr}`;
      expect(run.status, output).toBe(0);
      expect(output).toContain('--dry-run: exiting now.');
      expect(output).not.toMatch(/Unexpected fields|routes will attempt|Multiple environments/);
    } finally {
      rmSync(config, { force: true });
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 60_000);
});
