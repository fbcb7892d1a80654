import { describe, expect, it } from 'vitest';
import { TRANS_ID_PATTERN, validateTransId } from '../../../shared/api/trans-id';

describe('validateTransId: 1 to 64 of letters, digits, "-" and "_"', () => {
  it("accepts the guide's ids and the longest allowed", () => {
    for (const id of ['50445985950', '52422', 'order_2024-01-AbC', 'a'.repeat(64)]) {
      expect(validateTransId(id)).toEqual({ ok: true, value: id });
      expect(TRANS_ID_PATTERN.test(id)).toBe(true);
    }
  });

  it.each(['', 'a'.repeat(65), 'a b', 'a/b', 'a.b', 'é', '../x', 'a\n'])('refuses %j', (id) => {
    const result = validateTransId(id);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_TRANS_ID', field: 'cpm_trans_id' } });
    expect(result.ok ? '' : result.error.message).toContain('cpm_trans_id');
    expect(TRANS_ID_PATTERN.test(id)).toBe(false);
  });
});
