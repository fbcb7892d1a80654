import { exports, env } from 'cloudflare:workers';
import { expect, it } from 'vitest';
it('worker', async () => { const r = await exports.default.fetch('http://x/'); expect(await r.text()).toBe('ok'); expect(env.CINETPAY_APIKEY).toBeDefined(); });
