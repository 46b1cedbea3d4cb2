#!/usr/bin/env node
// The browser journeys drive Debian's Chromium and need a CJK font. Install both when missing and
// allowed (root with apt-get, as in CI); otherwise say in one line what to run.
import { execSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasFont = () => {
  try {
    return execSync('fc-list :lang=zh family', { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
};

const missing = [];
if (!existsSync(chromium)) missing.push('chromium');
if (!hasFont()) missing.push('fonts-wqy-microhei');
if (missing.length === 0) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (!isRoot || !hasApt) {
  process.stderr.write(
    `Browser tests need ${missing.join(' and ')}: run \`sudo apt-get install -y ${missing.join(' ')}\` (or set CHROMIUM_PATH), then npm test again.\n`,
  );
  process.exit(1);
}
process.stderr.write(`installing ${missing.join(', ')} for the browser tests…\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', ...missing],
]) {
  const r = spawnSync('apt-get', args, { stdio: 'inherit', env });
  if (r.status !== 0) {
    process.stderr.write(`apt-get ${args.join(' ')} failed; install ${missing.join(' ')} by hand.\n`);
    process.exit(1);
  }
}
