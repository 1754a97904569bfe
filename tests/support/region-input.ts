/**
 * Builds the merge's input from the way tests think of a region: accepted versions, and municipalities whose last
 * version was rejected or who sent nothing.
 */
import type { MergeInput, MunicipalityInput, RegionalTemplate, SubmissionContent, VersionInput } from '../../shared/src/merge';

export interface AcceptedVersion {
  municipalityId: string;
  name: string;
  version: number;
  submittedAt: string;
  content: SubmissionContent;
  warnings?: number;
}

export interface RegionSpec {
  regionName: string;
  deadline: string | null;
  template: RegionalTemplate | null;
  submissions: AcceptedVersion[];
  /** A later rejected version for these municipalities: id → its errors and time. */
  rejected?: Record<string, { errors: number; submittedAt: string; warnings?: number }>;
  /** Municipalities that sent nothing: id → name. */
  silent?: Record<string, string>;
  timeZone?: string;
  now?: string;
  mappings?: MergeInput['mappings'];
}

export function regionInput(spec: RegionSpec): MergeInput {
  const byId = new Map<string, MunicipalityInput>();
  for (const s of spec.submissions) {
    const v: VersionInput = { version: s.version, submittedAt: s.submittedAt, accepted: true, errors: 0, warnings: s.warnings ?? 0, content: s.content };
    const known = byId.get(s.municipalityId);
    if (known && known.accepted && known.accepted.version > s.version) continue;
    byId.set(s.municipalityId, { id: s.municipalityId, name: s.name, latest: v, accepted: v });
  }
  for (const [id, r] of Object.entries(spec.rejected ?? {})) {
    const m = byId.get(id);
    if (!m) throw new Error(`no accepted version for ${id}`);
    m.latest = { version: (m.accepted?.version ?? 0) + 1, submittedAt: r.submittedAt, accepted: false, errors: r.errors, warnings: r.warnings ?? 0, content: { indicators: [], roadmap: [] } };
  }
  for (const [id, name] of Object.entries(spec.silent ?? {})) byId.set(id, { id, name, latest: null, accepted: null });
  return {
    regionName: spec.regionName,
    timeZone: spec.timeZone ?? 'Europe/Moscow',
    template: spec.template,
    deadline: spec.deadline,
    mappings: spec.mappings ?? [],
    municipalities: [...byId.values()],
    now: spec.now ?? '2024-02-29T12:00:00Z',
  };
}
