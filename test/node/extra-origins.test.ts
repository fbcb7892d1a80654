import { describe, expect, it } from 'vitest';
import { extraOriginsFromEnvironment } from '../../scripts/extra-origins';

describe('ALLOWED_ORIGINS for npm start', () => {
  it('reads nothing from an unset or empty variable', () => {
    expect(extraOriginsFromEnvironment(undefined)).toEqual({ ok: true, value: [] });
    expect(extraOriginsFromEnvironment(' , ')).toEqual({ ok: true, value: [] });
  });

  it('reads comma-separated origins, a trailing slash allowed, duplicates once', () => {
    expect(extraOriginsFromEnvironment('http://localhost:1313, https://shop.example.com/,http://localhost:1313')).toEqual({
      ok: true,
      value: ['http://localhost:1313', 'https://shop.example.com'],
    });
  });

  it.each(['localhost:1313', 'http://localhost:1313/shop', 'ftp://example.com', 'http://localhost:1313?x=1', 'not a url'])('refuses %s, naming it', (value) => {
    const result = extraOriginsFromEnvironment(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(JSON.stringify(value));
  });
});
