#!/usr/bin/env node
// `npm start`: build the web app (turbo replays it from cache when nothing changed), then run the
// server in this same process, so SIGTERM/SIGINT reach it directly and it can shut down cleanly.
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const started = Date.now();
const build = spawnSync('npx', ['turbo', 'run', 'build', '--filter=@ronghe/web', '--output-logs=errors-only'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
});
if (build.status !== 0) {
  process.stderr.write('Ronghe 无法启动: the web build failed (see above)\n');
  process.exit(build.status ?? 1);
}
process.stderr.write(`web app built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);

register();
await import(join(root, 'apps/api/src/main.ts'));
