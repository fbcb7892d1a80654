/**
 * The test side of the HTTP stub (test/config/http-stub-setup.ts): script
 * its answers, read what it received.
 */

import { inject } from 'vitest';
import type { RecordedRequest, StubAnswer } from '../config/http-stub-types';

export const stubUrl = inject('stubUrl');

export async function resetStub(): Promise<void> {
  await fetch(`${stubUrl}/__stub`, { method: 'DELETE' });
}

export async function scriptStub(answers: readonly StubAnswer[]): Promise<void> {
  await fetch(`${stubUrl}/__stub/script`, { method: 'PUT', body: JSON.stringify(answers) });
}

export async function stubRequests(): Promise<RecordedRequest[]> {
  return (await fetch(`${stubUrl}/__stub/requests`)).json<RecordedRequest[]>();
}
