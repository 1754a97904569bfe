/**
 * What the web portal needs beyond the submission API (issue #12): renaming and switching off municipalities, versions
 * returned for rework with the coordinator's comment, the template as read, and the indicator values of the Свод.
*/
import { randomUUID } from 'node:crypto';
import { aggregate, AGGREGATE_LABEL, aggregateKind, extractTemplate, type CellValue, type Consolidation, type MergeInput, type GridWorkbook, type RegionalTemplate } from '@svod/shared';
import type { IndicatorValues, MunicipalityState, ReturnNote, TemplatePreview } from '../../../shared/src/contracts/portal';
import { lowerIsBetter, plainNumber } from '../../../shared/src/rules/values';
import { HttpError } from '../http/errors';
import type { MunicipalityRecord, RegionRecord, SubmissionRecord, TokenRecord } from '../store/schema';
import type { Store } from '../store/store';
import { regionView } from './status';

/** `live`: the region's live tokens, read once for a whole list. */
export function municipalityState(m: MunicipalityRecord, live: readonly TokenRecord[]): MunicipalityState {
  const hasToken = live.some((t) => t.role === 'municipality' && t.municipalityId === m.id);
  return { id: m.id, name: m.name, active: !m.deactivatedAt, deactivatedAt: m.deactivatedAt ?? null, hasToken };
}

/** Renames and/or switches a municipality off (its tokens revoked at once) or on again (a new token is issued apart). */
export async function updateMunicipality(store: Store, regionId: string, id: string, change: { name?: string; active?: boolean }, at: Date, actor: string): Promise<MunicipalityState> {
  const found = await store.municipality(regionId, id);
  if (!found) throw new HttpError(404, 'not-found', 'Такого муниципалитета нет.');
  // Tokens first: a switch-off that fails half-way leaves a municipality without a live token, never a switched-off
  // one whose token still works.
  if (change.active === false && !found.deactivatedAt) await store.replaceTokens({ role: 'municipality', regionId, municipalityId: id }, null, at.toISOString());
  let before = { name: found.name, active: !found.deactivatedAt };
  const m = await store.updateMunicipality(regionId, id, (m) => {
    before = { name: m.name, active: !m.deactivatedAt };
    if (change.name !== undefined) m.name = change.name.trim();
    if (change.active === false && !m.deactivatedAt) m.deactivatedAt = at.toISOString();
    if (change.active === true) delete m.deactivatedAt;
  });
  if (!m) throw new HttpError(404, 'not-found', 'Такого муниципалитета нет.');
  await store.audit.append({ action: 'municipality-updated', actor, region: regionId, target: m.id, details: { before, after: { name: m.name, active: !m.deactivatedAt } } });
  return municipalityState(m, await store.liveTokens(regionId));
}

export function returnNotes(s: SubmissionRecord): ReturnNote[] {
  return (s.returns ?? []).map((r) => ({ id: r.id, submissionId: s.id, municipalityId: s.municipalityId, version: s.version, comment: r.comment, at: r.at }));
}

export async function returnForRework(store: Store, regionId: string, id: string, comment: string, at: Date, actor: string): Promise<ReturnNote> {
  const note = { id: randomUUID(), comment: comment.trim(), at: at.toISOString() };
  const s = await store.updateSubmission(regionId, id, (s) => {
    s.returns = [...(s.returns ?? []), note];
  });
  if (!s) throw new HttpError(404, 'not-found', 'Такой отправки нет.');
  await store.audit.append({ action: 'submission-returned', actor, region: regionId, target: s.municipalityId, details: { submission: s.id, version: s.version } });
  return returnNotes(s).at(-1)!;
}

function templateIndicators(template: RegionalTemplate): TemplatePreview['indicators'] {
  return template.indicators.map((i) => ({ number: i.number, name: i.name, unit: i.unit, section: i.section, lowerIsBetter: lowerIsBetter(i.name) }));
}

/** The sentence the coordinator reads under a preview, and the refusal when there is nothing to collect. */
function previewMessage(t: RegionalTemplate): string {
  if (t.indicators.length === 0) return 'В шаблоне нет таблицы целевых показателей: регион будет собирать только дорожные карты.';
  const years = t.years.length ? `годы ${t.years.join(', ')}` : 'годы не указаны';
  return `Прочитано: ${t.indicators.length} показателей, ${years}, разделов дорожной карты: ${t.sections.length}.`;
}

/** The template a workbook would become, without storing anything (the preview before «Заменить шаблон»). */
export function previewTemplate(workbook: GridWorkbook, fileName: string | null): TemplatePreview {
  const t = extractTemplate(workbook);
  if (t.indicators.length === 0 && t.sections.length === 0) {
    throw new HttpError(422, 'template-empty', 'В шаблоне не найдено ни таблицы целевых показателей, ни разделов дорожной карты.');
  }
  return { fileName, collects: t.indicators.length ? 'indicators' : 'roadmaps-only', indicators: templateIndicators(t), years: t.years, sections: t.sections, message: previewMessage(t) };
}

export function currentTemplate(region: RegionRecord): TemplatePreview {
  const template = region.template;
  if (!template) throw new HttpError(404, 'no-template', 'Региональный шаблон ещё не загружен.');
  const t = template.content;
  return { fileName: template.fileName, collects: t.indicators.length ? 'indicators' : 'roadmaps-only', indicators: templateIndicators(t), years: t.years, sections: t.sections, message: previewMessage(t) };
}


const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/**
 * Values far from the others of the same year: a robust z-score (median and median absolute deviation) above 3.5, the
 * usual cut-off; with three values or fewer nothing is «far», and with no spread a value differing by a quarter is.
 */
export function outlierIndices(values: ReadonlyArray<number | null>): Set<number> {
  const present = values.flatMap((v, i) => (v === null ? [] : [{ v, i }]));
  const out = new Set<number>();
  if (present.length < 4) return out;
  const m = median(present.map((p) => p.v));
  const mad = median(present.map((p) => Math.abs(p.v - m)));
  for (const p of present) {
    const far = mad > 0 ? (0.6745 * Math.abs(p.v - m)) / mad > 3.5 : Math.abs(p.v - m) > Math.max(Math.abs(m) * 0.25, 1e-9);
    if (far) out.add(p.i);
  }
  return out;
}

/** Every template indicator with each municipality's values in the Свод by year, the region's value and the outliers. */
export async function indicatorValues(store: Store, regionId: string, now: Date, consolidated?: { input: MergeInput; result: Consolidation }): Promise<IndicatorValues> {
  const { input, result } = consolidated ?? (await regionView(store).consolidation(regionId, now));
  const template = input.template;
  if (!template || !template.indicators.length) return { years: [], indicators: [] };
  const years = [...new Set(template.years)].sort((a, b) => a - b);
  const inSvod = result.municipalities.flatMap((m) => {
    const merged = m.merged;
    if (!m.report || !merged) return [];
    const byRow = new Map<number, { values: Record<string, CellValue>; unit: string }>();
    m.report.matches.forEach((match, i) => {
      if (match.outcome === 'merged') byRow.set(match.template, merged.content.indicators[i]!);
    });
    return [{ id: m.input.id, name: m.input.name, version: merged.version, byRow }];
  });
  const indicators = template.indicators.map((indicator, t) => {
    const rows = inSvod.flatMap((m) => {
      const entry = m.byRow.get(t);
      return entry ? [{ m, entry }] : [];
    });
    const kind = aggregateKind(indicator.unit, rows.map((r) => r.entry.unit));
    const municipalities = rows.map(({ m, entry }) => {
      const values: Record<string, CellValue> = {};
      const numbers: Record<string, number | null> = {};
      for (const y of years) {
        const v = entry.values[String(y)] ?? null;
        values[String(y)] = v instanceof Date ? v.toISOString() : v;
        numbers[String(y)] = kind === 'boolean' ? null : plainNumber(v);
      }
      return { municipalityId: m.id, name: m.name, version: m.version, values: values as Record<string, string | number | boolean | null>, numbers, outliers: [] as string[] };
    });
    const region: Record<string, number | null> = {};
    for (const y of years) {
      const key = String(y);
      region[key] = aggregate(kind, municipalities.map((m) => (kind === 'boolean' ? m.values[key]! : m.numbers[key]!) as CellValue)).value;
      for (const i of outlierIndices(municipalities.map((m) => m.numbers[key]!))) municipalities[i]!.outliers.push(key);
    }
    return {
      number: indicator.number,
      name: indicator.name,
      unit: indicator.unit,
      section: indicator.section,
      lowerIsBetter: lowerIsBetter(indicator.name),
      aggregate: kind ? AGGREGATE_LABEL[kind] : null,
      region,
      municipalities,
    };
  });
  return { years, indicators };
}
