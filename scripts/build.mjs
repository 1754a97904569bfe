// Builds what runs outside jest: the CLI bundle (ExcelJS stays external; the core is bundled from source).
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  entryPoints: [join(root, 'cli/src/main.ts')],
  outfile: join(root, 'cli/dist/svod.cjs'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  external: ['exceljs'],
  alias: { '@svod/shared': join(root, 'shared/src/index.ts'), '@svod/shared/xlsx': join(root, 'shared/src/xlsx/index.ts') },
  logLevel: 'warning',
  legalComments: 'none',
});
console.log('built cli/dist/svod.cjs');

// The coordinator dashboard's script (served with sync-server/public/dashboard/index.html).
await build({
  entryPoints: [join(root, 'sync-server/dashboard/main.ts')],
  outfile: join(root, 'sync-server/dist/dashboard/dashboard.js'),
  bundle: true,
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari15'],
  format: 'iife',
  minify: true,
  logLevel: 'warning',
});
console.log('built sync-server/dist/dashboard/dashboard.js');
