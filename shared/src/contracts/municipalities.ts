/** Municipalities and tokens: what the coordinator registers and what it gets back. */
import { z } from 'zod';
import { statusRow } from './region';

export const MUNICIPALITY_ID = /^[a-z0-9][a-z0-9-]{1,39}$/;

const ID_MESSAGE = 'Код муниципалитета: 2–40 латинских строчных букв, цифр или дефисов, например "ilansky".';
const NAME_MESSAGE = 'Укажите название муниципалитета (от 2 до 200 символов).';

/** Each field's refusal is its Russian sentence; the server answers 400 with the code `bad-<field>`. */
export const newMunicipality = z
  .object({
    id: z.string({ error: ID_MESSAGE }).regex(MUNICIPALITY_ID, { error: ID_MESSAGE }).meta({ examples: ['ilansky'] }),
    name: z
      .string({ error: NAME_MESSAGE })
      .refine((s) => s.trim().length >= 2 && s.length <= 200, { error: NAME_MESSAGE })
      .meta({ examples: ['Иланский район'] }),
  })
  .meta({ id: 'NewMunicipality' });
export type NewMunicipality = z.infer<typeof newMunicipality>;

export const municipalityCreated = z
  .object({ id: z.string(), name: z.string(), token: z.string().meta({ description: 'Показывается один раз.' }) })
  .meta({ id: 'MunicipalityCreated' });

export const municipalityList = z
  .object({
    municipalities: z.array(
      z.object({ id: z.string(), name: z.string(), createdAt: z.string().meta({ format: 'date-time' }), submission: statusRow.nullable() }),
    ),
  })
  .meta({ id: 'MunicipalityList' });

export const municipalityToken = z.object({ id: z.string(), token: z.string() }).meta({ id: 'MunicipalityToken' });
export const coordinatorToken = z.object({ token: z.string() }).meta({ id: 'CoordinatorToken' });
export type MunicipalityCreated = z.infer<typeof municipalityCreated>;
export type MunicipalityList = z.infer<typeof municipalityList>;

/**
 * A municipality's remembered column mapping (issue #11): header text → role, applied to every check of its
 * submissions. The body takes the role ids or their Russian names («мероприятие», «срок», …); the server checks it
 * with the same words as `columns` in svod.config.json. `{}` or `null` forgets the mapping.
 */
export const columnsBody = z
  .object({
    columns: z
      .record(z.string(), z.string())
      .nullable()
      .meta({ description: 'Заголовок столбца → его значение: номер, мероприятие, срок, исполнитель, результат, показатель, единица измерения, методика расчёта, сокращение, полное наименование.', examples: [{ 'Что делаем': 'мероприятие', Когда: 'срок', 'Что получим': 'результат' }] }),
  })
  .meta({ id: 'ColumnsBody' });
export const municipalityColumns = z
  .object({ id: z.string(), columns: z.record(z.string(), z.string()).meta({ description: 'Заголовок столбца → роль (activity, deadline, …); пусто, если сопоставления нет.' }) })
  .meta({ id: 'MunicipalityColumns' });
export type MunicipalityColumns = z.infer<typeof municipalityColumns>;
