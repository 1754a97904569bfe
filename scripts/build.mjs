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

/** The portal and the task pane: one React + Fluent UI bundle each, the core from source. */
const REACT_BUNDLE = {
  bundle: true,
  platform: 'browser',
  target: 'es2020',
  format: 'iife',
  minify: true,
  jsx: 'automatic',
  alias: { '@svod/shared': join(root, 'shared/src/index.ts') },
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
};

// The web portal of both roles (issue #12): React + Fluent UI, the task pane's components, the core from source; its
// page and stylesheet beside the bundle in sync-server/dist/portal/, which the server serves under /portal/.
{
  const { copyFileSync, mkdirSync } = await import('node:fs');
  const portalDist = join(root, 'sync-server/dist/portal');
  await build({
    entryPoints: [join(root, 'sync-server/portal/main.tsx')],
    outfile: join(portalDist, 'portal.js'),
    ...REACT_BUNDLE,
  });
  mkdirSync(portalDist, { recursive: true });
  for (const file of ['index.html', 'portal.css']) copyFileSync(join(root, 'sync-server/portal', file), join(portalDist, file));
  console.log('built sync-server/dist/portal/portal.js');
}

// The Excel task pane (issue #4): one browser bundle (React, Fluent UI, the core from source; never ExcelJS) and its
// page, into addin/dist/, which the sync server serves under /addin/.
{
  const { copyFileSync, cpSync, mkdirSync } = await import('node:fs');
  const addinDist = join(root, 'addin/dist');
  await build({
    entryPoints: [join(root, 'addin/src/taskpane/index.tsx')],
    outfile: join(addinDist, 'taskpane.js'),
    ...REACT_BUNDLE,
  });
  mkdirSync(addinDist, { recursive: true });
  for (const file of ['taskpane.html', 'taskpane.css']) copyFileSync(join(root, 'addin/src/taskpane', file), join(addinDist, file));
  // The ribbon icons the manifest names (https://…/addin/assets/icon-*.png).
  cpSync(join(root, 'addin/assets'), join(addinDist, 'assets'), { recursive: true });
  console.log('built addin/dist/taskpane.js');
}

// The Google Sheets add-on (issue #9): addin/gsheets/dist/, the folder `clasp push` takes (npm run build:gsheets).
await import('../addin/gsheets/build.mjs');
