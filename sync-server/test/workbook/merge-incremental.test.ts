/**
 * The regional workbook built and rendered incrementally (the server's memos: roadmap blocks and indicator reports by
 * content, rows' cells and XML by row object) is the workbook built from scratch, byte for byte, over a sequence of
 * changes a region goes through: the coordinator signs this file, so a value kept from a stale piece is the worst bug.
 */
import { buildRegionalWorkbook, consolidate, extractSubmission, extractTemplate, indicatorKey, type MergeInput, type RegionalBuildMemo, type RegionalWorkbook, type VersionInput } from '@svod/shared';
import { renderRegionalWorkbook, RenderMemo } from '../../src/workbook/write';
import { municipalities, submissionWorkbook, templateWorkbook } from '../../../bench/server/generate';
import { unzip } from '../uploads/helpers';

const COUNT = 8;
const ROWS = 40;

function version(municipality: number, attempt: number, rows = ROWS, n = attempt + 1): VersionInput {
  return {
    version: n,
    submittedAt: new Date(Date.UTC(2026, 10, 1 + attempt, 6, municipality)).toISOString(),
    accepted: true,
    errors: 0,
    warnings: 0,
    content: extractSubmission(submissionWorkbook(municipality, attempt, rows)),
  };
}

function start(): MergeInput {
  return {
    regionName: 'Камчатский край',
    timeZone: 'Asia/Kamchatka',
    template: extractTemplate(templateWorkbook()),
    deadline: '2026-12-15',
    mappings: [],
    municipalities: municipalities(COUNT).map((m, i) => {
      const v = version(i, 0);
      return { id: m.id, name: m.name, latest: v, accepted: v };
    }),
    now: '2026-11-20T09:00:00Z',
  };
}

/** Replaces municipality `i` in a copy of the input: the others keep their very objects, as the server's view does. */
function withMunicipality(input: MergeInput, i: number, change: (m: MergeInput['municipalities'][number]) => MergeInput['municipalities'][number]): MergeInput {
  return { ...input, municipalities: input.municipalities.map((m, k) => (k === i ? change(m) : m)) };
}

/** The region's states one after another, each from the one before. */
function sequence(): Array<[string, MergeInput]> {
  const out: Array<[string, MergeInput]> = [];
  let input = start();
  const step = (name: string, next: MergeInput) => {
    out.push([name, next]);
    input = next;
  };
  step('cold', input);
  const first = input.municipalities[3]!.accepted!;
  const longer = version(3, 1, ROWS + 13);
  step('one more version of one municipality (a longer roadmap)', withMunicipality(input, 3, (m) => ({ ...m, latest: longer, accepted: longer })));
  const dropped = input.template!.indicators[2]!;
  step('a mapping: an indicator left out', { ...input, mappings: [{ from: dropped.key, name: dropped.name, to: null }] });
  step('the mapping removed', { ...input, mappings: [] });
  const t = input.template!;
  step('a new template: fewer indicators and years', { ...input, template: { ...t, indicators: t.indicators.slice(0, 40), years: [2023, 2024, 2025] } });
  step(
    'a rejected version (the accepted one stays in the Свод)',
    withMunicipality(input, 5, (m) => ({ ...m, latest: { ...m.accepted!, version: m.accepted!.version + 1, accepted: false, errors: 2, content: { indicators: [], roadmap: [] } } })),
  );
  step('a municipality renamed (the same content)', withMunicipality(input, 1, (m) => ({ ...m, name: `${m.name} (новое название)` })));
  const odd = version(0, 2, ROWS - 9);
  odd.content.roadmap[1] = { ...odd.content.roadmap[1]!, activity: '=HYPERLINK("http://evil.example","x")', plan: { '2024': 'подготовка', '2025': 'проведение' } };
  odd.content.indicators[0] = { ...odd.content.indicators[0]!, values: { ...odd.content.indicators[0]!.values, '2023': '+7' } };
  step('a version with formula-like text, a plan and a text value', withMunicipality(input, 0, (m) => ({ ...m, latest: odd, accepted: odd })));
  const again = { ...input.municipalities[4]!.accepted!, version: 2, submittedAt: '2026-11-10T06:00:00.000Z' };
  step('the same file sent again: the same content object, a new version number', withMunicipality(input, 4, (m) => ({ ...m, latest: again, accepted: again })));
  step('back to the first version of a municipality (its content object known from before)', withMunicipality(input, 3, (m) => ({ ...m, latest: first, accepted: first })));
  step('an earlier deadline (some versions late)', { ...input, deadline: '2026-11-01' });
  step('the old template back, a mapping to a template indicator', { ...input, template: t, mappings: [{ from: indicatorKey('Доля педагогов до 35 лет'), name: 'Доля педагогов до 35 лет', to: t.indicators[21]!.key }] });
  const twin = input.municipalities[2]!;
  step('two municipalities of one name with the same file', withMunicipality(input, 6, (m) => ({ ...m, name: twin.name, latest: twin.accepted, accepted: twin.accepted })));
  step('the same again (the shared rows at two places)', { ...input });
  const other = version(6, 4);
  step('one of them sends its own version', withMunicipality(input, 6, (m) => ({ ...m, latest: other, accepted: other })));
  // «Вернуть на доработку» and switching off change no content: the memos must still drop and restore the rows.
  const back = (comment: string, at: string) => (m: MergeInput['municipalities'][number]) => {
    const v = { ...m.accepted!, returned: { at, comment } };
    return { ...m, latest: m.latest === m.accepted ? v : m.latest, accepted: v };
  };
  step('a version returned for rework (out of the Свод, nothing older stands in)', withMunicipality(input, 7, back('Проверьте значения 2024 года.', '2026-11-21T02:00:00Z')));
  step('the same version returned again with another comment', withMunicipality(input, 7, back('Исправьте дорожную карту.', '2026-11-22T02:00:00Z')));
  const after = version(7, 1);
  step('a newer version after the return (back in the Свод)', withMunicipality(input, 7, (m) => ({ ...m, latest: after, accepted: after })));
  step('a municipality switched off (its rejected and accepted versions out)', withMunicipality(input, 5, (m) => ({ ...m, deactivatedAt: '2026-11-21T03:00:00Z' })));
  step('switched on again', withMunicipality(input, 5, (m) => ({ ...m, deactivatedAt: null })));
  step('nothing changed', { ...input });
  return out;
}

const roadmapRows = (model: RegionalWorkbook) => model.sheets.find((s) => s.name === 'Дорожные карты')!.rows;

describe('the incrementally built regional workbook', () => {
  const states = sequence();
  const memo: RegionalBuildMemo = {};
  const render = new RenderMemo();
  const results: Array<{ name: string; fresh: Buffer; incremental: Buffer; model: RegionalWorkbook }> = [];

  beforeAll(async () => {
    for (const [name, input] of states) {
      const fresh = Buffer.from(await renderRegionalWorkbook(buildRegionalWorkbook(input)));
      const model = buildRegionalWorkbook(input, consolidate(input, memo), memo);
      const incremental = Buffer.from(await renderRegionalWorkbook(model, render));
      results.push({ name, fresh, incremental, model });
    }
  });

  it.each(states.map(([name], i) => [name, i] as const))('is the workbook built from scratch, byte for byte: %s', (_name, i) => {
    const r = results[i]!;
    expect(r.incremental.length).toBe(r.fresh.length);
    expect(r.incremental.equals(r.fresh)).toBe(true);
  });

  it('changes with every change of the region (so the comparison above compares something)', () => {
    const unchanged = (name: string) => name === 'nothing changed' || name.startsWith('the same again');
    const changed = results.slice(1).map((r, i) => [r.name, !r.fresh.equals(results[i]!.fresh)]);
    expect(changed).toEqual(changed.map(([name]) => [name, !unchanged(name as string)]));
  });

  it('reuses the unchanged municipalities’ rows and builds the changed one anew', () => {
    const [cold, next] = results;
    const before = new Set(roadmapRows(cold!.model));
    const after = roadmapRows(next!.model);
    const reused = after.filter((row) => before.has(row)).length;
    const changedRows = after.filter((row) => row.kind === 'data' && row.cells[0] === states[1]![1].municipalities[3]!.name);
    // Every data row of the changed municipality is new; (almost) all the others are the very rows built before.
    expect(changedRows.length).toBeGreaterThan(ROWS);
    expect(changedRows.some((row) => before.has(row))).toBe(false);
    expect(reused).toBeGreaterThan(after.length - changedRows.length - 60);
  });

  it('has the changed roadmap in it: every activity of the new version, in its rows, under its name and version', async () => {
    const r = results[1]!;
    const m = states[1]![1].municipalities[3]!;
    const parts = await unzip(r.incremental);
    const strings = new Set([...parts.get('xl/sharedStrings.xml')!.toString('utf8').matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((x) => x[1]));
    const submitted = m.accepted!.content.roadmap.map((e) => e.activity);
    expect(submitted.length).toBeGreaterThan(ROWS);
    const rows = roadmapRows(r.model).filter((row) => row.kind === 'data' && row.cells[0] === m.name);
    expect(rows.map((row) => row.cells[1])).toEqual(rows.map(() => 2));
    expect(rows.map((row) => row.cells[3]).sort()).toEqual([...submitted].sort());
    for (const a of submitted.filter((x) => !/[&<>"']/.test(x))) expect(strings.has(a)).toBe(true);
  });
});
