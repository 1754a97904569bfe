import { defineWorkbookRule } from '../../engine/rule';
import type { UnreadContent } from '../../reader/model';
import { MAPPABLE_ROLES } from '../../reader/vocabulary';
import { plural } from '../../engine/messages';

const KIND_NAMES: Record<UnreadContent['kind'], [string, string]> = {
  roadmap: ['дорожную карту', 'дорожная карта'],
  indicators: ['таблицу показателей', 'таблица показателей'],
};

const quoted = (texts: string[]) => texts.map((t) => `«${t.length > 40 ? t.slice(0, 39) + '…' : t}»`).join(', ');

/**
 * Says out loud what the reader could not read (`SheetModel.unread`): a sheet whose table went unchecked must never
 * end in «0 ошибок», which an official reads as «all good».
 */
export default defineWorkbookRule({
  meta: {
    id: 'table-unrecognised',
    kind: 'workbook',
    defaultSeverity: 'warning',
    description: 'На листе есть что-то похожее на таблицу (заголовки над пронумерованными строками или лист назван как план), но Svod не смог её прочитать и не проверил.',
    howToFix: 'Укажите, какой столбец что означает (шаг «Столбцы» в панели или «columns» в svod.config.json), или назовите столбцы как в приказе.',
    fixable: false,
    messages: {
      header: 'Похоже на {{kind}} ({{rows}}), но она не проверена: {{missing}}. Нераспознанные заголовки: {{unplaced}}.',
      headerPlaced: 'Похоже на {{kind}} ({{rows}}), но она не проверена: {{missing}}.',
      sheetName: 'Лист назван как {{kind}}, но таблицы с понятными Svod заголовками на нём нет: лист не проверен.',
    },
  },
  create: ({ report }) => ({
    sheet(sheet) {
      for (const unread of sheet.unread) {
        const [accusative, nominative] = KIND_NAMES[unread.kind];
        if (unread.reason === 'sheet-name') {
          report({ sheet: sheet.grid.name, cell: unread.cell, messageId: 'sheetName', data: { kind: nominative } });
          continue;
        }
        const missing = unread.missing.map((r) => `«${MAPPABLE_ROLES[r] ?? (r === 'year' ? 'годы' : r)}»`);
        const unplaced = unread.headers.filter((h) => h.role === null).map((h) => h.text);
        const data = {
          kind: accusative,
          rows: plural(unread.rows, ['пронумерованная строка', 'пронумерованные строки', 'пронумерованных строк']),
          missing: missing.length === 1 ? `не найден столбец ${missing[0]}` : `не найдены столбцы ${missing.join(', ')}`,
          unplaced: quoted(unplaced),
        };
        report({ sheet: sheet.grid.name, cell: unread.cell, messageId: unplaced.length ? 'header' : 'headerPlaced', data });
      }
    },
  }),
});
