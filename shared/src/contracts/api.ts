/**
 * Every route of /api/v1 as data: who may call it, what it takes, what it answers. The OpenAPI document is generated
 * from this table and the schemas (`openApiDocument`), so the document cannot drift from what clients and the server
 * share; a server test checks the table against the routes the app really serves.
 */
import { z } from 'zod';
import { apiError } from './errors';
import { columnsBody, coordinatorToken, municipalityColumns, municipalityCreated, municipalityList, municipalityToken, newMunicipality } from './municipalities';
import { submissionComparison, submissionDetails, submissionList, submissionReceipt } from './receipt';
import { deadlineBody, indicatorMatches, mappingList, mappingsBody, regionInfo, regionStatus, templateAccepted, timeZoneBody } from './region';
import { DEFAULT_FORM_LIMITS, submissionFormSchemas, type FormLimits } from './submission-form';
import { indicatorValues, municipalityState, municipalityStates, municipalityUpdate, returnBody, returnList, returnNote, session, templatePreview } from './portal';
import { federalRegions, federalRegionStatus, newRegion, regionCreated } from './federal';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete';

/**
 * `public`: no token; `signed-in`: any valid token, the federal one too; `any`: any token of a region (the coordinator's
 * or a municipality's; a federal token gets 403); the others: that role only (403 for the others).
 */
export type Access = 'public' | 'signed-in' | 'any' | 'coordinator' | 'municipality' | 'federal';

type Body = { schema: z.ZodType } | { binary: true };

export interface ApiRoute {
  method: HttpMethod;
  /** OpenAPI style, under /api/v1: `/submissions/{id}`. */
  path: string;
  summary: string;
  access: Access;
  /** Behind the rate limiter (everything but the document itself): 429 is one of its answers. */
  rateLimited: boolean;
  query?: Record<string, { required: boolean; description?: string }>;
  headers?: Record<string, { required: boolean; maxLength?: number; description?: string }>;
  /** Request bodies by media type. */
  body?: Record<string, Body>;
  /** Successful answers: status → description and body (JSON unless a media type is named). */
  ok: Record<string, { description: string; schema?: z.ZodType; media?: string }>;
  /** Refusals beyond those every route of its access has (401, 403, 429). */
  errors: number[];
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MULTIPART_FILE: Body = { binary: true };
/** A body owned by the Google routes: documented as an object until they publish their schemas. */
const anyObject = z.object({}).loose().meta({ id: 'GoogleSheetAnswer', description: 'Ответ маршрутов Google Таблиц (схема — в их описании).' });

const route = (r: Omit<ApiRoute, 'rateLimited'> & { rateLimited?: boolean }): ApiRoute => ({ rateLimited: true, ...r });

/** The routes. The upload form's schema has the given bounds (the server's own), the defaults otherwise. */
export function apiRoutes(limits: FormLimits = DEFAULT_FORM_LIMITS): ApiRoute[] {
  const form = submissionFormSchemas(limits).form;
  const idempotency = { 'Idempotency-Key': { required: false, maxLength: 200, description: 'Тот же ключ при повторе — та же версия, без второй записи.' } };
  const write = [503];
  return [
    route({ method: 'get', path: '/openapi.json', summary: 'Этот документ', access: 'public', rateLimited: false, ok: { '200': { description: 'OpenAPI 3.1' } }, errors: [] }),
    route({ method: 'post', path: '/municipalities', summary: 'Зарегистрировать муниципалитет и выдать ему токен (координатор)', access: 'coordinator', body: { 'application/json': { schema: newMunicipality } }, ok: { '201': { description: 'Создан; токен показывается один раз', schema: municipalityCreated } }, errors: [400, 409, 413, ...write] }),
    route({ method: 'get', path: '/municipalities', summary: 'Муниципалитеты и их статус (координатор)', access: 'coordinator', ok: { '200': { description: 'Список', schema: municipalityList } }, errors: [] }),
    route({ method: 'post', path: '/municipalities/{id}/token', summary: 'Выдать муниципалитету новый токен, старый отозвать (координатор)', access: 'coordinator', ok: { '201': { description: 'Новый токен', schema: municipalityToken } }, errors: [404, ...write] }),
    // Column mappings (issue #11): which column is which, remembered per municipality and applied to its submissions.
    route({ method: 'get', path: '/municipalities/me/columns', summary: 'Запомненное сопоставление столбцов своего муниципалитета (муниципалитет)', access: 'municipality', ok: { '200': { description: 'Сопоставление', schema: municipalityColumns } }, errors: [] }),
    route({ method: 'put', path: '/municipalities/me/columns', summary: 'Запомнить сопоставление столбцов своего муниципалитета; {} или null — забыть (муниципалитет)', access: 'municipality', body: { 'application/json': { schema: columnsBody } }, ok: { '200': { description: 'Сопоставление', schema: municipalityColumns } }, errors: [400, 413, ...write] }),
    route({ method: 'get', path: '/municipalities/{id}/columns', summary: 'Сопоставление столбцов муниципалитета (координатор)', access: 'coordinator', ok: { '200': { description: 'Сопоставление', schema: municipalityColumns } }, errors: [404] }),
    route({ method: 'put', path: '/municipalities/{id}/columns', summary: 'Задать сопоставление столбцов муниципалитета; {} или null — забыть (координатор)', access: 'coordinator', body: { 'application/json': { schema: columnsBody } }, ok: { '200': { description: 'Сопоставление', schema: municipalityColumns } }, errors: [400, 404, 413, ...write] }),
    route({ method: 'post', path: '/tokens/coordinator/rotate', summary: 'Сменить токен координатора', access: 'coordinator', ok: { '201': { description: 'Новый токен', schema: coordinatorToken } }, errors: [...write] }),
    route({ method: 'get', path: '/region', summary: 'Регион, срок сдачи и шаблон', access: 'any', ok: { '200': { description: 'Регион', schema: regionInfo } }, errors: [409] }),
    route({
      method: 'put',
      path: '/region/template',
      summary: 'Загрузить региональный шаблон xlsx (координатор)',
      access: 'coordinator',
      body: { 'multipart/form-data': MULTIPART_FILE, [XLSX]: { binary: true }, 'application/json': { schema: form } },
      ok: { '200': { description: 'Шаблон принят', schema: templateAccepted } },
      errors: [400, 409, 413, 415, 422, ...write],
    }),
    route({ method: 'put', path: '/region/deadline', summary: 'Установить срок сдачи (координатор)', access: 'coordinator', body: { 'application/json': { schema: deadlineBody } }, ok: { '200': { description: 'Срок', schema: deadlineBody } }, errors: [400, 409, 413, ...write] }),
    route({ method: 'put', path: '/region/time-zone', summary: 'Часовой пояс региона (координатор)', access: 'coordinator', body: { 'application/json': { schema: timeZoneBody } }, ok: { '200': { description: 'Часовой пояс', schema: timeZoneBody } }, errors: [400, 409, 413, ...write] }),
    route({ method: 'get', path: '/region/status', summary: 'Кто сдал, кто опаздывает, у кого ошибки, какая версия в своде (координатор)', access: 'coordinator', ok: { '200': { description: 'Статус', schema: regionStatus } }, errors: [409] }),
    route({ method: 'get', path: '/region/indicator-matches', summary: 'Показатели версий свода, не совпавшие с шаблоном сами: кто прислал и что это может быть (координатор)', access: 'coordinator', ok: { '200': { description: 'Несопоставленные показатели, сопоставления и шаблон', schema: indicatorMatches } }, errors: [409] }),
    route({ method: 'put', path: '/region/indicator-mappings', summary: 'Подтвердить сопоставление показателей с шаблоном (to: показатель шаблона или null — не включать)', access: 'coordinator', body: { 'application/json': { schema: mappingsBody } }, ok: { '200': { description: 'Все сопоставления региона', schema: mappingList } }, errors: [400, 409, 413, 422, ...write] }),
    route({ method: 'delete', path: '/region/indicator-mappings', summary: 'Снять сопоставление (координатор)', access: 'coordinator', query: { name: { required: true, description: 'Название показателя, как его прислали' } }, ok: { '200': { description: 'Все сопоставления региона', schema: mappingList } }, errors: [400, 404, 409, ...write] }),
    // The federal role (issue #13): regions are tenants; it reads them all and changes nothing inside one.
    route({ method: 'get', path: '/federal/regions', summary: 'Все регионы: срок, шаблон, сколько муниципалитетов в своде (федеральный координатор)', access: 'federal', ok: { '200': { description: 'Регионы', schema: federalRegions } }, errors: [] }),
    route({ method: 'post', path: '/federal/regions', summary: 'Создать регион и выдать токен его координатора (федеральный координатор)', access: 'federal', body: { 'application/json': { schema: newRegion } }, ok: { '201': { description: 'Создан; токен показывается один раз', schema: regionCreated } }, errors: [400, 409, 413, ...write] }),
    route({ method: 'get', path: '/federal/regions/{id}/status', summary: 'Статус одного региона, как его видит координатор региона (федеральный координатор)', access: 'federal', ok: { '200': { description: 'Статус', schema: federalRegionStatus } }, errors: [404] }),
    route({ method: 'get', path: '/federal/workbook.xlsx', summary: 'Федеральная сводная книга: значения показателей по регионам, регионы, не вошедшее (федеральный координатор)', access: 'federal', ok: { '200': { description: 'Книга xlsx', media: XLSX } }, errors: [] }),
    route({ method: 'get', path: '/region/workbook.xlsx', summary: 'Региональная книга: Свод показателей, Дорожные карты, Статус, Не вошло в свод, Сокращения (координатор)', access: 'coordinator', ok: { '200': { description: 'Книга xlsx', media: XLSX } }, errors: [409] }),
    route({
      method: 'post',
      path: '/submissions',
      summary: 'Отправить таблицы (муниципалитет)',
      access: 'municipality',
      headers: idempotency,
      body: { 'multipart/form-data': MULTIPART_FILE, 'application/json': { schema: form } },
      ok: { '201': { description: 'Новая версия', schema: submissionReceipt }, '200': { description: 'Такая версия уже есть', schema: submissionReceipt } },
      errors: [400, 409, 413, 415, 422, ...write],
    }),
    route({ method: 'get', path: '/submissions', summary: 'Версии: координатору все, муниципалитету свои', access: 'any', query: { municipality: { required: false, description: 'Код муниципалитета (координатор)' } }, ok: { '200': { description: 'Список', schema: submissionList } }, errors: [] }),
    route({ method: 'get', path: '/submissions/{id}', summary: 'Версия с замечаниями', access: 'any', ok: { '200': { description: 'Версия', schema: submissionDetails } }, errors: [404] }),
    route({ method: 'get', path: '/submissions/{id}/file', summary: 'Исходный файл версии', access: 'any', ok: { '200': { description: 'Байты как были отправлены', media: 'application/octet-stream' } }, errors: [404] }),
    route({ method: 'get', path: '/submissions/{id}/annotated.xlsx', summary: 'Копия файла версии с замечаниями: ячейки выделены цветом, в примечаниях — текст, на листе «Замечания Svod» — список', access: 'any', ok: { '200': { description: 'Книга xlsx', media: XLSX } }, errors: [404] }),
    route({ method: 'get', path: '/submissions/{id}/diff', summary: 'Смысловое сравнение двух версий: по номеру пункта и показателю', access: 'any', query: { against: { required: true, description: 'id версии, с которой сравнить' } }, ok: { '200': { description: 'Что добавлено, удалено и изменено', schema: submissionComparison } }, errors: [400, 404] }),
    // The web portal (issue #12): who is signed in, municipalities renamed or switched off, versions returned for
    // rework, the template as read and as a file, the indicator values of the Свод.
    route({ method: 'get', path: '/me', summary: 'Кто вошёл: роль, свой муниципалитет, регион', access: 'signed-in', ok: { '200': { description: 'Сеанс', schema: session } }, errors: [] }),
    route({ method: 'get', path: '/municipalities/states', summary: 'Муниципалитеты: включён ли, есть ли действующий токен (координатор)', access: 'coordinator', ok: { '200': { description: 'Список', schema: municipalityStates } }, errors: [] }),
    route({ method: 'put', path: '/municipalities/{id}', summary: 'Переименовать муниципалитет, отключить (токены отзываются) или включить снова (координатор)', access: 'coordinator', body: { 'application/json': { schema: municipalityUpdate } }, ok: { '200': { description: 'Муниципалитет', schema: municipalityState } }, errors: [400, 404, 413, ...write] }),
    route({ method: 'post', path: '/submissions/{id}/return', summary: 'Вернуть версию на доработку с комментарием, который увидит муниципалитет (координатор)', access: 'coordinator', body: { 'application/json': { schema: returnBody } }, ok: { '201': { description: 'Комментарий', schema: returnNote } }, errors: [400, 404, 413, ...write] }),
    route({ method: 'get', path: '/returns', summary: 'Возвраты на доработку с комментариями: координатору все, муниципалитету свои', access: 'any', query: { municipality: { required: false, description: 'Код муниципалитета (координатор)' } }, ok: { '200': { description: 'Список', schema: returnList } }, errors: [] }),
    route({ method: 'post', path: '/region/template/preview', summary: 'Что будет прочитано из шаблона (показатели, годы, разделы), ничего не сохраняя (координатор)', access: 'coordinator', body: { 'multipart/form-data': MULTIPART_FILE, [XLSX]: { binary: true } }, ok: { '200': { description: 'Прочитанный шаблон', schema: templatePreview } }, errors: [400, 409, 413, 415, 422] }),
    route({ method: 'get', path: '/region/template', summary: 'Действующий шаблон: показатели, годы, разделы', access: 'any', ok: { '200': { description: 'Шаблон', schema: templatePreview } }, errors: [404, 409] }),
    route({ method: 'get', path: '/region/template/file', summary: 'Файл шаблона для заполнения муниципалитетами', access: 'any', ok: { '200': { description: 'Книга xlsx (или ods, если шаблон загружен в ods)', media: XLSX } }, errors: [404, 409] }),
    route({ method: 'get', path: '/region/indicators', summary: 'Значения показателей шаблона по муниципалитетам и годам, значение региона, выбросы (координатор)', access: 'coordinator', ok: { '200': { description: 'Показатели', schema: indicatorValues } }, errors: [409] }),
    // Google Sheets (issue #9): the coordinator links spreadsheets, pulls a municipality's, publishes the region's.
    route({ method: 'get', path: '/municipalities/{id}/google-sheet', summary: 'Google Таблица муниципалитета (координатор)', access: 'coordinator', ok: { '200': { description: 'Связь с таблицей', schema: anyObject } }, errors: [404] }),
    route({ method: 'put', path: '/municipalities/{id}/google-sheet', summary: 'Связать муниципалитет с Google Таблицей (координатор)', access: 'coordinator', body: { 'application/json': { schema: anyObject } }, ok: { '200': { description: 'Связь с таблицей', schema: anyObject } }, errors: [400, 404, 413, 422, 502, ...write] }),
    route({ method: 'delete', path: '/municipalities/{id}/google-sheet', summary: 'Снять связь с Google Таблицей; полученные версии остаются (координатор)', access: 'coordinator', ok: { '200': { description: 'Связь снята', schema: anyObject } }, errors: [404, ...write] }),
    route({ method: 'post', path: '/municipalities/{id}/google-sheet/pull', summary: 'Прочитать Google Таблицу муниципалитета и принять её как отправку (координатор)', access: 'coordinator', headers: idempotency, ok: { '201': { description: 'Новая версия', schema: anyObject }, '200': { description: 'Такая версия уже есть', schema: anyObject } }, errors: [400, 403, 404, 409, 422, 502, ...write] }),
    route({ method: 'get', path: '/region/google-sheet', summary: 'Google Таблица для публикации свода (координатор)', access: 'coordinator', ok: { '200': { description: 'Таблица', schema: anyObject } }, errors: [404] }),
    route({ method: 'put', path: '/region/google-sheet', summary: 'Зарегистрировать Google Таблицу для публикации свода (координатор)', access: 'coordinator', body: { 'application/json': { schema: anyObject } }, ok: { '200': { description: 'Таблица', schema: anyObject } }, errors: [400, 413, 422, 502, ...write] }),
    route({ method: 'delete', path: '/region/google-sheet', summary: 'Снять регистрацию таблицы публикации; опубликованные листы остаются (координатор)', access: 'coordinator', ok: { '200': { description: 'Регистрация снята', schema: anyObject } }, errors: [404, ...write] }),
    route({ method: 'post', path: '/region/google-sheet/publish', summary: 'Опубликовать региональную книгу в Google Таблицу (координатор)', access: 'coordinator', body: { 'application/json': { schema: anyObject } }, ok: { '200': { description: 'Опубликовано', schema: anyObject } }, errors: [400, 403, 404, 409, 413, 502, ...write] }),
  ];
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: 'Запрос не распознан (форма данных, параметры)',
  401: 'Нет токена доступа, или он неверен или отозван',
  403: 'Токен другой роли',
  404: 'Не найдено',
  409: 'Конфликт с состоянием региона (нет региона, шаблона, уже существует)',
  413: 'Тело запроса больше предела',
  415: 'Тип или кодировка тела не поддерживаются',
  422: 'Данные распознаны, но их нужно исправить',
  429: 'Слишком много запросов: подождите минуту (заголовки RateLimit и Retry-After)',
  502: 'Google Таблицы не ответили как ожидалось',
  503: 'Хранилище сервера временно не принимает записи: повторите позже с тем же Idempotency-Key (заголовок Retry-After)',
};

/** Which refusals a route can give: its own, and those of its access and of the rate limit. */
export function documentedErrors(r: ApiRoute): number[] {
  const out = new Set(r.errors);
  if (r.access !== 'public') out.add(401);
  if (r.access !== 'public' && r.access !== 'signed-in') out.add(403);
  if (r.rateLimited) out.add(429);
  return [...out].sort((a, b) => a - b);
}

type Json = Record<string, unknown>;

/** `z.number().int()` says «a safe integer» with ±2⁵³ bounds: true, and noise in a document read by people. */
function dropSafeIntegerBounds({ jsonSchema }: { jsonSchema: Json }): void {
  if (jsonSchema['minimum'] === Number.MIN_SAFE_INTEGER) delete jsonSchema['minimum'];
  if (jsonSchema['maximum'] === Number.MAX_SAFE_INTEGER) delete jsonSchema['maximum'];
}

/** The OpenAPI 3.1 document, generated from the route table and the schemas (JSON Schema 2020-12, OpenAPI 3.1's own). */
export function openApiDocument(limits: FormLimits = DEFAULT_FORM_LIMITS): Json {
  const routes = apiRoutes(limits);
  // The named schemas are those with a `meta({ id })` (module singletons, in zod's global registry) and the form, whose
  // bounds are the server's.
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of z.globalRegistry._idmap) registry.add(schema, { id });
  if (!registry.has(apiError)) registry.add(apiError, { id: 'Error' });
  const form = routes.find((r) => r.path === '/submissions' && r.method === 'post')?.body?.['application/json'];
  if (form && 'schema' in form) registry.add(form.schema, { id: 'SubmissionForm' });
  const refOf = (schema: z.ZodType): Json => {
    const id = registry.get(schema)?.id;
    if (!id) throw new Error('openApiDocument: every body of the route table needs meta({ id })');
    return { $ref: `#/components/schemas/${id}` };
  };

  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const parameters: Json[] = [];
    for (const name of r.path.match(/\{([^}]+)\}/g) ?? []) parameters.push({ name: name.slice(1, -1), in: 'path', required: true, schema: { type: 'string' } });
    for (const [name, q] of Object.entries(r.query ?? {})) parameters.push({ name, in: 'query', required: q.required, ...(q.description ? { description: q.description } : {}), schema: { type: 'string' } });
    for (const [name, h] of Object.entries(r.headers ?? {})) {
      parameters.push({ name, in: 'header', required: h.required, ...(h.description ? { description: h.description } : {}), schema: { type: 'string', minLength: 1, ...(h.maxLength ? { maxLength: h.maxLength } : {}) } });
    }
    const responses: Record<string, Json> = {};
    for (const [status, ok] of Object.entries(r.ok)) {
      const content = ok.schema ? { 'application/json': { schema: refOf(ok.schema) } } : ok.media ? { [ok.media]: { schema: { type: 'string', format: 'binary' } } } : r.path === '/openapi.json' ? { 'application/json': {} } : undefined;
      responses[status] = { description: ok.description, ...(content ? { content } : {}) };
    }
    for (const status of documentedErrors(r)) responses[String(status)] = { $ref: `#/components/responses/E${status}` };
    const operation: Json = {
      summary: r.summary,
      ...(r.access === 'public' ? { security: [] } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(r.body
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                Object.entries(r.body).map(([media, b]) => [
                  media,
                  'schema' in b ? { schema: refOf(b.schema) } : media === 'multipart/form-data' ? { schema: { type: 'object', required: ['file'], properties: { file: { type: 'string', format: 'binary' } } } } : { schema: { type: 'string', format: 'binary' } },
                ]),
              ),
            },
          }
        : {}),
      responses,
    };
    (paths[r.path] ??= {})[r.method] = operation;
  }

  // `input`: what a body may be; responses stay open to new fields (a client must not break on one), the form is strict.
  const { schemas } = z.toJSONSchema(registry, { uri: (id) => `#/components/schemas/${id}`, unrepresentable: 'any', io: 'input', override: dropSafeIntegerBounds }) as {
    schemas: Record<string, Json>;
  };
  for (const s of Object.values(schemas)) {
    delete s['$schema'];
    delete s['$id'];
  }
  const statuses = [...new Set(routes.flatMap(documentedErrors))].sort((a, b) => a - b);
  const retryAfter = { 'Retry-After': { description: 'Через сколько секунд повторить', schema: { type: 'integer' } } };
  const responses = Object.fromEntries(
    statuses.map((s) => [
      `E${s}`,
      { description: ERROR_DESCRIPTIONS[s] ?? 'Ошибка', ...(s === 429 || s === 503 ? { headers: retryAfter } : {}), content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    ]),
  );
  return {
    openapi: '3.1.0',
    info: {
      title: 'Svod sync server',
      version: '1',
      description:
        'Муниципалитеты отправляют дорожные карты и листы целевых показателей; сервер проверяет их правилами Svod, хранит каждую версию и собирает региональную книгу. Авторизация: Authorization: Bearer <токен>. Каждый отказ — JSON {"error": {"code", "message"}}, message — по-русски, для человека.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearer: [] }],
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } }, responses, schemas },
    paths,
  };
}
