/**
 * What the web portal (issue #12) asks of the server beyond the submission API: who is signed in, renaming and
 * switching off a municipality, returning a version for rework with a comment, the template as read (a preview before
 * it replaces the old one, and the current one's indicator list), and every municipality's indicator values.
 */
import { z } from 'zod';
import { jsonCell } from './submission-form';
import { statusRow, templateMode } from './region';

export const session = z
  .object({
    role: z.enum(['coordinator', 'municipality', 'federal']),
    municipality: z.object({ id: z.string(), name: z.string() }).nullable().meta({ description: 'Свой муниципалитет (для токена муниципалитета).' }),
    region: z.string(),
    status: statusRow.nullable().meta({ description: 'Статус своего муниципалитета (для токена муниципалитета): что в своде и почему.' }),
  })
  .meta({ id: 'Session' });
export type Session = z.infer<typeof session>;

const RENAME_MESSAGE = 'Название муниципалитета: от 2 до 200 символов.';

export const municipalityUpdate = z
  .object({
    name: z
      .string({ error: RENAME_MESSAGE })
      .refine((s) => s.trim().length >= 2 && s.length <= 200, { error: RENAME_MESSAGE })
      .optional(),
    active: z.boolean({ error: 'Поле active: true (включить) или false (отключить).' }).optional(),
  })
  .strict()
  .meta({ id: 'MunicipalityUpdate', description: 'Переименовать (name) и/или отключить (active: false; токены отзываются) или включить снова (active: true; нужен новый токен).' });
export type MunicipalityUpdate = z.infer<typeof municipalityUpdate>;

export const municipalityState = z
  .object({
    id: z.string(),
    name: z.string(),
    active: z.boolean(),
    deactivatedAt: z.string().nullable().meta({ format: 'date-time' }),
    /** Whether a live token exists: a slip can be printed only for a token just issued, never read back. */
    hasToken: z.boolean(),
  })
  .meta({ id: 'MunicipalityState' });
export type MunicipalityState = z.infer<typeof municipalityState>;

export const municipalityStates = z.object({ municipalities: z.array(municipalityState) }).meta({ id: 'MunicipalityStates' });
export type MunicipalityStates = z.infer<typeof municipalityStates>;

const COMMENT_MESSAGE = 'Комментарий для муниципалитета: от 3 до 4000 символов — что исправить.';

export const returnBody = z
  .object({ comment: z.string({ error: COMMENT_MESSAGE }).refine((s) => s.trim().length >= 3 && s.length <= 4000, { error: COMMENT_MESSAGE }) })
  .strict()
  .meta({ id: 'ReturnRequest' });

export const returnNote = z
  .object({
    id: z.string(),
    submissionId: z.string(),
    municipalityId: z.string(),
    version: z.number().int(),
    comment: z.string(),
    at: z.string().meta({ format: 'date-time' }),
  })
  .meta({ id: 'ReturnNote', description: 'Версия возвращена на доработку: комментарий координатора, который видит муниципалитет.' });
export type ReturnNote = z.infer<typeof returnNote>;

export const returnList = z.object({ returns: z.array(returnNote) }).meta({ id: 'ReturnList' });
export type ReturnList = z.infer<typeof returnList>;

export const templateIndicator = z.object({
  number: z.string().nullable(),
  name: z.string(),
  unit: z.string(),
  section: z.string().nullable(),
  lowerIsBetter: z.boolean().meta({ description: 'Чем меньше, тем лучше (доля неуспевающих, пропуски…): по названию показателя.' }),
});

export const templatePreview = z
  .object({
    fileName: z.string().nullable(),
    collects: templateMode,
    indicators: z.array(templateIndicator),
    years: z.array(z.number().int()),
    sections: z.array(z.string()),
    message: z.string(),
  })
  .meta({ id: 'TemplatePreview', description: 'Что прочитано в шаблоне: показатели, годы, разделы.' });
export type TemplatePreview = z.infer<typeof templatePreview>;

export const indicatorValues = z
  .object({
    years: z.array(z.number().int()),
    indicators: z.array(
      templateIndicator.extend({
        aggregate: z.string().nullable().meta({ description: 'Как считается значение региона: среднее, сумма, число «да».' }),
        region: z.record(z.string(), z.number().nullable()).meta({ description: 'Год → значение региона.' }),
        municipalities: z.array(
          z.object({
            municipalityId: z.string(),
            name: z.string(),
            version: z.number().int(),
            values: z.record(z.string(), jsonCell).meta({ description: 'Год → значение, как прислано.' }),
            numbers: z.record(z.string(), z.number().nullable()).meta({ description: 'Год → число, если значение — число.' }),
            outliers: z.array(z.string()).meta({ description: 'Годы, в которых значение далеко от региона.' }),
          }),
        ),
      }),
    ),
  })
  .meta({ id: 'IndicatorValues' });
export type IndicatorValues = z.infer<typeof indicatorValues>;
