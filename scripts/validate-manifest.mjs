// `npm run validate:manifest`: checks the Excel add-in's manifest.xml offline (`office-addin-manifest validate` needs
// Microsoft's remote service, so it is not used):
//   1. well-formed XML and valid against the XSD subset in addin/manifest/schema/ (xmllint, Debian's libxml2-utils);
//   2. what office-addin-manifest's parser reads: id, name, version, type, host, source location, and the ExcelApi
//      requirement set the pane needs;
//   3. every URL on the source location's origin (https), every referenced icon present in addin/assets/ as a PNG of
//      the size its name says.
// Usage: node scripts/validate-manifest.mjs [MANIFEST.xml] [--assets DIR]   (XMLLINT=path overrides the xmllint found
// on PATH). Exit code 0: valid; 1: problems found (each printed); 2: the check could not run (no xmllint, no file).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA = join(ROOT, 'addin', 'manifest', 'schema', 'offappmanifest-1.1.xsd');
export const DEFAULT_MANIFEST = join(ROOT, 'manifest.xml');
export const DEFAULT_ASSETS = join(ROOT, 'addin', 'assets');

/** What the manifest must say. The id never changes: Office tells add-ins apart by it. */
export const EXPECTED = {
  id: '8b6f5222-a32e-4bf3-9be7-be057a05fe70',
  name: /^Svod\b/,
  version: /^\d{1,5}\.\d{1,5}\.\d{1,5}\.\d{1,5}$/,
  type: 'TaskPaneApp',
  hosts: ['Workbook'],
  defaultLocale: 'ru-RU',
  permissions: 'ReadWriteDocument',
  sourcePath: '/addin/taskpane.html',
  assetsPath: '/addin/assets/',
  // Merged areas (Range.getMergedAreasOrNullObject) and Workbook.insertWorksheetsFromBase64 need ExcelApi 1.13.
  requirement: { name: 'ExcelApi', minVersion: '1.13' },
};

export class XmllintMissingError extends Error {
  constructor(command) {
    super(
      `xmllint не найден (${command}): установите пакет libxml2-utils (Debian/Ubuntu: sudo apt-get install libxml2-utils; ` +
        `macOS: xmllint есть в системе, иначе brew install libxml2) или укажите путь в XMLLINT.\n` +
        `xmllint not found (${command}): install libxml2-utils (Debian/Ubuntu: sudo apt-get install libxml2-utils; ` +
        `macOS: it ships with the system, otherwise brew install libxml2) or set XMLLINT to its path.`,
    );
    this.name = 'XmllintMissingError';
  }
}

/** The xmllint command to run; throws XmllintMissingError when there is none. */
export function findXmllint(env = process.env) {
  const command = env.XMLLINT || 'xmllint';
  const probe = spawnSync(command, ['--version'], { encoding: 'utf8' });
  if (probe.error) throw new XmllintMissingError(command);
  return command;
}

/** A path as the user would type it: relative to the working directory when inside it, absolute otherwise. */
const shownPath = (file) => {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
};

const xmllintLines = (output, file) =>
  output
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l) => l && !/ (validates|fails to validate)$/.test(l) && !/^\s*\^$/.test(l))
    .map((l) => (l.startsWith(file) ? shownPath(file) + l.slice(file.length) : l));

/** Step 1a: is the file well-formed XML? Problems as printable lines (empty: fine). */
export function checkWellFormed(manifest, xmllint = findXmllint()) {
  const run = spawnSync(xmllint, ['--noout', '--nonet', manifest], { encoding: 'utf8' });
  if (run.status === 0) return [];
  const details = xmllintLines(run.stderr || run.stdout, manifest).filter((l) => /error/i.test(l));
  return [`XML не читается (ошибка разметки) / the XML is not well-formed: ${details[0] ?? `xmllint exit ${run.status}`}`, ...details.slice(1, 5)];
}

/** Step 1b: is it valid against the XSD subset? */
export function checkSchema(manifest, xmllint = findXmllint()) {
  const run = spawnSync(xmllint, ['--noout', '--nonet', '--schema', SCHEMA, manifest], { encoding: 'utf8' });
  if (run.status === 0) return [];
  const details = xmllintLines(run.stderr || run.stdout, manifest);
  return details.length ? details.map((l) => `не соответствует схеме / schema violation: ${l}`) : [`не соответствует схеме / schema violation: xmllint exit ${run.status}`];
}

/** office-addin-manifest's XML reader: its ManifestInfo plus the raw xml2js tree (for requirements and URLs). */
export async function readManifest(manifest) {
  const { OfficeAddinManifest } = require('office-addin-manifest');
  const { ManifestHandlerXml } = require('office-addin-manifest/lib/manifestHandler/manifestHandlerXml.js');
  const info = await OfficeAddinManifest.readManifestFile(manifest);
  const xml = await new ManifestHandlerXml(manifest).parseXmlAsync();
  return { info, xml };
}

const first = (node, name) => (node && Array.isArray(node[name]) ? node[name][0] : undefined);
const attr = (node, name) => (node && typeof node === 'object' && node.$ ? node.$[name] : undefined);

/** The requirement sets of <Requirements><Sets>: [{ name, minVersion }]. */
export function requirementSets(xml) {
  const sets = first(first(xml?.OfficeApp, 'Requirements'), 'Sets');
  const fallback = attr(sets, 'DefaultMinVersion') ?? '1.1';
  return (sets?.Set ?? []).map((s) => ({ name: attr(s, 'Name'), minVersion: attr(s, 'MinVersion') ?? fallback }));
}

const compareVersions = (a, b) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) - (pb[i] ?? 0);
  return 0;
};

/** Step 2: what the parser read is what Svod's pane needs. */
export function checkParsed({ info, xml }) {
  const problems = [];
  const expect = (ok, ru, en) => ok || problems.push(`${ru} / ${en}`);
  expect(info.id === EXPECTED.id, `Id должен быть ${EXPECTED.id}, а не «${info.id ?? ''}»`, `Id must stay ${EXPECTED.id}`);
  expect(EXPECTED.name.test(info.displayName ?? ''), `DisplayName должно начинаться с «Svod»: «${info.displayName ?? ''}»`, 'DisplayName must start with «Svod»');
  expect(EXPECTED.version.test(info.version ?? ''), `Version должна быть из четырёх чисел: «${info.version ?? ''}»`, 'Version must have four numeric parts');
  expect(info.officeAppType === EXPECTED.type, `тип надстройки должен быть ${EXPECTED.type}: «${info.officeAppType ?? ''}»`, `the add-in type must be ${EXPECTED.type}`);
  expect(JSON.stringify(info.hosts ?? []) === JSON.stringify(EXPECTED.hosts), `Hosts должен быть только Workbook: ${JSON.stringify(info.hosts ?? [])}`, 'Hosts must be Workbook only');
  expect(info.defaultLocale === EXPECTED.defaultLocale, `DefaultLocale должен быть ${EXPECTED.defaultLocale}: «${info.defaultLocale ?? ''}»`, `DefaultLocale must be ${EXPECTED.defaultLocale}`);
  expect(info.permissions === EXPECTED.permissions, `Permissions должно быть ${EXPECTED.permissions}: «${info.permissions ?? ''}»`, `Permissions must be ${EXPECTED.permissions}`);
  const source = info.defaultSettings?.sourceLocation ?? '';
  let sourceUrl = null;
  try {
    sourceUrl = new URL(source);
  } catch {
    /* reported below */
  }
  expect(
    sourceUrl?.protocol === 'https:' && sourceUrl.pathname === EXPECTED.sourcePath,
    `SourceLocation должен быть https://…${EXPECTED.sourcePath}: «${source}»`,
    `SourceLocation must be https://…${EXPECTED.sourcePath}`,
  );
  for (const element of ['DisplayName', 'Description']) {
    const overrides = first(xml?.OfficeApp, element)?.Override ?? [];
    expect(
      overrides.some((o) => attr(o, 'Locale') === 'en-US'),
      `у ${element} нет перевода en-US (<Override Locale="en-US">)`,
      `${element} has no en-US override`,
    );
  }
  const sets = requirementSets(xml);
  const api = sets.find((s) => s.name === EXPECTED.requirement.name);
  expect(
    api && compareVersions(api.minVersion, EXPECTED.requirement.minVersion) === 0,
    `требования: нужен набор ${EXPECTED.requirement.name} ${EXPECTED.requirement.minVersion} (объединённые ячейки и insertWorksheetsFromBase64), а указано ${api ? `${api.name} ${api.minVersion}` : 'ничего'}`,
    `requirements: ${EXPECTED.requirement.name} ${EXPECTED.requirement.minVersion} is the floor the pane needs (merged areas, insertWorksheetsFromBase64)`,
  );
  return problems;
}

/** Every URL in the tree (attribute values and texts that are absolute URLs, namespace declarations aside) and every AppDomain. */
export function manifestUrls(xml) {
  const urls = [];
  const walk = (node, path) => {
    if (typeof node === 'string') {
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(node.trim()) || path.endsWith('/AppDomain')) urls.push({ where: path, url: node.trim() });
      return;
    }
    if (Array.isArray(node)) return node.forEach((n) => walk(n, path));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$') {
        for (const [name, v] of Object.entries(value)) {
          if (name === 'xmlns' || name.startsWith('xmlns:') || name.startsWith('xsi:')) continue;
          if (/^[a-z][a-z0-9+.-]*:\/\//i.test(String(v).trim())) urls.push({ where: `${path}@${name}`, url: String(v).trim() });
        }
      } else walk(value, key === '_' ? path : `${path}/${key}`);
    }
  };
  walk(xml, '');
  return urls;
}

/** Width and height of a PNG file, or null when it is not one. */
export function pngSize(bytes) {
  const signature = '89504e470d0a1a0a';
  if (bytes.length < 24 || bytes.subarray(0, 8).toString('hex') !== signature || bytes.subarray(12, 16).toString('latin1') !== 'IHDR') return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Step 3: one origin for everything, and the icons are there. */
export function checkUrls({ info, xml }, assets = DEFAULT_ASSETS) {
  const problems = [];
  let origin;
  try {
    origin = new URL(info.defaultSettings?.sourceLocation ?? '').origin;
  } catch {
    return { problems: ['нет SourceLocation, не с чем сравнивать адреса / no SourceLocation to compare the URLs with'], count: 0, icons: [], origin: '' };
  }
  const urls = manifestUrls(xml);
  const icons = new Set();
  for (const { where, url } of urls) {
    let parsed;
    try {
      parsed = new URL(url);
    } catch {
      problems.push(`не URL / not a URL: ${url} (${where})`);
      continue;
    }
    if (parsed.origin !== origin || parsed.protocol !== 'https:') {
      problems.push(`адрес не на origin панели ${origin} / URL not on the pane's origin ${origin}: ${url} (${where})`);
      continue;
    }
    if (/\.(png|jpe?g|gif|ico|svg)$/i.test(parsed.pathname) || /IconUrl|\/Image$/.test(where)) {
      if (!parsed.pathname.startsWith(EXPECTED.assetsPath)) {
        problems.push(`значок не в ${EXPECTED.assetsPath} / icon not under ${EXPECTED.assetsPath}: ${url} (${where})`);
        continue;
      }
      icons.add(decodeURIComponent(parsed.pathname.slice(EXPECTED.assetsPath.length)));
    }
  }
  for (const name of icons) {
    const file = join(assets, name);
    const shown = shownPath(file);
    if (!existsSync(file)) {
      problems.push(`нет файла значка / icon file missing: ${shown}`);
      continue;
    }
    const size = pngSize(readFileSync(file));
    const wanted = /-(\d+)\.png$/i.exec(name);
    if (!size) problems.push(`значок не PNG / icon is not a PNG: ${shown}`);
    else if (wanted && (size.width !== Number(wanted[1]) || size.height !== Number(wanted[1])))
      problems.push(`значок ${shown} размером ${size.width}×${size.height}, а не ${wanted[1]}×${wanted[1]} / icon has the wrong size`);
  }
  return { problems, count: urls.length, icons: [...icons].sort(), origin };
}

/**
 * Runs every step. Returns { ok, lines } (what to print); throws XmllintMissingError when xmllint is missing. A manifest
 * that is not well-formed stops after step 1a; otherwise every step runs, so one run lists every problem.
 */
export async function validateManifest({ manifest = DEFAULT_MANIFEST, assets = DEFAULT_ASSETS, env = process.env } = {}) {
  const shown = shownPath(manifest);
  if (!existsSync(manifest)) throw new Error(`нет файла манифеста / manifest not found: ${shown}`);
  const xmllint = findXmllint(env);
  const lines = [`Проверка манифеста / Manifest check: ${shown}`];
  let failures = 0;
  const report = (title, problems, detail = '') => {
    if (problems.length === 0) lines.push(`  ✓ ${title}${detail ? `: ${detail}` : ''}`);
    else {
      failures += problems.length;
      lines.push(`  ✗ ${title}`, ...problems.map((p) => `      ${p}`));
    }
  };

  const malformed = checkWellFormed(manifest, xmllint);
  report('XML корректен / well-formed XML', malformed);
  if (malformed.length === 0) {
    report(`схема XSD / XSD schema (${relative(ROOT, SCHEMA)})`, checkSchema(manifest, xmllint));
    let parsed = null;
    try {
      parsed = await readManifest(manifest);
    } catch (e) {
      report('office-addin-manifest', [`не прочитал манифест / could not read the manifest: ${e instanceof Error ? e.message : String(e)}`]);
    }
    if (parsed) {
      const { info } = parsed;
      const sets = requirementSets(parsed.xml).map((s) => `${s.name} ${s.minVersion}`).join(', ');
      report(
        'office-addin-manifest',
        checkParsed(parsed),
        `${info.id}, «${info.displayName}», ${info.version}, ${info.officeAppType}, ${(info.hosts ?? []).join(', ')}, ${info.defaultSettings?.sourceLocation ?? ''}, ${sets}`,
      );
      const urls = checkUrls(parsed, assets);
      report('адреса и значки / URLs and icons', urls.problems, `${urls.count} URL на ${urls.origin}; значки / icons: ${urls.icons.join(', ')}`);
    }
  }
  lines.push(failures === 0 ? 'Манифест в порядке. / The manifest is valid.' : `Манифест не прошёл проверку (проблем: ${failures}). / The manifest is invalid (problems: ${failures}).`);
  return { ok: failures === 0, lines };
}

function parseArgs(argv) {
  const options = { manifest: DEFAULT_MANIFEST, assets: DEFAULT_ASSETS };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--assets') options.assets = resolve(argv[++i] ?? '');
    else if (a === '--help' || a === '-h') options.help = true;
    else if (a.startsWith('-')) throw new Error(`неизвестный параметр / unknown option: ${a}`);
    else options.manifest = resolve(a);
  }
  return options;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const options = parseArgs(process.argv.slice(2));
    if (options.help) {
      console.log('node scripts/validate-manifest.mjs [MANIFEST.xml] [--assets DIR]');
    } else {
      const { ok, lines } = await validateManifest(options);
      (ok ? console.log : console.error)(lines.join('\n'));
      process.exitCode = ok ? 0 : 1;
    }
  } catch (e) {
    console.error(e instanceof Error ? e.message : String(e));
    process.exitCode = 2;
  }
}
