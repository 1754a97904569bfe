/** A version as the server shows it: in a list (summary), and after sending or when opened (with its diagnostics). */
import { z } from 'zod';
import type { DiagnosticGroup } from '../engine/group';
import type { IndicatorTally, SubmissionDiff } from '../merge/types';
import type { Same } from './same';
import { diagnostic, severity } from './diagnostic';
import { jsonCell } from './submission-form';

export const submissionStatus = z.enum(['accepted', 'rejected']);
export const submissionKind = z.enum(['xlsx', 'ods', 'csv', 'json']);

export const indicatorTally = z
  .object({
    submitted: z.number().int(),
    merged: z.number().int(),
    awaiting: z.number().int().meta({ description: 'ждут сопоставления координатором' }),
    notInTemplate: z.number().int(),
    ignored: z.number().int(),
    other: z.number().int().meta({ description: 'повторы и строки без названия' }),
  })
  .meta({ id: 'IndicatorTally' });

/** The tally of one version, with its sentence for a person. */
export const versionIndicators = indicatorTally
  .extend({ message: z.string().meta({ examples: ['В свод вошло 40 из 51 показателя; нет в шаблоне: 11.'] }) })
  .meta({ id: 'VersionIndicators' });

export const findingCounts = z
  .object({
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    truncated: z.literal(true).optional().meta({ description: 'Есть только, когда список diagnostics сокращён (ошибки — в первую очередь).' }),
  })
  .meta({ description: 'Считает все замечания, даже когда в списке diagnostics сохранены не все.' });

export const submissionSummary = z
  .object({
    id: z.string().meta({ format: 'uuid' }),
    municipalityId: z.string(),
    version: z.number().int().min(1),
    submittedAt: z.string().meta({ format: 'date-time' }),
    status: submissionStatus,
    kind: submissionKind,
    fileName: z.string().nullable(),
    summary: findingCounts,
    indicators: versionIndicators
      .nullable()
      .meta({ description: 'Сколько показателей версии вошло в свод (по текущему шаблону); null, если регион не собирает показатели или версия отклонена.' }),
  })
  .meta({ id: 'SubmissionSummary' });
export type SubmissionSummary = z.infer<typeof submissionSummary>;

/** Repeated findings folded into one (`groupDiagnostics`): what a client lists instead of 51 alike lines. */
export const diagnosticGroup = z
  .object({
    ruleId: z.string(),
    messageId: z.string().optional(),
    severity,
    sheet: z.string(),
    table: z.string().optional().meta({ description: 'Таблица; нет для замечаний вне таблиц.', examples: ['A4:E80'] }),
    count: z.number().int().min(2).meta({ description: 'Сколько замечаний свёрнуто.' }),
    cellCount: z.number().int().min(1).meta({ description: 'В скольких разных ячейках.' }),
    cells: z.array(z.string()).meta({ description: 'Первые ячейки (не больше пяти).', examples: [['B9', 'C12', 'E12', 'B14', 'B15']] }),
    message: z.string().meta({ description: 'Одна фраза на всю группу.', examples: ['Пробел в конце текста (после «…»).'] }),
    indices: z.array(z.number().int().min(0)).meta({ description: 'Номера замечаний группы в списке diagnostics (с нуля): там их точные тексты.' }),
  })
  .meta({ id: 'DiagnosticGroup' });

const groups = z
  .array(diagnosticGroup)
  .optional()
  .meta({ description: 'Повторяющиеся замечания одного правила в одной таблице (от четырёх), свёрнутые в одно; каждое по-прежнему есть в diagnostics.' });

/** What a sender gets back: the version, every finding, and whether it was already there. */
export const submissionReceipt = submissionSummary
  .extend({
    diagnostics: z.array(diagnostic),
    groups,
    duplicate: z.boolean().meta({ description: 'true, если такой же файл уже был принят раньше (ответ 200).' }),
  })
  .meta({ id: 'SubmissionReceipt' });
export type SubmissionReceipt = z.infer<typeof submissionReceipt>;

/** GET /submissions/{id}: the version with its findings. */
export const submissionDetails = submissionSummary.extend({ diagnostics: z.array(diagnostic), groups }).meta({ id: 'SubmissionDetails' });
export type SubmissionDetails = z.infer<typeof submissionDetails>;

export const submissionList = z.object({ submissions: z.array(submissionSummary) }).meta({ id: 'SubmissionList' });
export type SubmissionList = z.infer<typeof submissionList>;

const diffItem = z.object({
  kind: z.enum(['roadmap', 'indicator']),
  key: z.string().meta({ description: 'Номер пункта или ключ показателя.' }),
  label: z.string().meta({ description: '«1.2 Совещание …» или название показателя.' }),
});

export const submissionDiff = z.object({
  added: z.array(diffItem),
  removed: z.array(diffItem),
  changed: z.array(diffItem.extend({ fields: z.array(z.object({ field: z.string(), before: jsonCell, after: jsonCell })) })),
});

export const submissionComparison = z.object({ from: submissionSummary, to: submissionSummary, diff: submissionDiff }).meta({ id: 'SubmissionDiff' });

const _tally: Same<z.infer<typeof indicatorTally>, IndicatorTally> = true;
const _group: Same<z.infer<typeof diagnosticGroup>, DiagnosticGroup> = true;
const _diff: SubmissionDiff = null as unknown as z.infer<typeof submissionDiff>;
void _tally;
void _group;
void _diff;
