/** The regional merge: what a submission contains, the region's template, the regional workbook, version diffs. */
export * from './types';
export { indicatorKey } from './key';
export { matchIndicators, awaitsMapping, type IndicatorMapping, type IndicatorMatch, type MatchHow } from './match';
export { consolidate, versionReport, tallySentence, valuesText, collectsIndicators, compareNames, type Consolidation, type MunicipalityOutcome, type VersionReport } from './consolidate';
export * from './time';
export { extractSubmission, extractFromFacts, extractTemplate } from './extract';
export {
  buildRegionalWorkbook,
  aggregate,
  AGGREGATE_LABEL,
  kindOf as aggregateKind,
  svodValue,
  orderRoadmap,
  SHEET_INDICATORS,
  SHEET_ROADMAPS,
  SHEET_STATUS,
  SHEET_NOT_MERGED,
  SHEET_GLOSSARY,
  REGION_COLUMN,
} from './build';
export { diffSubmissions } from './diff';
