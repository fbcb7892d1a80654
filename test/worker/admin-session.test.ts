import { exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { newSession, SESSION_COOKIE, SESSION_TTL_S, sessionCookie, verifySession } from '../../worker/src/admin-session';
import { ADMIN_TOKEN, checkout, clearOfMinuteEdge, WORKER, worker } from './support';

let clients = 0;

/** Each sign-in from its own client IP, so that tests do not spend one another's sign-in allowance. */
function client(): string {
  return `192.0.2.${(clients++ % 250) + 1}`;
}

function signIn(token: string, headers: Record<string, string> = {}): Promise<Response> {
  return worker('/admin/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: WORKER, 'cf-connecting-ip': client(), ...headers },
    body: JSON.stringify({ token }),
  });
}

/** Signs in and returns the `name=value` pair a browser would send back. */
async function session(): Promise<string> {
  const response = await signIn(ADMIN_TOKEN);
  expect(response.status).toBe(200);
  const cookie = response.headers.get('set-cookie') ?? '';
  return cookie.split(';')[0] ?? '';
}

describe('POST /admin/session', () => {
  it('answers a signed, expiring, HttpOnly, SameSite=Strict cookie on /admin; not Secure on loopback http', async () => {
    const response = await signIn(ADMIN_TOKEN);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ signedIn: true, expiresAt: expect.any(String) });
    const attributes = (response.headers.get('set-cookie') ?? '').split('; ');
    expect(attributes[0]).toMatch(new RegExp(`^${SESSION_COOKIE}=v1\\.\\d+\\.[\\w-]{22}\\.[\\w-]{43}$`));
    expect(attributes.slice(1).sort()).toEqual(['HttpOnly', `Max-Age=${SESSION_TTL_S}`, 'Path=/admin', 'SameSite=Strict']);
    expect(response.headers.get('cache-control')).toBe('no-store');
  });

  it('marks the cookie Secure on any other origin', () => {
    expect(sessionCookie('https://pay.example.com/admin/session', 'v')).toContain('; Secure');
    expect(sessionCookie('http://localhost:8787/admin/session', 'v')).not.toContain('Secure');
  });

  it('refuses a wrong token with 401, and a sign-in started by another site with 403', async () => {
    const wrong = await signIn('not-the-admin-token-at-all');
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const foreign = await signIn(ADMIN_TOKEN, { origin: 'https://evil.example' });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
  });

  it('rate limits repeated attempts: after five wrong tokens, even the right one waits', async () => {
    const ip = client();
    await clearOfMinuteEdge(10_000);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await signIn(`wrong-token-number-${i}`, { 'cf-connecting-ip': ip })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await signIn(ADMIN_TOKEN, { 'cf-connecting-ip': ip });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect(limited.headers.get('set-cookie')).toBeNull();
    expect((await signIn(ADMIN_TOKEN)).status).toBe(200);
  });
});

describe('the session cookie', () => {
  it('opens the admin API to GET', async () => {
    const cookie = await session();
    for (const path of ['/admin/session', '/admin/orders', '/admin/orders.csv']) {
      expect((await worker(path, { headers: { cookie } })).status, path).toBe(200);
    }
  });

  it('gives no admin data without a session or a token, or with a forged or expired one', async () => {
    const cookie = await session();
    const value = cookie.slice(SESSION_COOKIE.length + 1);
    const forged = `${value.slice(0, -2)}${value.endsWith('AA') ? 'BA' : 'AA'}`;
    const expired = (await newSession(ADMIN_TOKEN, Date.now() - (SESSION_TTL_S + 1) * 1000)).value;
    // Signed with the right token and unexpired, but never opened: only a sign-in opens a session.
    const unopened = (await newSession(ADMIN_TOKEN)).value;
    const other = (await newSession('another-token-of-enough-length')).value;
    for (const header of [
      undefined,
      `${SESSION_COOKIE}=${forged}`,
      `${SESSION_COOKIE}=${expired}`,
      `${SESSION_COOKIE}=${other}`,
      `${SESSION_COOKIE}=${unopened}`,
      `${SESSION_COOKIE}=`,
    ]) {
      for (const path of ['/admin/orders', '/admin/orders.csv', '/admin/session', '/admin/balance']) {
        const response = await worker(path, header ? { headers: { cookie: header } } : {});
        expect(response.status, `${path} ${header}`).toBe(401);
        expect(await response.text()).not.toContain('"orders"');
      }
    }
    expect(await verifySession(ADMIN_TOKEN, value, Date.now() + (SESSION_TTL_S + 1) * 1000)).toBeNull();
  });

  it('acts (POST) only from the Worker’s own origin: a cross-site POST carrying the cookie is refused', async () => {
    const cookie = await session();
    const { transId } = await checkout();
    const path = `/admin/orders/${transId}/recheck`;
    const foreign = await worker(path, { method: 'POST', headers: { cookie, origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
    const crossSite = await worker(path, { method: 'POST', headers: { cookie, 'sec-fetch-site': 'cross-site' } });
    expect(crossSite.status).toBe(403);
    const bare = await worker(path, { method: 'POST', headers: { cookie } });
    expect(bare.status).toBe(403);
    expect((await worker(path, { method: 'POST', headers: { cookie, origin: WORKER } })).status).toBe(200);
    expect((await worker(path, { method: 'POST', headers: { cookie, 'sec-fetch-site': 'same-origin' } })).status).toBe(200);
  });

  it('the bearer token keeps working without any origin', async () => {
    const { transId } = await checkout();
    const response = await worker(`/admin/orders/${transId}/recheck`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN_TOKEN}` } });
    expect(response.status).toBe(200);
  });
});

describe('DELETE /admin/session', () => {
  it('clears the cookie, from the Worker’s own origin only', async () => {
    const cookie = await session();
    expect((await worker('/admin/session', { method: 'DELETE', headers: { cookie, origin: 'https://evil.example' } })).status).toBe(403);
    const out = await worker('/admin/session', { method: 'DELETE', headers: { cookie, origin: WORKER } });
    expect(out.status).toBe(200);
    const cleared = (out.headers.get('set-cookie') ?? '').split('; ');
    expect(cleared[0]).toBe(`${SESSION_COOKIE}=`);
    expect(cleared).toContain('Max-Age=0');
    expect(cleared).toContain('Path=/admin');
    // A copy of the cookie kept elsewhere is refused too: the session ended on the Worker, not only in this browser.
    expect((await worker('/admin/orders', { headers: { cookie } })).status).toBe(401);
  });

  it('ends only its own session', async () => {
    const mine = await session();
    const other = await session();
    expect((await worker('/admin/session', { method: 'DELETE', headers: { cookie: mine, origin: WORKER } })).status).toBe(200);
    expect((await worker('/admin/orders', { headers: { cookie: mine } })).status).toBe(401);
    expect((await worker('/admin/orders', { headers: { cookie: other } })).status).toBe(200);
  });

  it('is answered on an https origin with a Secure cookie', async () => {
    const response = await exports.default.fetch(new Request('https://pay.example.com/admin/session', { method: 'DELETE', headers: { origin: WORKER } }));
    expect(response.headers.get('set-cookie')).toContain('; Secure');
  });
});

describe('probing /admin/ without a credential', () => {
  it('answers 401 to an unknown admin path or method, and 404 / 405 once signed in', async () => {
    expect((await worker('/admin/secrets')).status).toBe(401);
    expect((await worker('/admin/orders', { method: 'DELETE' })).status).toBe(401);
    const cookie = await session();
    expect((await worker('/admin/secrets', { headers: { cookie } })).status).toBe(404);
    expect((await worker('/admin/orders', { method: 'DELETE', headers: { cookie, origin: WORKER } })).status).toBe(405);
    expect((await worker('/nothing-here')).status).toBe(404);
  });
});
