#!/usr/bin/env node
/**
 * `pretest`: builds the web app (web/dist) when it is missing or older than its sources, so the
 * e2e tests (test/e2e) always drive the current screens. A no-op when the build is up to date.
 */
const { spawnSync } = require('node:child_process');
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..', '..');
const built = join(root, 'web', 'dist', 'index.html');

function newest(path) {
  if (!existsSync(path)) return 0;
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((n) => newest(join(path, n))));
}

const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.mts', 'package-lock.json'].map((p) => newest(join(root, p)));
if (existsSync(built) && statSync(built).mtimeMs >= Math.max(...sources)) process.exit(0);
console.log('web/dist is missing or stale: building the web app (vite build)');
const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'web/vite.config.mts', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
