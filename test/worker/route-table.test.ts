/**
 * Walks the route table: every path answers OPTIONS as its CORS policy says,
 * 405 with the right `Allow` for methods it does not take, and HEAD like GET
 * without a body. The expected `Allow` is computed here from the table, not
 * read from the router, so a router that drifts from its table fails.
 */

import { describe, expect, it } from 'vitest';
import { ROUTES, type Route } from '../../worker/src/routes';
import { ADMIN_TOKEN, SHOP_ORIGIN, worker } from './support';

const UNKNOWN_TRANS_ID = '1700000000000123456';
const paths = [...new Set(ROUTES.map((route) => route.path))];

function entries(path: string): Route[] {
  return ROUTES.filter((route) => route.path === path);
}

function concrete(path: string): string {
  return path.replace(':transId', UNKNOWN_TRANS_ID).replace(':product', 'tshirt-m');
}

function expectedAllow(path: string): string[] {
  const routes = entries(path);
  const methods: string[] = routes.map((route) => route.method);
  if (methods.includes('GET')) methods.push('HEAD');
  if (routes[0]?.cors !== 'none') methods.push('OPTIONS');
  return methods.sort();
}

function headersFor(path: string): Record<string, string> {
  return entries(path).some((route) => route.auth === 'admin') ? { authorization: `Bearer ${ADMIN_TOKEN}` } : {};
}

describe('the route table', () => {
  it('has one policy per path and no method twice on a path', () => {
    for (const path of paths) {
      const routes = entries(path);
      expect(new Set(routes.map((route) => route.cors)).size, path).toBe(1);
      expect(new Set(routes.map((route) => route.method)).size, path).toBe(routes.length);
    }
  });

  for (const path of paths) {
    describe(path, () => {
      it('answers OPTIONS as its CORS policy says', async () => {
        const cors = entries(path)[0]?.cors;
        const response = await worker(concrete(path), {
          method: 'OPTIONS',
          headers: { origin: SHOP_ORIGIN, 'access-control-request-method': entries(path)[0]?.method ?? 'GET' },
        });
        if (cors === 'none') {
          expect(response.status).toBe(405);
          expect(response.headers.get('access-control-allow-origin')).toBeNull();
          return;
        }
        expect(response.status).toBe(204);
        expect(response.headers.get('access-control-allow-origin')).toBe(cors === 'public' ? '*' : SHOP_ORIGIN);
        expect(response.headers.get('access-control-allow-methods')?.split(', ').sort()).toEqual(expectedAllow(path));
      });

      it('answers 405 with a correct Allow to methods it does not take', async () => {
        for (const method of ['PUT', 'DELETE', 'PATCH', 'GET', 'POST']) {
          if (expectedAllow(path).includes(method)) continue;
          const response = await worker(concrete(path), { method, headers: headersFor(path) });
          expect(response.status, `${method} ${path}`).toBe(405);
          expect(response.headers.get('allow')?.split(', ').sort()).toEqual(expectedAllow(path));
          expect(await response.json()).toMatchObject({ error: { code: 'METHOD_NOT_ALLOWED' } });
        }
      });

      if (entries(path).some((route) => route.method === 'GET')) {
        it('answers HEAD like GET, without a body', async () => {
          const get = await worker(concrete(path), { headers: headersFor(path) });
          const head = await worker(concrete(path), { method: 'HEAD', headers: headersFor(path) });
          expect(head.status).toBe(get.status);
          expect(head.headers.get('content-type')).toBe(get.headers.get('content-type'));
          expect(head.headers.get('cache-control')).toBe(get.headers.get('cache-control'));
          expect(await head.text()).toBe('');
          await get.body?.cancel();
        });
      }
    });
  }

  it('answers 404 NOT_FOUND to a path outside the table', async () => {
    const response = await worker('/api/nothing-here');
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
