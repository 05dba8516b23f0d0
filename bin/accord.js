#!/usr/bin/env node
// Runs the accord CLI on the Node pinned in devDependencies when the caller's Node is older.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const cli = path.join(root, 'src/server/cli/main.ts');
const major = Number(process.versions.node.split('.')[0]);
const pinned = path.join(root, 'node_modules/node/bin/node');
const node = major >= 24 ? process.execPath : existsSync(pinned) ? pinned : null;
if (!node) {
  process.stderr.write('accord: Node.js 24 or later is needed; run npm install first.\n');
  process.exit(1);
}
// Verification streams the log; a small young generation and a capped old one keep its resident memory
// bounded where V8's defaults let garbage grow with the log. With a SQLite file read on a second thread,
// 4 MB semi-spaces peaked near 210 MB at 1,000,000 entries and 2 MB ones near 160 MB, no slower.
const args = process.argv.slice(2);
const heap =
  args[0] === 'audit' && args[1] === 'verify' ? ['--max-semi-space-size=2', '--max-old-space-size=96'] : [];
const result = spawnSync(node, ['--disable-warning=ExperimentalWarning', ...heap, cli, ...args], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
