import { describe, expect, it } from 'vitest';
import { worker } from './support';

describe('GET /admin/', () => {
  it('serves the console shell with no data, under a strict policy that forbids framing', async () => {
    for (const path of ['/admin/', '/admin']) {
      const response = await worker(path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("script-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
      const html = await response.text();
      expect(html).toContain('<script type="module" src="/admin/console.js"></script>');
      expect(html).toContain('<cinetpay-console>');
      expect(html).not.toMatch(/<script>(?!<)/);
    }
  });
});
