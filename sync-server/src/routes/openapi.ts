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
          summary: {
            type: 'object',
            description: 'Считает все замечания, даже когда в списке diagnostics сохранены не все.',
            properties: {
              errors: { type: 'integer' },
              warnings: { type: 'integer' },
              infos: { type: 'integer' },
              truncated: { const: true, description: 'Есть только, когда список diagnostics сокращён до 2000 (ошибки — в первую очередь).' },
            },
          },
          indicators: { oneOf: [ref('IndicatorTally'), { type: 'null' }], description: 'Сколько показателей версии вошло в свод (по текущему шаблону); null, если регион не собирает показатели или версия отклонена.' },
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
      IndicatorTally: {
        type: 'object',
        properties: {
          submitted: { type: 'integer' },
          merged: { type: 'integer' },
          awaiting: { type: 'integer', description: 'ждут сопоставления координатором' },
          notInTemplate: { type: 'integer' },
          ignored: { type: 'integer' },
          other: { type: 'integer', description: 'повторы и строки без названия' },
          message: { type: 'string', examples: ['В свод вошло 40 из 51 показателя; нет в шаблоне: 11.'] },
        },
      },
      StatusRow: {
        type: 'object',
        properties: {
          municipalityId: { type: 'string' },
          name: { type: 'string' },
          status: { enum: ['не сдано', 'просрочено', 'сдано с ошибками', 'ждёт сопоставления', 'сдано с опозданием', 'принято'] },
          version: { type: ['integer', 'null'], description: 'последняя версия, принятая или нет' },
          submittedAt: { type: ['string', 'null'], format: 'date-time' },
          late: { type: 'boolean' },
          errors: { type: 'integer' },
          warnings: { type: 'integer' },
          inSvod: { type: ['object', 'null'], description: 'версия, данные которой в своде', properties: { version: { type: 'integer' }, submittedAt: { type: 'string', format: 'date-time' }, late: { type: 'boolean' } } },
          indicators: { oneOf: [ref('IndicatorTally'), { type: 'null' }] },
          note: { type: 'string', description: 'почему в своде эта версия (или никакой), одним предложением' },
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
    '/region/time-zone': {
      put: { summary: 'Часовой пояс региона (координатор)', requestBody: { required: true, content: json({ type: 'object', properties: { timeZone: { type: 'string', examples: ['Asia/Kamchatka'] } } }) }, responses: { '200': { description: 'Часовой пояс' }, '400': error } },
    },
    '/region/status': {
      get: {
        summary: 'Кто сдал, кто опаздывает, у кого ошибки, какая версия в своде (координатор)',
        responses: {
          '200': {
            description: 'Статус',
            content: json({ type: 'object', properties: { deadline: { type: ['string', 'null'] }, timeZone: { type: 'string' }, zone: { type: 'string' }, inSvod: { type: 'integer' }, total: { type: 'integer' }, notMerged: { type: 'integer' }, municipalities: { type: 'array', items: ref('StatusRow') } } }),
          },
        },
      },
    },
    '/region/indicator-matches': {
      get: { summary: 'Показатели версий свода, не совпавшие с шаблоном сами: кто прислал и что это может быть (координатор)', responses: { '200': { description: 'unmatched, mappings, template' } } },
    },
    '/region/indicator-mappings': {
      put: {
        summary: 'Подтвердить сопоставление показателей с шаблоном (to: показатель шаблона или null — не включать)',
        requestBody: { required: true, content: json({ type: 'object', properties: { mappings: { type: 'array', items: { type: 'object', required: ['name', 'to'], properties: { name: { type: 'string' }, to: { type: ['string', 'null'] } } } } } }) },
        responses: { '200': { description: 'Все сопоставления региона' }, '400': error, '409': error, '422': error },
      },
      delete: { summary: 'Снять сопоставление', parameters: [{ name: 'name', in: 'query', required: true, schema: { type: 'string' } }], responses: { '200': { description: 'Все сопоставления региона' }, '404': error } },
    },
    '/region/workbook.xlsx': {
      get: { summary: 'Региональная книга: Свод показателей, Дорожные карты, Статус, Не вошло в свод, Сокращения (координатор)', responses: { '200': { description: 'xlsx' , content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {} } } } },
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
