/** The regional merge: what a submission contains, the region's template, the regional workbook, version diffs. */
export * from './types';
export { indicatorKey, keysMatch, matchToTemplate } from './key';
export { extractSubmission, extractTemplate } from './extract';
export { buildRegionalWorkbook, aggregate, orderRoadmap, SHEET_INDICATORS, SHEET_ROADMAPS, SHEET_STATUS, REGION_COLUMN } from './build';
export { diffSubmissions } from './diff';
