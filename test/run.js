#!/usr/bin/env node
/**
 * `npm test [-- args]`: Jest (projects "api" and "e2e") then Vitest (web/src/**\/*.test.ts).
 * Without arguments both run and the exit code is non-zero if either fails. Arguments go to Jest
 * (`npm test -- test/households`), or to Vitest when they all name files under web/.
 */
const { spawnSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
const args = process.argv.slice(2);
const run = (cmd, cmdArgs) => spawnSync(process.execPath, [...cmd, ...cmdArgs], { cwd: root, stdio: 'inherit' }).status ?? 1;
const jest = () => run(['--experimental-vm-modules', join(root, 'node_modules/jest/bin/jest.js')], args.length ? args : []);
const vitest = (extra) => run([join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'web/vite.config.mts'], extra);

const webOnly = args.length > 0 && args.every((a) => a.startsWith('web/') || a.startsWith('-'));
let status;
if (webOnly) status = vitest(args.map((a) => a.replace(/^web\//, '')));
else if (args.length) status = jest();
else {
  const j = jest();
  const v = vitest([]);
  status = j || v;
}
process.exit(status);
