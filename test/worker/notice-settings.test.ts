import { env } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../worker/src/config';
import workerModule from '../../worker/src/index';

interface Problem {
  readonly setting: string;
  readonly problem: string;
}

/** The sandbox environment without its send_email binding. */
const { NOTICE_EMAIL: _binding, ...unbound } = env;

async function problems(overrides: Partial<Env>, base: Env = env): Promise<Problem[]> {
  const response = await workerModule.fetch(new Request('http://127.0.0.1:8787/healthz'), { ...base, ...overrides });
  return response.status === 200 ? [] : (await response.json<{ problems: Problem[] }>()).problems;
}

describe('notice settings', () => {
  it('are valid as the sandbox sets them, every channel on', async () => {
    expect(await problems({})).toEqual([]);
  });

  it('turn a channel off when its settings are left empty', async () => {
    expect(
      await problems(
        {
          NOTICE_EMAIL_TO: '',
          TELEGRAM_BOT_TOKEN: '',
          TELEGRAM_CHAT_ID: '',
          SLACK_WEBHOOK_URL: '',
          DISCORD_WEBHOOK_URL: '',
        },
        unbound,
      ),
    ).toEqual([]);
  });

  it('name each malformed setting, never its value', async () => {
    const found = await problems({
      NOTICE_LANG: 'de',
      NOTICE_PAYER_PHONE: 'yes',
      NOTICE_EMAIL_FROM: 'not an address',
      TELEGRAM_BOT_TOKEN: 'secret-token-without-id',
      TELEGRAM_CHAT_ID: 'my chat',
      SLACK_WEBHOOK_URL: 'hooks.slack.com/services/SECRETPART',
      DISCORD_WEBHOOK_URL: 'ftp://discord.example/SECRETPART',
      MERCHANT_NAME: 'x'.repeat(101),
    });
    expect(found.map((problem) => problem.setting).sort()).toEqual([
      'DISCORD_WEBHOOK_URL',
      'MERCHANT_NAME',
      'NOTICE_EMAIL_FROM',
      'NOTICE_LANG',
      'NOTICE_PAYER_PHONE',
      'SLACK_WEBHOOK_URL',
      'TELEGRAM_BOT_TOKEN',
      'TELEGRAM_CHAT_ID',
    ]);
    const text = JSON.stringify(found);
    for (const value of ['secret-token-without-id', 'SECRETPART', 'not an address', 'my chat']) expect(text).not.toContain(value);
  });

  it('ask for the send_email binding when email notices are on without it', async () => {
    expect(await problems({}, unbound)).toEqual([
      {
        setting: 'NOTICE_EMAIL',
        problem: 'is not bound, and NOTICE_EMAIL_TO is set: add [[send_email]] name = "NOTICE_EMAIL" with destination_address to wrangler.toml',
      },
    ]);
  });

  it("name the shop by the Worker's host when MERCHANT_NAME is left empty", async () => {
    const { MERCHANT_NAME: _name, ...unnamed } = env;
    expect(await problems({}, { ...unnamed, MERCHANT_NAME: '' })).toEqual([]);
    const read = readConfig({ ...unnamed, MERCHANT_NAME: '' });
    expect(read.ok && read.value.merchantName).toBe('127.0.0.1:8787');
  });

  it('want both the bot token and the chat id for Telegram', async () => {
    expect((await problems({ TELEGRAM_BOT_TOKEN: '' })).map((problem) => problem.setting)).toEqual(['TELEGRAM_BOT_TOKEN']);
    expect((await problems({ TELEGRAM_CHAT_ID: '' })).map((problem) => problem.setting)).toEqual(['TELEGRAM_CHAT_ID']);
  });
});
