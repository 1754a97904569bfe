/**
 * What the Свод holds and why: for each municipality the version in the Свод, its status, how many of its indicators
 * reached the Свод against the current template, and every submitted thing that did not, with its reason. The status
 * sheet, the portal, the API and the regional workbook all read this one answer, so they cannot disagree.
 */
import type { Diagnostic } from '../engine/diagnostic';
import { formatMessage, plural } from '../engine/messages';
import type { CellValue } from '../grid/grid';
import indicatorNotInTemplate, { describeMatch } from '../rules/indicators/indicator-not-in-template';
import { cellText } from '../text/normalize';
import { awaitsMapping, matchIndicators, type IndicatorMapping, type IndicatorMatch } from './match';
import { formatDateTime, isAfterDeadline, zoneLabel } from './time';
import type { IndicatorEntry, IndicatorTally, MergeInput, MunicipalityInput, MunicipalityStatus, NotMerged, RegionalBuildMemo, RegionalTemplate, StatusRow, SubmissionContent, VersionInput } from './types';

/** A version's indicators against the template: each entry's match, the tally, and the findings to show. */
export interface VersionReport {
  matches: IndicatorMatch[];
  tally: IndicatorTally;
  findings: Diagnostic[];
}

/** True when the template has an indicator list to merge into. */
export function collectsIndicators(template: RegionalTemplate | null): template is RegionalTemplate {
  return !!template && template.indicators.length > 0;
}

/**
 * Matches a version's indicators to the template and says, as `indicator-not-in-template` diagnostics, what stays
 * out. Computed from the stored content whenever asked, so a new template or mapping never leaves stale findings.
 */
export function versionReport(content: SubmissionContent, template: RegionalTemplate, mappings: readonly IndicatorMapping[] = []): VersionReport {
  const entries = content.indicators;
  const matches = matchIndicators(entries, template.indicators, { mappings });
  const tally: IndicatorTally = { submitted: entries.length, merged: 0, awaiting: 0, notInTemplate: 0, ignored: 0, other: 0 };
  const findings: Diagnostic[] = [];
  const { meta } = indicatorNotInTemplate;
  matches.forEach((m, i) => {
    if (m.outcome === 'merged') tally.merged++;
    else if (awaitsMapping(m)) tally.awaiting++;
    else if (m.outcome === 'unmatched') tally.notInTemplate++;
    else if (m.outcome === 'ignored') tally.ignored++;
    else tally.other++;
    const entry = entries[i]!;
    const said = describeMatch(m, entry.name, template.indicators);
    if (!said) return;
    findings.push({
      ruleId: meta.id,
      severity: meta.defaultSeverity,
      sheet: entry.sheet ?? '',
      cell: entry.cell ?? '',
      message: formatMessage(meta.messages[said.messageId]!, said.data),
    });
  });
  return { matches, tally, findings };
}

/** «в свод вошло 40 из 51 показателя»: the count a municipality and the coordinator both read. */
export function tallySentence(tally: IndicatorTally): string {
  let text = `в свод вошло ${tally.merged} из ${plural(tally.submitted, ['показателя', 'показателей', 'показателей'])}`;
  if (tally.awaiting) text += `; ждут сопоставления координатором: ${tally.awaiting}`;
  if (tally.notInTemplate) text += `; нет в шаблоне: ${tally.notInTemplate}`;
  if (tally.ignored) text += `; исключено координатором: ${tally.ignored}`;
  if (tally.other) text += `; повторы и строки без названия: ${tally.other}`;
  return text;
}

/** Year values as a person reads them: «2021: 5; 2022: 7,5». */
export function valuesText(values: Record<string, CellValue>, years?: readonly string[]): string {
  const keys = (years ?? Object.keys(values).sort()).filter((y) => values[y] !== null && values[y] !== undefined && cellText(values[y]).trim() !== '');
  return keys.map((y) => `${y}: ${typeof values[y] === 'number' ? String(values[y]).replace('.', ',') : cellText(values[y])}`).join('; ');
}

function where(entry: IndicatorEntry): string | null {
  return entry.sheet && entry.cell ? `${entry.sheet}!${entry.cell}` : null;
}

function reasonOf(match: IndicatorMatch, template: RegionalTemplate): { reason: string; suggestions: string[] } {
  const names = (rows: number[]) => rows.map((r) => template.indicators[r]!.name);
  switch (match.outcome) {
    case 'ambiguous':
      return { reason: 'похож на несколько показателей шаблона: ждёт выбора координатора', suggestions: names(match.candidates) };
    case 'unmatched':
      return match.candidates.length
        ? { reason: 'не совпадает с шаблоном: ждёт подтверждения координатора', suggestions: names(match.candidates) }
        : { reason: 'нет в региональном шаблоне', suggestions: [] };
    case 'ignored':
      return { reason: 'координатор решил не включать в свод', suggestions: [] };
    case 'duplicate':
      return { reason: `повторяет показатель шаблона, уже взятый из строки выше: «${template.indicators[match.template]!.name}»`, suggestions: [] };
    case 'unnamed':
      return { reason: 'строка без названия показателя', suggestions: [] };
    case 'merged':
      return { reason: '', suggestions: [] };
  }
}

export interface MunicipalityOutcome {
  input: MunicipalityInput;
  row: StatusRow;
  /**
   * The version whose data is in the Свод: `input.accepted`, unless it was returned for rework or the municipality is
   * switched off (then null, and nothing older stands in). Every sheet and answer reads this, never `input.accepted`.
   */
  merged: VersionInput | null;
  /** The in-Svod version's report; null when the template has no indicators or nothing is in the Свод. */
  report: VersionReport | null;
}

export interface Consolidation {
  /** By name, then id. */
  municipalities: MunicipalityOutcome[];
  /** Municipalities whose data is in the Свод: the N of «в своде N из M». */
  inSvod: number;
  /** Municipalities counted: every one not switched off, the M of «в своде N из M». */
  total: number;
  notMerged: NotMerged[];
  /** The zone's label for every time shown («МСК»). */
  zone: string;
}

export function compareNames(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return a.name.localeCompare(b.name, 'ru') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function when(v: VersionInput, input: MergeInput, zone: string): string {
  return `${formatDateTime(v.submittedAt, input.timeZone)} ${zone}`;
}

/** `02.12.2026`: the day of an instant on the region's clock. */
function day(iso: string, input: MergeInput): string {
  return formatDateTime(iso, input.timeZone).slice(0, 10);
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * A version kept out of the Свод as a whole (returned, or its municipality switched off): one line for the version
 * (how much it holds) and one per indicator with its values, so the coordinator sees every value that stayed out.
 */
function wholeVersion(m: MunicipalityInput, v: VersionInput, reason: string): NotMerged[] {
  const { indicators, roadmap } = v.content;
  const holds = [
    indicators.length ? plural(indicators.length, ['показатель', 'показателя', 'показателей']) : null,
    roadmap.length ? `дорожная карта: ${plural(roadmap.length, ['мероприятие', 'мероприятия', 'мероприятий'])}` : null,
  ].filter((x): x is string => x !== null);
  const base = { municipalityId: m.id, name: m.name, version: v.version, suggestions: [] };
  return [
    { ...base, indicator: null, where: null, values: holds.join('; ') || 'пустая версия', reason },
    ...indicators.map((entry) => ({ ...base, indicator: entry.name || '(строка без названия)', where: where(entry), values: valuesText(entry.values), reason })),
  ];
}

/** Mappings that say the same: the same list, or both empty (a caller may pass a fresh `[]` each time). */
export function sameMappings(a: readonly IndicatorMapping[], b: readonly IndicatorMapping[]): boolean {
  return a === b || (a.length === 0 && b.length === 0);
}

type KeptReport = { template: RegionalTemplate; mappings: readonly IndicatorMapping[]; report: VersionReport };

/**
 * `versionReport`, kept in `memo` for the content object, the template object and the mappings it was computed for:
 * matching 60 indicators of 60 municipalities is most of what `consolidate` does, and a new version changes one.
 */
function reportOf(content: SubmissionContent, template: RegionalTemplate, mappings: IndicatorMapping[], kept: Generation<SubmissionContent, KeptReport> | null): VersionReport {
  if (!kept) return versionReport(content, template, mappings);
  const known = kept.get(content);
  if (known && known.template === template && sameMappings(known.mappings, mappings)) {
    kept.set(content, known);
    return known.report;
  }
  const report = versionReport(content, template, mappings);
  kept.set(content, { template, mappings, report });
  return report;
}

/**
 * One call's use of a memo's map: what it asks for is looked up among the entries of the call before and kept for the
 * next, the rest is dropped, so a memo holds the pieces of the current versions only (not of every version ever built).
 */
export class Generation<K extends object, V> {
  readonly next = new WeakMap<K, V>();
  constructor(private readonly last: WeakMap<K, V> | undefined) {}
  get(key: K): V | undefined {
    return this.next.get(key) ?? this.last?.get(key);
  }
  set(key: K, value: V): void {
    this.next.set(key, value);
  }
}

/**
 * Consolidates the region: pure and deterministic (municipalities in any order give the same answer). With `memo`
 * (kept by the caller between calls) the indicator reports of unchanged contents are reused; the answer is the same.
 */
export function consolidate(input: MergeInput, memo?: RegionalBuildMemo): Consolidation {
  const zone = zoneLabel(input.timeZone, new Date(input.now));
  const template = collectsIndicators(input.template) ? input.template : null;
  const deadlinePassed = isAfterDeadline(input.now, input.deadline, input.timeZone);
  const late = (v: VersionInput) => isAfterDeadline(v.submittedAt, input.deadline, input.timeZone);
  const notMerged: NotMerged[] = [];
  const list = [...input.municipalities].sort(compareNames);
  const kept = memo ? new Generation(memo.reports) : null;

  const municipalities = list.map((m): MunicipalityOutcome => {
    const { latest, accepted } = m;
    const off = m.deactivatedAt ?? null;
    // A returned version stays out, and so does everything of a municipality switched off; an older accepted version
    // never stands in for a returned one: its data was replaced by the municipality itself (README, «The regional workbook»).
    const merged = !off && accepted && !accepted.returned ? accepted : null;
    const report = merged && template ? reportOf(merged.content, template, input.mappings, kept) : null;
    const latestReport = latest && template ? (latest === merged ? report : reportOf(latest.content, template, input.mappings, kept)) : null;
    let status: MunicipalityStatus;
    const notes: string[] = [];
    const inSvodNote = () => (merged ? `В своде версия ${merged.version} от ${when(merged, input, zone)}.` : 'В своде данных нет.');
    // The comment is the reason on «Не вошло в свод» and `row.returned`; the note stays one short sentence.
    const returnedText = (v: VersionInput, withComment = true) => `версия ${v.version} возвращена на доработку ${day(v.returned!.at, input)}${withComment ? `: ${v.returned!.comment}` : ''}`;
    if (off) {
      status = 'отключён';
      notes.push(`Муниципалитет отключён ${day(off, input)}: его версии в свод не входят и в счёт «в своде N из M» он не идёт.`);
    } else if (!latest) {
      status = deadlinePassed ? 'просрочено' : 'не сдано';
      notes.push(deadlinePassed ? 'Срок прошёл, ничего не прислано.' : 'Ещё ничего не прислано.');
    } else if (latest.returned) {
      status = 'возвращено на доработку';
      notes.push(`${capital(returnedText(latest, false))}.`);
      notes.push(latest === accepted ? 'В своде данных нет, пока муниципалитет не пришлёт новую версию.' : inSvodNote());
    } else if (!latest.accepted) {
      status = 'сдано с ошибками';
      notes.push(`Версия ${latest.version} отклонена (${plural(latest.errors, ['ошибка', 'ошибки', 'ошибок'])}).`);
      if (accepted?.returned) notes.push(`${capital(returnedText(accepted, false))}.`);
      notes.push(inSvodNote());
    } else {
      const waits = !!report && (report.tally.awaiting > 0 || (report.tally.merged === 0 && report.tally.submitted - report.tally.ignored > 0));
      status = waits ? 'ждёт сопоставления' : late(latest) ? 'сдано с опозданием' : 'принято';
      notes.push(`В своде версия ${latest.version} от ${when(latest, input, zone)}${late(latest) ? ', после срока' : ''}.`);
    }
    if (merged && report && report.tally.submitted === 0) {
      notes.push('В версии нет таблицы целевых показателей.');
    } else if (merged && report) {
      const sentence = tallySentence(report.tally);
      notes.push(sentence.charAt(0).toUpperCase() + sentence.slice(1) + '.');
    } else if (merged && merged.content.indicators.length && !template) {
      notes.push('Показатели не сводятся: у региона нет шаблона целевых показателей.');
    }

    if (latest && !latest.accepted) {
      // The comment is free text: it comes last.
      let reason = `версия отклонена (${plural(latest.errors, ['ошибка', 'ошибки', 'ошибок'])}): ${merged ? `в своде версия ${merged.version}` : 'в своде данных этого муниципалитета нет'}`;
      if (off) reason += `; муниципалитет отключён ${day(off, input)}`;
      if (latest.returned) reason += `; возвращена на доработку ${day(latest.returned.at, input)}: ${latest.returned.comment}`;
      notMerged.push({ municipalityId: m.id, name: m.name, version: latest.version, indicator: null, where: null, values: '', reason, suggestions: [] });
    }
    if (accepted && !merged) {
      // The version that would be in the Свод, out as a whole: every value of it named, so nothing leaves silently.
      const reason = off ? `муниципалитет отключён ${day(off, input)}${accepted.returned ? `; ${returnedText(accepted)}` : ''}` : returnedText(accepted);
      notMerged.push(...wholeVersion(m, accepted, reason));
    }

    if (merged && report && template) {
      const years = template.years.map(String);
      report.matches.forEach((match, i) => {
        const entry = merged.content.indicators[i]!;
        if (match.outcome !== 'merged') {
          notMerged.push({ municipalityId: m.id, name: m.name, version: merged.version, indicator: entry.name || null, where: where(entry), values: valuesText(entry.values), ...reasonOf(match, template) });
          return;
        }
        const outside = Object.keys(entry.values).filter((y) => !years.includes(y)).sort();
        const text = valuesText(entry.values, outside);
        if (text) {
          notMerged.push({
            municipalityId: m.id,
            name: m.name,
            version: merged.version,
            indicator: entry.name,
            where: where(entry),
            values: text,
            reason: `${outside.length > 1 ? 'этих лет' : 'этого года'} нет в шаблоне (годы шаблона: ${years.join(', ')})`,
            suggestions: [],
          });
        }
      });
    } else if (merged && !template && merged.content.indicators.length) {
      notMerged.push({
        municipalityId: m.id,
        name: m.name,
        version: merged.version,
        indicator: null,
        where: null,
        values: plural(merged.content.indicators.length, ['показатель', 'показателя', 'показателей']),
        reason: 'у региона нет шаблона целевых показателей: показатели не сводятся',
        suggestions: [],
      });
    }

    const pending = latest?.returned ? latest : accepted?.returned && !merged ? accepted : null;
    const row: StatusRow = {
      municipalityId: m.id,
      name: m.name,
      status,
      version: latest?.version ?? null,
      submittedAt: latest?.submittedAt ?? null,
      late: !!latest && late(latest),
      errors: latest?.errors ?? 0,
      warnings: (latest?.warnings ?? 0) + (latestReport?.findings.length ?? 0),
      inSvod: merged ? { version: merged.version, submittedAt: merged.submittedAt, late: late(merged) } : null,
      returned: pending ? { version: pending.version, at: pending.returned!.at, comment: pending.returned!.comment } : null,
      indicators: report ? report.tally : null,
      note: notes.join(' '),
    };
    return { input: m, row, merged, report };
  });
  if (memo && kept) memo.reports = kept.next;
  return { municipalities, inSvod: municipalities.filter((m) => m.merged).length, total: municipalities.filter((m) => !m.input.deactivatedAt).length, notMerged, zone };
}
