/**
 * How one stored paid-order notice reaches its channel: the raw email through
 * the `NOTICE_EMAIL` send_email binding, the JSON bodies through Telegram's
 * `sendMessage` and Slack's and Discord's incoming webhooks. The body was
 * rendered when the order was paid (paid-order-notice.ts) and is sent as
 * stored; the email addresses, the bot token and the webhook URLs are read
 * from the settings at each attempt, so that no secret is ever stored with
 * the order, and a corrected setting serves the next retry. A failure is described without
 * the URL or the token.
 */

import { EmailMessage } from 'cloudflare:email';
import type { Config, NoticeChannel } from './config';

/** The outcome of one attempt: delivered when `error` is null. Email has no HTTP status. */
export interface SendOutcome {
  readonly status: number | null;
  readonly error: string | null;
}

const NOTICE_TIMEOUT_MS = 10_000;
/** A refusal's own words, cut: enough to see "destination address not verified", never a whole page. */
const MAX_ERROR_LENGTH = 160;

async function post(url: string, body: string): Promise<SendOutcome> {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'cinetpay-edge' },
      body,
      signal: AbortSignal.timeout(NOTICE_TIMEOUT_MS),
    });
    await response.body?.cancel();
    const delivered = response.status >= 200 && response.status < 300;
    return { status: response.status, error: delivered ? null : `HTTP ${response.status}` };
  } catch (error) {
    return { status: null, error: error instanceof Error && error.name === 'TimeoutError' ? 'timeout' : 'network error' };
  }
}

async function sendEmail(raw: string, config: Config, env: Env): Promise<SendOutcome> {
  const email = config.notices.email;
  if (email === null || env.NOTICE_EMAIL === undefined) return { status: null, error: 'email notices are not configured' };
  try {
    await env.NOTICE_EMAIL.send(new EmailMessage(email.from, email.to, raw));
    return { status: null, error: null };
  } catch (error) {
    return { status: null, error: `send_email refused: ${(error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH)}` };
  }
}

/** One attempt to deliver a stored notice on its channel. */
export async function sendNotice(channel: NoticeChannel, body: string, config: Config, env: Env): Promise<SendOutcome> {
  const { telegram, slack, discord } = config.notices;
  switch (channel) {
    case 'email':
      return sendEmail(body, config, env);
    case 'telegram':
      return telegram ? post(`${telegram.apiUrl}/bot${telegram.botToken}/sendMessage`, body) : { status: null, error: 'telegram notices are not configured' };
    case 'slack':
      return slack ? post(slack.webhookUrl, body) : { status: null, error: 'slack notices are not configured' };
    case 'discord':
      return discord ? post(discord.webhookUrl, body) : { status: null, error: 'discord notices are not configured' };
  }
}
