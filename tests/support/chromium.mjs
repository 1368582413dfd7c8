// Headless Chromium for the browser tests: Debian's build (never a downloaded one),
// started as root on a machine whose only network is loopback. Without the
// background-networking flags Chromium keeps opening connections that the closed
// network refuses.

import { chromium } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

/**
 * Launch the system Chromium (`CHROMIUM_PATH` overrides `/usr/bin/chromium`). `tz`: the
 * browser's time zone, as the process's TZ (what a user's machine sets).
 */
export function launchChromium({ tz } = {}) {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
    ...(tz ? { env: { ...process.env, TZ: tz } } : {}),
  });
}
