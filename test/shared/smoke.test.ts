import { expect, it } from 'vitest';
it('node', () => { expect(typeof process.version).toBe('string'); });
