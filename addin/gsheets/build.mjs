// Builds the Google Sheets add-on (issue #9) into addin/gsheets/dist/, a folder `clasp push` takes as it is:
// appsscript.json, Code.js (the server functions as plain global functions) and Sidebar.html (the pane with its
// script and CSS inlined: HtmlService serves one file). SVOD_SERVER_URL names the sync server (its origin goes into
// urlFetchWhitelist); default https://svod.example.ru/.
import { build } from 'esbuild';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
// SVOD_GSHEETS_OUT: another folder (tests build into their own temporary one).
const dist = process.env.SVOD_GSHEETS_OUT || join(here, 'dist');
const alias = { '@svod/shared': join(root, 'shared/src/index.ts') };

/** The sync server's address as the manifest wants it: https, the origin only, with a trailing slash. */
function serverOrigin(raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`SVOD_SERVER_URL «${raw}» — не адрес. Укажите адрес сервера Svod полностью, например https://svod.example.ru/.`);
  }
  if (url.protocol !== 'https:') throw new Error(`SVOD_SERVER_URL «${raw}»: Google Таблицы обращаются только к серверам по https. Укажите адрес https://….`);
  return `${url.origin}/`;
}

const origin = serverOrigin(process.env.SVOD_SERVER_URL || 'https://svod.example.ru/');
const config = { serverUrl: origin, allowedPrefixes: [origin] };

/**
 * The core's modules are pure (no work at load that another module needs), but its package does not say so: told
 * here, esbuild leaves out what the server functions never call (the rules, the deadline parser, zod), so Code.js
 * stays small enough to read in the script editor.
 */
const pureCore = {
  name: 'pure-core',
  setup(b) {
    const core = join(root, 'shared', 'src');
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === 'pure-core' || args.kind === 'entry-point') return undefined;
      const result = await b.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: 'pure-core' });
      if (result.errors.length > 0 || !result.path.startsWith(core)) return undefined;
      return { path: result.path, sideEffects: false };
    });
  },
};

rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

// ---- Code.js: an IIFE bundle, then one global function declaration per export (Apps Script calls only those).
const server = await build({
  entryPoints: [join(here, 'server/main.ts')],
  bundle: true,
  write: false,
  platform: 'neutral',
  mainFields: ['module', 'main'],
  format: 'iife',
  globalName: 'SvodServer',
  target: 'es2019',
  alias,
  plugins: [pureCore],
  define: { SVOD_BUILD: JSON.stringify(config) },
  legalComments: 'none',
  logLevel: 'warning',
});
const bundle = server.outputFiles[0].text;
// The exports, from the bundle itself: its top level touches no Apps Script service, so it runs in an empty context.
const exported = vm.runInNewContext(`${bundle};SvodServer`, {});
const names = Object.keys(exported).filter((n) => typeof exported[n] === 'function').sort();
const stubs = names.map((n) => `function ${n}() {\n  return SvodServer.${n}.apply(null, arguments);\n}`).join('\n');
writeFileSync(
  join(dist, 'Code.js'),
  `// Svod for Google Sheets: built by \`npm run build:gsheets\` from addin/gsheets/server/. Do not edit here.\n${bundle}\n${stubs}\n`,
);

// ---- Sidebar.html: the pane bundle and its CSS inlined.
const sidebar = await build({
  entryPoints: [join(here, 'sidebar/index.tsx')],
  bundle: true,
  write: false,
  platform: 'browser',
  format: 'iife',
  target: 'es2020',
  minify: true,
  jsx: 'automatic',
  alias,
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'none',
  logLevel: 'warning',
});
// `</script` inside the script would end the element early.
const script = sidebar.outputFiles[0].text.replace(/<\/(script)/gi, '<\\/$1');
const css = readFileSync(join(root, 'addin/src/taskpane/taskpane.css'), 'utf8');
const page = readFileSync(join(here, 'sidebar/Sidebar.html'), 'utf8')
  .replace('/*SVOD_CSS*/', () => css)
  .replace('/*SVOD_JS*/', () => script);
writeFileSync(join(dist, 'Sidebar.html'), page);

// ---- the manifest and clasp's settings.
const manifest = JSON.parse(readFileSync(join(here, 'appsscript.json'), 'utf8'));
manifest.urlFetchWhitelist = [origin];
writeFileSync(join(dist, 'appsscript.json'), `${JSON.stringify(manifest, null, 2)}\n`);
writeFileSync(join(dist, '.clasp.json.example'), `${JSON.stringify({ scriptId: 'ID_СКРИПТА_ИЗ_РЕДАКТОРА_APPS_SCRIPT', rootDir: '.' }, null, 2)}\n`);

console.log(`built ${dist} (Code.js: ${names.length} functions, Sidebar.html: ${Math.round(page.length / 1024)} KB, server ${origin})`);
