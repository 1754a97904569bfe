import type { Rule } from '../engine/rule';
import activityMissing from './roadmap/activity-missing';
import continuationRow from './roadmap/continuation-row';
import deadlineBeforeApproval from './roadmap/deadline-before-approval';
import deadlineIncomplete from './roadmap/deadline-incomplete';
import deadlineInvalidDate from './roadmap/deadline-invalid-date';
import deadlineMissing from './roadmap/deadline-missing';
import deadlineMissingYear from './roadmap/deadline-missing-year';
import deadlineOutOfPeriod from './roadmap/deadline-out-of-period';
import deadlineRangeReversed from './roadmap/deadline-range-reversed';
import deadlineTypo from './roadmap/deadline-typo';
import deadlineUnparsed from './roadmap/deadline-unparsed';
import executorMissing from './roadmap/executor-missing';
import executorUnknown from './roadmap/executor-unknown';
import executorVariant from './roadmap/executor-variant';
import numberingDuplicate from './roadmap/numbering-duplicate';
import numberingGap from './roadmap/numbering-gap';
import numberingOrder from './roadmap/numbering-order';
import numberingParent from './roadmap/numbering-parent';
import resultMissing from './roadmap/result-missing';
import indicatorDirection from './indicators/indicator-direction';
import indicatorSubtotal from './indicators/indicator-subtotal';
import indicatorUnitUnknown from './indicators/indicator-unit-unknown';
import indicatorValueMissing from './indicators/indicator-value-missing';
import indicatorValueRange from './indicators/indicator-value-range';
import indicatorValueType from './indicators/indicator-value-type';
import indicatorYears from './indicators/indicator-years';
import indicatorNotInTemplate from './indicators/indicator-not-in-template';
import resultsShareRange from './results/results-share-range';
import resultsShareSum from './results/results-share-sum';
import approvalDateInvalid from './common/approval-date-invalid';
import textMarkup from './common/text-markup';
import tableUnrecognised from './common/table-unrecognised';
import numberingConverted from './common/numbering-converted';
import deadlineConverted from './roadmap/deadline-converted';
import textWhitespace from './common/text-whitespace';
import activityVerbalNoun from './quality/activity-verbal-noun';
import resultUncheckable from './quality/result-uncheckable';
import deadlineUndatedPlan from './quality/deadline-undated-plan';
import periodMismatch from './workbook/period-mismatch';
import approvalAfterStart from './workbook/approval-after-start';
import glossaryUnused from './workbook/glossary-unused';
import resultIndicatorUnknown from './workbook/result-indicator-unknown';
import numberingConflict from './workbook/numbering-conflict';

/** Every rule, explicitly: the catalogue whose ids are a public contract. */
export const rules: readonly Rule[] = [
  numberingDuplicate,
  numberingGap,
  numberingOrder,
  numberingParent,
  activityMissing,
  deadlineMissing,
  deadlineUnparsed,
  deadlineInvalidDate,
  deadlineIncomplete,
  deadlineMissingYear,
  deadlineOutOfPeriod,
  deadlineRangeReversed,
  deadlineBeforeApproval,
  deadlineTypo,
  executorMissing,
  executorUnknown,
  executorVariant,
  resultMissing,
  continuationRow,
  indicatorUnitUnknown,
  indicatorValueType,
  indicatorValueRange,
  indicatorValueMissing,
  indicatorDirection,
  indicatorYears,
  indicatorSubtotal,
  indicatorNotInTemplate,
  resultsShareRange,
  resultsShareSum,
  approvalDateInvalid,
  textMarkup,
  textWhitespace,
  tableUnrecognised,
  numberingConverted,
  deadlineConverted,
  activityVerbalNoun,
  resultUncheckable,
  deadlineUndatedPlan,
  periodMismatch,
  approvalAfterStart,
  glossaryUnused,
  resultIndicatorUnknown,
  numberingConflict,
];

export const ruleIds: readonly string[] = rules.map((r) => r.meta.id);

export function ruleById(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
