/**
 * How every script and test of ours starts Debian's Chromium through
 * playwright-core: headless, no first-run or background networking (this
 * machine's closed network refuses those connections), and a profile in a
 * folder of the caller's, so that nothing is written to the user's home.
 */

import { type Browser, chromium, type LaunchOptions } from 'playwright-core';

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Chromium with its configuration and cache under `home`; `extra` adds launch options. */
export function launchChromium(home: string, extra: LaunchOptions = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    env: { ...process.env, XDG_CONFIG_HOME: home, XDG_CACHE_HOME: home },
    ...extra,
  });
}
