/**
 * A local HTTP stub for the CinetPay client tests: a real server on
 * loopback that records every request (method, URL, headers, raw body) and
 * answers from a script the test sets. The test talks to it over HTTP:
 * `PUT /__stub/script` with `[{status, body, contentType?, delayMs?}]` (one
 * entry per coming request), `GET /__stub/requests`, `DELETE /__stub`.
 */

import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { RecordedRequest, StubAnswer } from './http-stub-types';

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let script: StubAnswer[] = [];
  let requests: RecordedRequest[] = [];
  const server = createServer(async (request, response) => {
    const body = await readBody(request);
    const url = request.url ?? '/';
    if (url.startsWith('/__stub')) {
      if (request.method === 'PUT') script = JSON.parse(body) as StubAnswer[];
      if (request.method === 'DELETE') {
        script = [];
        requests = [];
      }
      response.setHeader('content-type', 'application/json');
      response.end(JSON.stringify(request.method === 'GET' ? requests : { ok: true }));
      return;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers)) headers[name] = String(value);
    requests.push({ method: request.method ?? '', url, headers, body });
    const answer = script.shift() ?? { status: 200, body: '"0123456789abcdef0123456789abcdef01234567"' };
    if (answer.delayMs) await new Promise((done) => setTimeout(done, answer.delayMs));
    if (response.destroyed) return;
    response.statusCode = answer.status;
    response.setHeader('content-type', answer.contentType ?? 'application/json');
    response.end(answer.body);
  });
  await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
  const { port } = server.address() as AddressInfo;
  project.provide('stubUrl', `http://127.0.0.1:${port}`);
  return () => new Promise<void>((closed) => server.close(() => closed()));
}
