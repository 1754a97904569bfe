/**
 * The region as the merge sees it: every municipality's last version and the version in the Свод, with their stored
 * contents. Status, the municipality list, a version's findings and the regional workbook are all computed from this
 * one view by the core's `consolidate`, so they agree, and template-dependent findings always meet the current template.
 */
import { consolidate, DEFAULT_TIME_ZONE, isAfterDeadline, tallySentence, type RegionStatus, versionReport, collectsIndicators, type Consolidation, type Diagnostic, type IndicatorTally, type MergeInput, type RegionalBuildMemo, type SubmissionContent, type VersionInput } from '@svod/shared';
import { sha256 } from '../store/blobs';
import type { MunicipalityRecord, RegionRecord, SubmissionRecord } from '../store/schema';
import type { LatestVersions, Store } from '../store/store';

export const TEMPLATE_RULE = 'indicator-not-in-template';

export function timeZoneOf(region: RegionRecord | null): string {
  return region?.timeZone ?? DEFAULT_TIME_ZONE;
}

/**
 * Contents and legacy counts by hash: immutable, so kept across requests — a bounded number of them, and for blobs a
 * bounded size too (the bytes of their JSON; in memory they take about three times that). By number alone, one
 * municipality sending distinct 60,000-row roadmaps grew the server by 25 MB a version, towards 2,000 of them (#8).
 */
export class HashCache<T> {
  private readonly map = new Map<string, { value: T; bytes: number }>();
  private bytes = 0;
  constructor(
    private readonly limit: number,
    private readonly maxBytes = Infinity,
  ) {}

  get(hash: string, load: () => Promise<T>): Promise<T> {
    return this.getSized(hash, async () => ({ value: await load(), bytes: 0 }));
  }

  /** `load` says how many bytes the value came from; a value bigger than the whole budget is not kept. */
  async getSized(hash: string, load: () => Promise<{ value: T; bytes: number }>): Promise<T> {
    const hit = this.map.get(hash);
    if (hit !== undefined) return hit.value;
    const loaded = await load();
    const again = this.map.get(hash);
    if (again !== undefined) return again.value;
    if (loaded.bytes > this.maxBytes) return loaded.value;
    while (this.map.size > 0 && (this.map.size >= this.limit || this.bytes + loaded.bytes > this.maxBytes)) {
      const oldest = this.map.keys().next().value!;
      this.bytes -= this.map.get(oldest)!.bytes;
      this.map.delete(oldest);
    }
    this.map.set(hash, loaded);
    this.bytes += loaded.bytes;
    return loaded.value;
  }
}

/** A JSON blob with the size of its bytes, for a size-bounded HashCache. */
async function sizedJson<T>(store: Store, hash: string): Promise<{ value: T; bytes: number }> {
  const bytes = await store.blobs.get(hash);
  return { value: JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8')) as T, bytes: bytes.length };
}

/** What one version says, against the current template: its findings, their counts, and its part in the Свод. */
export interface VersionView {
  diagnostics: Diagnostic[];
  summary: SubmissionRecord['summary'];
  /** Null without a template indicator list (or for a rejected or returned version, which never goes in). */
  indicators: (IndicatorTally & { message: string }) | null;
}

export interface RegionSnapshot {
  region: RegionRecord | null;
  municipalities: MunicipalityRecord[];
  latest: Map<string, LatestVersions>;
}

const NO_VERSIONS: LatestVersions = { last: null, accepted: null };

export class RegionView {
  /** 32 MB of JSON: the Свод of the 60-municipality bench region holds a few MB of contents. */
  private readonly contents = new HashCache<SubmissionContent>(2000, 32 * 1024 * 1024);
  private readonly diagnostics = new HashCache<Diagnostic[]>(200, 16 * 1024 * 1024);
  private readonly legacy = new HashCache<number>(5000);
  /**
   * The merge's pieces of unchanged contents (indicator reports, roadmap blocks), kept by content object: the contents
   * above are one object per hash while cached, so a new version rebuilds only its own pieces. Weakly held.
   */
  readonly memo: RegionalBuildMemo = {};

  constructor(private readonly store: Store) {}

  content(record: SubmissionRecord): Promise<SubmissionContent> {
    return this.contents.getSized(record.contentHash, () => sizedJson<SubmissionContent>(this.store, record.contentHash));
  }

  /** The stored findings that do not depend on the template (older versions mixed in their day's template findings). */
  async storedDiagnostics(record: SubmissionRecord): Promise<Diagnostic[]> {
    const all = await this.diagnostics.getSized(record.diagnosticsHash, () => sizedJson<Diagnostic[]>(this.store, record.diagnosticsHash));
    return record.templateFree ? all : all.filter((d) => d.ruleId !== TEMPLATE_RULE);
  }

  /** The version's own counts without any template finding. */
  private async ownSummary(record: SubmissionRecord): Promise<SubmissionRecord['summary']> {
    if (record.templateFree) return record.summary;
    const stale = await this.legacy.get(record.diagnosticsHash, async () => {
      const all = await this.diagnostics.getSized(record.diagnosticsHash, () => sizedJson<Diagnostic[]>(this.store, record.diagnosticsHash));
      return all.filter((d) => d.ruleId === TEMPLATE_RULE).length;
    });
    return { ...record.summary, warnings: Math.max(0, record.summary.warnings - stale) };
  }

  private async versionInput(record: SubmissionRecord): Promise<VersionInput> {
    const [content, own] = await Promise.all([this.content(record), this.ownSummary(record)]);
    const input: VersionInput = { version: record.version, submittedAt: record.submittedAt, accepted: record.status === 'accepted', errors: own.errors, warnings: own.warnings, content };
    // The coordinator's latest «вернуть на доработку» keeps the version out of the Свод (the core decides what follows).
    const returned = record.returns?.at(-1);
    if (returned) input.returned = { at: returned.at, comment: returned.comment };
    return input;
  }

  /**
   * What the merge reads of a region, read together: the region, its municipalities in the order they were registered,
   * and each one's last and last accepted version.
   */
  async snapshot(regionId: string): Promise<RegionSnapshot> {
    const [region, municipalities, latest] = await Promise.all([this.store.region(regionId), this.store.municipalities(regionId), this.store.latest(regionId)]);
    return { region, municipalities, latest };
  }

  async mergeInput(regionId: string, now: Date, snapshot?: RegionSnapshot): Promise<MergeInput> {
    const { region, municipalities: list, latest } = snapshot ?? (await this.snapshot(regionId));
    const municipalities = await Promise.all(
      list.map(async (m) => {
        const { last, accepted } = latest.get(m.id) ?? NO_VERSIONS;
        const latestInput = last ? await this.versionInput(last) : null;
        const acceptedInput = accepted ? (accepted === last ? latestInput : await this.versionInput(accepted)) : null;
        return { id: m.id, name: m.name, latest: latestInput, accepted: acceptedInput, ...(m.deactivatedAt ? { deactivatedAt: m.deactivatedAt } : {}) };
      }),
    );
    return {
      regionName: region?.name ?? '',
      timeZone: timeZoneOf(region),
      template: region?.template?.content ?? null,
      deadline: region?.deadline ?? null,
      mappings: region?.mappings ?? [],
      municipalities,
      now: now.toISOString(),
    };
  }

  async consolidation(regionId: string, now: Date, snapshot?: RegionSnapshot): Promise<{ input: MergeInput; result: Consolidation }> {
    const input = await this.mergeInput(regionId, now, snapshot);
    return { input, result: consolidate(input, this.memo) };
  }

  /**
   * A version's findings and counts against the current template and mappings. `region`: the version's region as read
   * for the same answer (a list of versions reads it once).
   */
  async version(record: SubmissionRecord, region?: RegionRecord | null): Promise<VersionView> {
    const [stored, own, content, read] = await Promise.all([
      this.storedDiagnostics(record),
      this.ownSummary(record),
      this.content(record),
      region === undefined ? this.store.region(record.regionId) : region,
    ]);
    const template = read?.template?.content ?? null;
    if (!collectsIndicators(template)) return { diagnostics: stored, summary: own, indicators: null };
    const report = versionReport(content, template, read?.mappings ?? []);
    const diagnostics = [...stored, ...report.findings];
    const summary = { ...own, warnings: own.warnings + report.findings.length };
    // A rejected or returned version never goes in: no count of what «reaches» the Свод.
    if (record.status !== 'accepted' || record.returns?.length) return { diagnostics, summary, indicators: null };
    const t = report.tally;
    const sentence = tallySentence(t);
    let message = `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
    if (t.submitted === 0) message = 'В файле нет таблицы целевых показателей: в свод показателей ничего не войдёт.';
    else if (t.merged === 0) message += ' Ни один показатель не совпал с региональным шаблоном: координатор сопоставит их или вернёт файл на доработку.';
    return { diagnostics, summary, indicators: { ...t, message } };
  }
}

const views = new WeakMap<Store, RegionView>();

/** One view per store: its caches serve every router. */
export function regionView(store: Store): RegionView {
  let view = views.get(store);
  if (!view) views.set(store, (view = new RegionView(store)));
  return view;
}

/** A region's status as its coordinator's `GET /region/status` answers it (the federal view of one region too); null: no such region. */
export async function regionStatus(store: Store, regionId: string, now: Date): Promise<RegionStatus | null> {
  const view = regionView(store);
  const snapshot = await view.snapshot(regionId);
  if (!snapshot.region) return null;
  return statusOf(snapshot.region, await view.consolidation(regionId, now, snapshot));
}

/** The status answer of a region from its consolidation. */
function statusOf(region: RegionRecord, consolidated: { input: MergeInput; result: Consolidation }): RegionStatus {
  const { input, result } = consolidated;
  return {
    region: region.name,
    deadline: region.deadline,
    timeZone: input.timeZone,
    zone: result.zone,
    inSvod: result.inSvod,
    total: result.total,
    notMerged: result.notMerged.length,
    municipalities: result.municipalities.map((m) => m.row),
  };
}

/**
 * A key for everything a region's consolidation depends on: the region record (name, clock, template, deadline,
 * mappings), its municipalities (name, switch-off), each one's last and accepted version with their returns, and
 * whether the deadline day is over at `now` (statuses change then, and only then). What is computed from the
 * consolidation may be kept under it: the same key, the same answer, whichever process computed it.
 */
export function stateKey(snapshot: RegionSnapshot & { region: RegionRecord }, now: Date): string {
  const { region } = snapshot;
  const returns = (s: SubmissionRecord | null) => s?.returns?.map((r) => r.id) ?? [];
  const versions = snapshot.municipalities.map((m) => {
    const { last, accepted } = snapshot.latest.get(m.id) ?? NO_VERSIONS;
    return [m.id, m.name, m.deactivatedAt ?? null, last?.id ?? null, returns(last), accepted?.id ?? null, returns(accepted)];
  });
  const passed = isAfterDeadline(now, region.deadline, timeZoneOf(region));
  return sha256(JSON.stringify([region.name, timeZoneOf(region), region.template?.fileHash ?? null, region.deadline, region.mappings ?? [], versions, passed]));
}
