/**
 * The README's cost of a million payments is a claim: it must agree, to
 * the dollar, with the bill the bench last wrote (docs/cost.md, rewritten
 * by `npm run bench -- --write`).
 */

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../scripts/wrangler-dev';

describe("the README's cost of one million payments a month", () => {
  it('is the total of docs/cost.md, rounded to the dollar', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const claimed = /one million payments a month come to about\s+\$(\d+)/.exec(readme)?.[1];
    const bill = /\| \*\*total\*\* \|[^$]*\*\*\$([\d.]+)\*\*/.exec(readFileSync(join(ROOT, 'docs', 'cost.md'), 'utf8'))?.[1];
    expect(claimed).toBeDefined();
    expect(bill).toBeDefined();
    expect(Number(claimed)).toBe(Math.round(Number(bill)));
  });
});
