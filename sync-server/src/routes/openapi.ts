/** The API as an OpenAPI 3.1 document, served at /api/v1/openapi.json. */
const error = { $ref: '#/components/responses/Error' };
const json = (schema: object) => ({ 'application/json': { schema } });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export const openapi = {
  openapi: '3.1.0',
  info: {
    title: 'Svod sync server',
    version: '1',
    description:
      'Муниципалитеты отправляют дорожные карты и листы целевых показателей; сервер проверяет их правилами Svod, хранит каждую версию и собирает региональную книгу. Авторизация: Authorization: Bearer <токен>.',
  },
  servers: [{ url: '/api/v1' }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } },
    responses: {
      Error: { description: 'Ошибка', content: json(ref('Error')) },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string' }, message: { type: 'string', description: 'По-русски, для человека.' } } } },
      },
      Diagnostic: {
        type: 'object',
        required: ['ruleId', 'severity', 'sheet', 'cell', 'message'],
        properties: {
          ruleId: { type: 'string' },
          severity: { enum: ['error', 'warning', 'info'] },
          sheet: { type: 'string' },
          cell: { type: 'string', examples: ['D12'] },
          message: { type: 'string' },
          table: { type: 'string', examples: ['A4:E80'] },
        },
      },
      Submission: {
        type: 'object',
        required: ['id', 'municipalityId', 'version', 'submittedAt', 'status', 'summary'],
        properties: {
          id: { type: 'string', format: 'uuid' },
          municipalityId: { type: 'string' },
          version: { type: 'integer', minimum: 1 },
          submittedAt: { type: 'string', format: 'date-time' },
          status: { enum: ['accepted', 'rejected'] },
          kind: { enum: ['xlsx', 'csv', 'json'] },
          fileName: { type: ['string', 'null'] },
          summary: { type: 'object', properties: { errors: { type: 'integer' }, warnings: { type: 'integer' }, infos: { type: 'integer' } } },
          diagnostics: { type: 'array', items: ref('Diagnostic') },
          duplicate: { type: 'boolean', description: 'true, если такой же файл уже был принят раньше (ответ 200).' },
        },
      },
      SheetsBody: {
        type: 'object',
        required: ['sheets'],
        properties: {
          sheets: {
            type: 'array',
            maxItems: 50,
            items: {
              type: 'object',
              required: ['name', 'rows'],
              properties: {
                name: { type: 'string', maxLength: 31 },
                rows: { type: 'array', items: { type: 'array', items: { type: ['string', 'number', 'boolean', 'null'] } } },
                merges: { type: 'array', items: { type: 'string', examples: ['A5:E5'] } },
              },
            },
          },
        },
      },
      StatusRow: {
        type: 'object',
        properties: {
          municipalityId: { type: 'string' },
          name: { type: 'string' },
          status: { enum: ['не сдано', 'сдано с ошибками', 'принято', 'просрочено'] },
          version: { type: ['integer', 'null'] },
          submittedAt: { type: ['string', 'null'], format: 'date-time' },
          errors: { type: 'integer' },
          warnings: { type: 'integer' },
        },
      },
    },
  },
  paths: {
    '/municipalities': {
      post: {
        summary: 'Зарегистрировать муниципалитет и выдать ему токен (координатор)',
        requestBody: { required: true, content: json({ type: 'object', required: ['id', 'name'], properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{1,39}$' }, name: { type: 'string' } } }) },
        responses: { '201': { description: 'Создан; токен показывается один раз', content: json({ type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, token: { type: 'string' } } }) }, '400': error, '401': error, '403': error, '409': error },
      },
      get: { summary: 'Муниципалитеты и их статус (координатор)', responses: { '200': { description: 'Список' }, '401': error, '403': error } },
    },
    '/municipalities/{id}/token': {
      post: { summary: 'Выдать муниципалитету новый токен, старый отозвать (координатор)', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '201': { description: 'Новый токен' }, '404': error } },
    },
    '/tokens/coordinator/rotate': { post: { summary: 'Сменить токен координатора', responses: { '201': { description: 'Новый токен' }, '403': error } } },
    '/region': { get: { summary: 'Регион, срок сдачи и шаблон', responses: { '200': { description: 'Регион' } } } },
    '/region/template': {
      put: {
        summary: 'Загрузить региональный шаблон xlsx (координатор)',
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } },
        responses: { '200': { description: 'Шаблон принят' }, '400': error, '413': error, '415': error, '422': error },
      },
    },
    '/region/deadline': {
      put: { summary: 'Установить срок сдачи (координатор)', requestBody: { required: true, content: json({ type: 'object', properties: { deadline: { type: ['string', 'null'], format: 'date' } } }) }, responses: { '200': { description: 'Срок' }, '400': error } },
    },
    '/region/status': {
      get: { summary: 'Кто сдал, кто опаздывает, у кого ошибки (координатор)', responses: { '200': { description: 'Статус', content: json({ type: 'object', properties: { deadline: { type: ['string', 'null'] }, municipalities: { type: 'array', items: ref('StatusRow') } } }) } } },
    },
    '/region/workbook.xlsx': {
      get: { summary: 'Региональная книга: Свод показателей, Дорожные карты, Статус (координатор)', responses: { '200': { description: 'xlsx', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } }, '409': error } },
    },
    '/submissions': {
      post: {
        summary: 'Отправить таблицы (муниципалитет)',
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 200 } }],
        requestBody: { required: true, content: { 'multipart/form-data': { schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } } } }, ...json(ref('SheetsBody')) } },
        responses: { '201': { description: 'Новая версия', content: json(ref('Submission')) }, '200': { description: 'Такая версия уже есть', content: json(ref('Submission')) }, '400': error, '401': error, '403': error, '413': error, '415': error, '422': error },
      },
      get: { summary: 'Версии: координатору все, муниципалитету свои', parameters: [{ name: 'municipality', in: 'query', schema: { type: 'string' } }], responses: { '200': { description: 'Список' } } },
    },
    '/submissions/{id}': { get: { summary: 'Версия с замечаниями', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Версия', content: json(ref('Submission')) }, '404': error } } },
    '/submissions/{id}/file': { get: { summary: 'Исходный файл версии', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Байты как были отправлены' }, '404': error } } },
    '/submissions/{id}/diff': {
      get: {
        summary: 'Смысловое сравнение двух версий: по номеру пункта и показателю',
        parameters: [
          { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
          { name: 'against', in: 'query', required: true, schema: { type: 'string' } },
        ],
        responses: { '200': { description: 'added, removed, changed' }, '400': error, '404': error },
      },
    },
  },
} as const;
