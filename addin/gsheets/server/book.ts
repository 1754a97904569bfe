/** The open spreadsheet and its sheets, found by name or by id (an id survives a rename). */
export type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
export type Spreadsheet = GoogleAppsScript.Spreadsheet.Spreadsheet;

export function spreadsheet(): Spreadsheet {
  const ss = SpreadsheetApp.getActiveSpreadsheet();
  if (!ss) throw new Error('Svod работает в открытой таблице: откройте таблицу и запустите Svod из меню «Svod».');
  return ss;
}

export interface SheetIndex {
  byName: Map<string, Sheet>;
  byId: Map<string, Sheet>;
  /** Each sheet's id as text, read once. */
  idOf: Map<Sheet, string>;
  names: string[];
}

/** Every sheet by name and id: one `getSheets` and two cheap calls per sheet. */
export function sheetIndex(ss: Spreadsheet): SheetIndex {
  const byName = new Map<string, Sheet>();
  const byId = new Map<string, Sheet>();
  const idOf = new Map<Sheet, string>();
  const names: string[] = [];
  for (const sheet of ss.getSheets()) {
    const name = sheet.getName();
    const id = String(sheet.getSheetId());
    names.push(name);
    byName.set(name, sheet);
    byId.set(id, sheet);
    idOf.set(sheet, id);
  }
  return { byName, byId, idOf, names };
}

export function sheetNotFound(name: string): Error {
  return new Error(`Лист «${name}» не найден: его переименовали или удалили. Проверьте лист ещё раз.`);
}

/** The active sheet's fingerprint: its name and a digest of its values (a sidebar gets no edit events, it polls this). */
export function fingerprintOf(name: string, values: unknown[][]): string {
  const digest = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, JSON.stringify(values), Utilities.Charset.UTF_8);
  return `${name}\u0000${Utilities.base64Encode(digest)}`;
}
