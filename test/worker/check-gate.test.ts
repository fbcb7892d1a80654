/**
 * The check gate alone (worker/src/check-gate.ts), with checks this test
 * controls: who shares which check, when `final()` spares a call, and the
 * spacing between two checks. Only lower bounds of time are asserted, which
 * a busy machine cannot break.
 */

import { describe, expect, it } from 'vitest';
import { CheckGate } from '../../worker/src/check-gate';

const SPACING_MS = 50;

/** A check whose answer the test releases, recording when it started. */
function controlledChecks() {
  const started: number[] = [];
  const releases: ((answer: string) => void)[] = [];
  const check = (): Promise<string> => {
    started.push(Date.now());
    return new Promise((resolve) => releases.push(resolve));
  };
  return { started, releases, check };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe('CheckGate', () => {
  it('gives callers that arrive during a check the next check, shared by all of them', async () => {
    const gate = new CheckGate<string>(SPACING_MS);
    const { started, releases, check } = controlledChecks();
    const first = gate.run(check, () => undefined);
    const waiters = Array.from({ length: 10 }, () => gate.run(check, () => undefined));
    releases[0]?.('first');
    expect(await first).toBe('first');
    await until(() => started.length === 2);
    releases[1]?.('second');
    expect(await Promise.all(waiters)).toEqual(Array.from({ length: 10 }, () => 'second'));
    expect(started).toHaveLength(2);
    expect((started[1] ?? 0) - (started[0] ?? 0)).toBeGreaterThanOrEqual(SPACING_MS);
  });

  it('answers the waiters with final() and no further check once the order is final', async () => {
    const gate = new CheckGate<string>(SPACING_MS);
    const { started, releases, check } = controlledChecks();
    let accepted = false;
    const final = () => (accepted ? 'already accepted' : undefined);
    const first = gate.run(check, final);
    const waiters = Array.from({ length: 10 }, () => gate.run(check, final));
    accepted = true;
    releases[0]?.('paid');
    expect(await first).toBe('paid');
    expect(new Set(await Promise.all(waiters))).toEqual(new Set(['already accepted']));
    expect(started).toHaveLength(1);
  });

  it('lets waiters go on when the running check fails', async () => {
    const gate = new CheckGate<string>(SPACING_MS);
    let calls = 0;
    const check = async (): Promise<string> => {
      calls++;
      if (calls === 1) throw new Error('upstream down');
      return 'pending';
    };
    const first = gate.run(check, () => undefined);
    const waiter = gate.run(check, () => undefined);
    await expect(first).rejects.toThrow('upstream down');
    expect(await waiter).toBe('pending');
    expect(calls).toBe(2);
  });

  it('starts a caller arriving after a finished check on a new check, spaced from the last', async () => {
    const gate = new CheckGate<string>(SPACING_MS);
    const starts: number[] = [];
    const check = async (): Promise<string> => {
      starts.push(Date.now());
      return `answer ${starts.length}`;
    };
    expect(await gate.run(check, () => undefined)).toBe('answer 1');
    expect(await gate.run(check, () => undefined)).toBe('answer 2');
    expect((starts[1] ?? 0) - (starts[0] ?? 0)).toBeGreaterThanOrEqual(SPACING_MS);
  });
});
