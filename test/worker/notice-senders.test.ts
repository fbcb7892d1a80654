import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/src/config';
import { sendNotice } from '../../worker/src/notice-senders';

function config() {
  const read = readConfig(env);
  if (!read.ok) throw new Error(JSON.stringify(read.error));
  return read.value;
}

/** A send_email binding that refuses every message, as Cloudflare does for an unverified destination. */
const refusing: SendEmail = {
  send: async () => {
    throw new Error('destination address is not a verified address');
  },
};

describe('sendNotice', () => {
  it('reports a refused email with the binding’s reason, to be retried', async () => {
    const outcome = await sendNotice('email', 'From: x\r\n\r\nbody', config(), { ...env, NOTICE_EMAIL: refusing });
    expect(outcome).toEqual({ status: null, error: 'send_email refused: destination address is not a verified address' });
  });

  it('reports a channel whose settings were removed since the order was paid', async () => {
    const { NOTICE_EMAIL: _binding, ...unbound } = env;
    expect(await sendNotice('email', 'raw', config(), unbound)).toEqual({ status: null, error: 'email notices are not configured' });
    const withoutChats = { ...config(), notices: { ...config().notices, telegram: null, slack: null, discord: null } };
    for (const channel of ['telegram', 'slack', 'discord'] as const) {
      expect(await sendNotice(channel, '{}', withoutChats, env)).toEqual({ status: null, error: `${channel} notices are not configured` });
    }
  });

  it('counts a receiver’s non-2xx answer as a failure, named by its status alone', async () => {
    const unreachable = { ...config(), notices: { ...config().notices, slack: { webhookUrl: 'http://127.0.0.1:8788/__sandbox/nowhere-SECRET' } } };
    const outcome = await sendNotice('slack', '{"text":"x"}', unreachable, env);
    expect(outcome).toEqual({ status: 404, error: 'HTTP 404' });
  });
});
