export * from './diagnostic';
export * from './rule';
export * from './config';
export * from './messages';
export * from './fix';
export { checkModel, checkFacts, severityOf, RuleContractError, type CheckOptions, type CheckReport, type SheetReport, type TableSummary } from './run';
export * from './group';
