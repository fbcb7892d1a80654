/**
 * Every line the Worker and its Durable Objects log during each test of a
 * file, for the workerd projects: they run in the test's own isolate, so its
 * console is theirs. Call once at the top of a test file.
 */

import { afterEach, beforeEach, vi } from 'vitest';

export function captureLogs(): () => string {
  const lines: string[] = [];
  const spies: ReturnType<typeof vi.spyOn>[] = [];
  beforeEach(() => {
    lines.length = 0;
    for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      const original = console[level].bind(console);
      spies.push(
        vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
          lines.push(args.map((arg) => (typeof arg === 'string' ? arg : (JSON.stringify(arg) ?? String(arg)))).join(' '));
          original(...args);
        }),
      );
    }
  });
  afterEach(() => {
    for (const spy of spies.splice(0)) spy.mockRestore();
  });
  return () => lines.join('\n');
}
