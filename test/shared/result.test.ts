import { describe, expect, it } from 'vitest';
import { err, ok, type Result } from '../../shared/result';

function describeResult(result: Result<number, string>): string {
  return result.ok ? `value ${result.value}` : `error ${result.error}`;
}

describe('Result: errors as values', () => {
  it('ok(value) is { ok: true, value }, and nothing else', () => {
    expect(ok(5)).toStrictEqual({ ok: true, value: 5 });
    expect(Object.keys(ok(5))).toStrictEqual(['ok', 'value']);
  });

  it('err(error) is { ok: false, error }, and nothing else', () => {
    expect(err('boom')).toStrictEqual({ ok: false, error: 'boom' });
    expect(Object.keys(err('boom'))).toStrictEqual(['ok', 'error']);
  });

  it('keeps falsy values and errors as they are', () => {
    expect(ok(0)).toStrictEqual({ ok: true, value: 0 });
    expect(ok(undefined)).toStrictEqual({ ok: true, value: undefined });
    expect(err('')).toStrictEqual({ ok: false, error: '' });
  });

  it('narrows on ok', () => {
    expect(describeResult(ok(1))).toBe('value 1');
    expect(describeResult(err('x'))).toBe('error x');
  });
});
