/**
 * Setup file of the Worker's workerd projects: applies worker/migrations/ to
 * the order index (D1) before the tests, as `wrangler d1 migrations apply`
 * does for `npm start` and a deploy. The migrations come from the vitest
 * config (`readD1Migrations()` runs in Node) through the `TEST_MIGRATIONS`
 * binding; applying twice is a no-op, so every test file may run this.
 */

import { applyD1Migrations, type D1Migration } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

const bindings: object = env;
const migrations: unknown = 'TEST_MIGRATIONS' in bindings ? bindings.TEST_MIGRATIONS : undefined;
if (!Array.isArray(migrations)) throw new Error('TEST_MIGRATIONS is missing: vitest.config.ts passes readD1Migrations() to the Worker projects');
await applyD1Migrations(env.ORDER_DB, migrations as D1Migration[]);
