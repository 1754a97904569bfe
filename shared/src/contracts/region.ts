/** The region as the coordinator sees it: its settings, who has submitted, what waits for a mapping. */
import { z } from 'zod';
import type { StatusRow } from '../merge/types';
import type { IndicatorMapping } from '../merge/match';
import type { Same } from './same';
import { indicatorTally } from './receipt';

export const municipalityStatus = z.enum(['не сдано', 'просрочено', 'сдано с ошибками', 'ждёт сопоставления', 'сдано с опозданием', 'принято', 'возвращено на доработку', 'отключён']);

export const statusRow = z
  .object({
    municipalityId: z.string(),
    name: z.string(),
    status: municipalityStatus,
    version: z.number().int().nullable().meta({ description: 'последняя версия, принятая или нет' }),
    submittedAt: z.string().nullable().meta({ format: 'date-time' }),
    late: z.boolean(),
    errors: z.number().int(),
    warnings: z.number().int(),
    inSvod: z
      .object({ version: z.number().int(), submittedAt: z.string().meta({ format: 'date-time' }), late: z.boolean() })
      .nullable()
      .meta({ description: 'версия, данные которой в своде' }),
    returned: z
      .object({ version: z.number().int(), at: z.string().meta({ format: 'date-time' }), comment: z.string() })
      .nullable()
      .optional()
      .meta({ description: 'возврат на доработку, который ещё в силе: последней версии (пока не прислана новая) или принятой, которую он не пускает в свод' }),
    indicators: indicatorTally.nullable(),
    note: z.string().meta({ description: 'почему в своде эта версия (или никакой), одним предложением' }),
  })
  .meta({ id: 'StatusRow' });

export const regionStatus = z
  .object({
    region: z.string(),
    deadline: z.string().nullable().meta({ format: 'date' }),
    timeZone: z.string().meta({ examples: ['Asia/Kamchatka'] }),
    zone: z.string().meta({ description: 'Как назвать часы региона человеку', examples: ['МСК+9'] }),
    inSvod: z.number().int().meta({ description: 'N в «в своде N из M»' }),
    total: z.number().int().meta({ description: 'M в «в своде N из M»: муниципалитеты, кроме отключённых' }),
    notMerged: z.number().int(),
    municipalities: z.array(statusRow),
  })
  .meta({ id: 'RegionStatus' });
export type RegionStatus = z.infer<typeof regionStatus>;

export const templateMode = z.enum(['indicators', 'roadmaps-only']);

export const regionInfo = z
  .object({
    name: z.string(),
    timeZone: z.string(),
    zone: z.string(),
    deadline: z.string().nullable().meta({ format: 'date' }),
    collects: templateMode.meta({ description: 'indicators: собираются показатели и дорожные карты; roadmaps-only: в шаблоне нет таблицы показателей.' }),
    template: z
      .object({
        fileName: z.string().nullable(),
        uploadedAt: z.string().meta({ format: 'date-time' }),
        indicators: z.number().int(),
        years: z.array(z.number().int()),
        sections: z.array(z.string()),
      })
      .nullable(),
  })
  .meta({ id: 'Region' });
export type RegionInfo = z.infer<typeof regionInfo>;

export const templateAccepted = z
  .object({
    indicators: z.number().int(),
    years: z.array(z.number().int()),
    sections: z.array(z.string()),
    uploadedAt: z.string().meta({ format: 'date-time' }),
    collects: templateMode,
    message: z.string(),
  })
  .meta({ id: 'TemplateAccepted' });

export const deadlineBody = z.object({ deadline: z.string().nullable().meta({ format: 'date', examples: ['2026-12-15'] }) }).meta({ id: 'Deadline' });
export const timeZoneBody = z.object({ timeZone: z.string().meta({ examples: ['Asia/Kamchatka'] }) }).meta({ id: 'TimeZone' });

export const indicatorMapping = z.object({
  from: z.string().meta({ description: 'Ключ присланного названия' }),
  name: z.string().meta({ description: 'Название, как его прислали' }),
  to: z.string().nullable().meta({ description: 'Ключ показателя шаблона; null — не включать в свод' }),
});

export const mappingsBody = z
  .object({ mappings: z.array(z.object({ name: z.string(), to: z.string().nullable() })) })
  .meta({ id: 'MappingsRequest', description: 'to: показатель шаблона или null — не включать' });

export const mappingList = z.object({ mappings: z.array(indicatorMapping) }).meta({ id: 'Mappings' });

export const indicatorMatches = z
  .object({
    unmatched: z.array(
      z.object({
        name: z.string(),
        outcome: z.enum(['awaiting', 'not-in-template']),
        municipalities: z.array(z.string()),
        candidates: z.array(z.string()).meta({ description: 'Показатели шаблона, которыми это может быть' }),
      }),
    ),
    mappings: z.array(indicatorMapping),
    template: z.array(z.object({ number: z.string().nullable(), name: z.string() })),
  })
  .meta({ id: 'IndicatorMatches' });

const _row: Same<z.infer<typeof statusRow>, StatusRow> = true;
const _mapping: Same<z.infer<typeof indicatorMapping>, IndicatorMapping> = true;
void _row;
void _mapping;
export type IndicatorMatches = z.infer<typeof indicatorMatches>;
export type TemplateAccepted = z.infer<typeof templateAccepted>;
