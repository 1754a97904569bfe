/**
 * The document's own Svod settings in Google Sheets (issue #11, the remembered column mapping): kept in the document's
 * properties, so it travels with the spreadsheet; the sidebar page arrives with them and reads them without a call.
 */
import { BOOT_PLACEHOLDER } from '../../gsheets/server/ui';
import * as server from '../../gsheets/server/main';
import { createSheetsPort } from '../../gsheets/sidebar/sheets-port';
import { setupSheets, uninstall } from './helpers';

afterEach(uninstall);

const PAGE = '<html><head><script>window.__svodBoot = "__SVOD_BOOT__";</script></head><body></body></html>';
const MAPPING = JSON.stringify({ 'Что делаем': 'activity', Когда: 'deadline' });

describe('document settings in Google Sheets', () => {
  test('the port saves a setting in the document’s properties in one call, and reads it back without one', async () => {
    const s = setupSheets([{ name: 'Лист' }]);
    const port = createSheetsPort(s.remote);
    expect(await port.documentSettings!.get('columns')).toBeNull();
    await port.documentSettings!.set('columns', MAPPING);
    expect(s.runs).toEqual(['svodSaveDocumentSetting']);
    expect(s.book.documentProperties.values.get('svod.columns')).toBe(MAPPING);
    expect(s.book.userProperties.values.size).toBe(0);
    expect(await port.documentSettings!.get('columns')).toBe(MAPPING);
    await port.documentSettings!.set('columns', null);
    expect(s.book.documentProperties.values.has('svod.columns')).toBe(false);
    expect(await port.documentSettings!.get('columns')).toBeNull();
    expect(s.runs).toEqual(['svodSaveDocumentSetting', 'svodSaveDocumentSetting']);
  });

  test('the sidebar page arrives with the document’s settings, and the port reads them from there', async () => {
    const s = setupSheets([{ name: 'Лист' }]);
    s.book.htmlFiles.Sidebar = PAGE;
    s.book.documentProperties.values.set('svod.columns', MAPPING);
    server.svodMenuCheck();
    const html = s.book.sidebar!.getContent();
    expect(html).not.toContain(BOOT_PLACEHOLDER);
    const boot = JSON.parse(/window\.__svodBoot = (.*);<\/script>/.exec(html)![1]!) as { document?: Record<string, string> };
    expect(boot.document).toEqual({ columns: MAPPING });
    const port = createSheetsPort(s.remote, { documentSettings: boot.document! });
    expect(await port.documentSettings!.get('columns')).toBe(MAPPING);
    expect(s.runs).toEqual([]);
  });

  test('refuses a key it does not know and a value too large for a property, in Russian', () => {
    setupSheets([{ name: 'Лист' }]);
    expect(() => server.svodSaveDocumentSetting('token', 'x')).toThrow(/Такой настройки документа у Svod нет/);
    expect(() => server.svodSaveDocumentSetting('columns', 'я'.repeat(8001))).toThrow(/слишком большое/);
  });
});
