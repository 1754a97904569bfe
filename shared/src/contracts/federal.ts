/**
 * The federal role (issue #13): one deployment serves many regions (tenants); the federal coordinator creates them,
 * reads every region's status and downloads the federal summary. It changes nothing inside a region.
 */
import { z } from 'zod';
import { regionStatus, templateMode } from './region';

/** A region's id: the tenant key, short and Latin (safe in a URL and a file name), e.g. `kamchatka` or `41`. */
export const REGION_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

const ID_MESSAGE = 'Код региона: до 40 латинских строчных букв, цифр или дефисов, например "kamchatka" или "41".';
const NAME_MESSAGE = 'Укажите название региона (от 2 до 200 символов).';

export const newRegion = z
  .object({
    id: z.string({ error: ID_MESSAGE }).regex(REGION_ID, { error: ID_MESSAGE }).meta({ examples: ['kamchatka'] }),
    name: z
      .string({ error: NAME_MESSAGE })
      .refine((s) => s.trim().length >= 2 && s.length <= 200, { error: NAME_MESSAGE })
      .meta({ examples: ['Камчатский край'] }),
    timeZone: z.string().optional().meta({ description: 'Часовой пояс региона (IANA); по умолчанию Europe/Moscow', examples: ['Asia/Kamchatka'] }),
  })
  .meta({ id: 'NewRegion' });
export type NewRegion = z.infer<typeof newRegion>;

export const regionCreated = z
  .object({ id: z.string(), name: z.string(), coordinatorToken: z.string().meta({ description: 'Токен координатора региона; показывается один раз.' }) })
  .meta({ id: 'RegionCreated' });
export type RegionCreated = z.infer<typeof regionCreated>;

export const federalRegion = z
  .object({
    id: z.string(),
    name: z.string(),
    timeZone: z.string(),
    deadline: z.string().nullable().meta({ format: 'date' }),
    collects: templateMode.nullable().meta({ description: 'null: шаблон ещё не загружен' }),
    inSvod: z.number().int().meta({ description: 'N в «в своде N из M»' }),
    total: z.number().int().meta({ description: 'M: муниципалитеты, кроме отключённых' }),
    notMerged: z.number().int(),
  })
  .meta({ id: 'FederalRegion' });
export type FederalRegion = z.infer<typeof federalRegion>;

export const federalRegions = z.object({ regions: z.array(federalRegion) }).meta({ id: 'FederalRegions' });
export type FederalRegions = z.infer<typeof federalRegions>;

/** A region's full status, as its own coordinator sees it. */
export const federalRegionStatus = regionStatus;
export type FederalRegionStatus = z.infer<typeof federalRegionStatus>;
