// `npm start`: the main job. Until the sync server lands (issue #3) it checks the bundled seed workbooks with the
// CLI, so a newcomer sees Svod work on real ministry tables straight after `npm ci`.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const seeds = join('tests', 'fixtures', 'seeds');
const files = readdirSync(join(root, seeds)).filter((f) => f.endsWith('.xlsx')).map((f) => join(seeds, f));
const result = spawnSync(process.execPath, [join(root, 'cli', 'bin', 'svod.cjs'), 'check', ...files], { cwd: root, stdio: 'inherit' });
process.exit(result.status === 2 ? 2 : 0);
