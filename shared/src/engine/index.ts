export * from './diagnostic';
export * from './rule';
export * from './config';
export * from './messages';
export * from './fix';
export { checkModel, severityOf, type CheckReport, type SheetReport, type TableSummary } from './run';
export { TableContext, WorkbookContext, splitExecutors } from './context';
