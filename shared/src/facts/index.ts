export { TableFacts } from './table-facts';
export { WorkbookFacts, readFacts, type ExecutorUsage } from './workbook-facts';
export { cachedDeadline, periodFromDeadlines, type DeadlineEntry } from './deadlines';
export { splitExecutors, isKnownExecutor, type ExecutorMention } from './executors';
export type { IndicatorRow, IndicatorCell } from './indicators';
export type { NumberingIssue, NumberingAnalysis, CellWrite } from './numbering';
export type { ShareCell } from './shares';
export type { TextCell } from './text-cells';
export { sectionPath } from './sections';
