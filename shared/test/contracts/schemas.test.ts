/** The answers' contracts: real-shaped answers parse back equal, drifted ones are refused; the document follows the bounds. */
import { apiError, diagnostic, openApiDocument, regionStatus, submissionList, submissionReceipt } from '../../src/contracts';

const summary = {
  id: '0b8f4a5e-1c7e-4a8a-9d1e-2f3c4b5a6d7e',
  municipalityId: 'lazo',
  version: 2,
  submittedAt: '2026-11-23T10:15:00.000Z',
  status: 'accepted',
  kind: 'json',
  fileName: null,
  summary: { errors: 0, warnings: 2, infos: 1, truncated: true },
  indicators: { submitted: 51, merged: 40, awaiting: 0, notInTemplate: 11, ignored: 0, other: 0, message: 'В свод вошло 40 из 51 показателя; нет в шаблоне: 11.' },
};
const finding = {
  ruleId: 'roadmap/deadline-format',
  severity: 'warning',
  sheet: 'План',
  cell: 'C5',
  message: 'Срок «весна» не распознан.',
  table: 'A3:E9',
  fix: { description: 'Заменить на «март – май 2026 г.»', edits: [{ sheet: 'План', cell: 'C5', value: 'март – май 2026 г.' }], safe: false },
};

describe('round trips', () => {
  it('a receipt, a list and a diagnostic parse back equal, through JSON', () => {
    const receipt = { ...summary, diagnostics: [finding], duplicate: false };
    expect(submissionReceipt.parse(JSON.parse(JSON.stringify(receipt)))).toEqual(receipt);
    expect(submissionList.parse({ submissions: [summary] })).toEqual({ submissions: [summary] });
    expect(diagnostic.parse(finding)).toEqual(finding);
  });

  it('a region status with its rows', () => {
    const row = {
      municipalityId: 'lazo',
      name: 'Лазовский район',
      status: 'сдано с опозданием',
      version: 2,
      submittedAt: '2026-11-23T10:15:00.000Z',
      late: true,
      errors: 0,
      warnings: 2,
      inSvod: { version: 2, submittedAt: '2026-11-23T10:15:00.000Z', late: true },
      indicators: null,
      note: 'В своде версия 2, сданная после срока.',
    };
    const status = { region: 'Камчатский край', deadline: '2026-11-20', timeZone: 'Asia/Kamchatka', zone: 'МСК+9', inSvod: 1, total: 1, notMerged: 0, municipalities: [row] };
    expect(regionStatus.parse(status)).toEqual(status);
  });

  it('refuses what drifted: an unknown status, a severity, a missing count, an error without a message', () => {
    expect(submissionList.safeParse({ submissions: [{ ...summary, status: 'pending' }] }).success).toBe(false);
    expect(diagnostic.safeParse({ ...finding, severity: 'fatal' }).success).toBe(false);
    expect(submissionReceipt.safeParse({ ...summary, summary: { errors: 0 }, diagnostics: [], duplicate: false }).success).toBe(false);
    expect(apiError.safeParse({ error: { code: 'bad-json' } }).success).toBe(false);
    expect(apiError.parse({ error: { code: 'bad-json', message: 'Тело запроса — не корректный JSON.' } })).toEqual({ error: { code: 'bad-json', message: 'Тело запроса — не корректный JSON.' } });
  });
});

describe('openApiDocument', () => {
  it('shows the bounds it is given', () => {
    const doc = openApiDocument({ maxSheets: 3, maxRows: 10, maxColumns: 4, maxCellChars: 5 }) as any;
    const sheets = doc.components.schemas.SubmissionForm.properties.sheets;
    expect([sheets.maxItems, sheets.items.properties.rows.maxItems, sheets.items.properties.rows.items.maxItems]).toEqual([3, 10, 4]);
  });

  it('can be generated again (the schemas register once)', () => {
    expect(JSON.stringify(openApiDocument())).toBe(JSON.stringify(openApiDocument()));
  });
});
