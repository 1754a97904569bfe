/**
 * The bench region as the merge sees it, without a server: 60 municipalities, each with an accepted version of the
 * generated workbook (`generate.ts`), for timing and profiling the regional workbook alone (`merge-profile.ts`).
 */
import { extractSubmission, extractTemplate, type MergeInput, type MunicipalityInput, type VersionInput } from '@svod/shared';
import { municipalities, submissionWorkbook, templateWorkbook } from './generate';

export function acceptedVersion(municipality: number, attempt: number, roadmapRows: number): VersionInput {
  return {
    version: attempt + 1,
    submittedAt: new Date(Date.UTC(2026, 10, 1 + attempt, 6, municipality)).toISOString(),
    accepted: true,
    errors: 0,
    warnings: 0,
    content: extractSubmission(submissionWorkbook(municipality, attempt, roadmapRows)),
  };
}

export function benchMergeInput(count = 60, roadmapRows = 300): MergeInput {
  const list: MunicipalityInput[] = municipalities(count).map((m, i) => {
    const v = acceptedVersion(i, 0, roadmapRows);
    return { id: m.id, name: m.name, latest: v, accepted: v };
  });
  return {
    regionName: 'Камчатский край',
    timeZone: 'Asia/Kamchatka',
    template: extractTemplate(templateWorkbook()),
    deadline: '2099-12-15',
    mappings: [],
    municipalities: list,
    now: '2026-11-20T09:00:00Z',
  };
}
