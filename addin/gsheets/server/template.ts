/**
 * «Вставить шаблон» in Sheets: the plan both hosts share (`templatePlan`: title, period, header, widths, text columns,
 * lists) written in a fixed number of calls. Sheets keeps a list in the rule itself (no hidden lists sheet, no 255
 * character limit). A strict list (units) warns on other values, as Excel's «Предупреждение»; an open list (executors)
 * suggests, and Sheets marks a value outside it with a small warning corner. Sheets has no «suggest only» list, so the
 * year columns of indicators (numbers, or да/нет) get no list: a warning on every number would mislead.
 */
import { columnLetters } from '@svod/shared';
import type { TemplateOptions } from '../../src/host/port';
import { GLOSSARY_HEADERS, GLOSSARY_SHEET, GLOSSARY_WIDTHS, TEMPLATE_ROWS, YES_NO, templatePlan, uniqueSheetName, type TemplateList } from '../../src/host/template';
import { spreadsheet, type Sheet } from './book';

/** Office.js widths are points; Sheets' are pixels (96 per inch, 72 points per inch). */
export const pointsToPixels = (points: number) => Math.round((points * 4) / 3);

/** The lists Sheets gets: every list but the open да/нет of number columns; neighbouring equal lists share a range. */
export function sheetsLists(lists: readonly TemplateList[]): Array<{ from: number; to: number; list: TemplateList }> {
  const out: Array<{ from: number; to: number; list: TemplateList }> = [];
  for (const list of lists) {
    if (!list.strict && list.items.join('\u0000') === YES_NO.join('\u0000')) continue;
    const last = out[out.length - 1];
    if (last && last.to === list.col - 1 && last.list.strict === list.strict && last.list.items.join('\u0000') === list.items.join('\u0000')) last.to = list.col;
    else out.push({ from: list.col, to: list.col, list });
  }
  return out;
}

function setWidths(sheet: Sheet, widths: readonly number[]): void {
  for (let c = 0; c < widths.length; ) {
    let n = 1;
    while (c + n < widths.length && widths[c + n] === widths[c]) n++;
    sheet.setColumnWidths(c + 1, n, pointsToPixels(widths[c]!));
    c += n;
  }
}

export function svodInsertTemplate(options: TemplateOptions): string {
  const ss = spreadsheet();
  const plan = templatePlan(options);
  const names = ss.getSheets().map((s) => s.getName());
  const name = uniqueSheetName(plan.baseName, names);
  const width = plan.headers.length;
  const last = columnLetters(width - 1);
  const { title, period, header, firstBody, bodyRows } = TEMPLATE_ROWS;
  const lastBody = firstBody + bodyRows - 1;

  const ws = ss.insertSheet(name, names.length);
  const blank = () => Array.from({ length: width }, () => '');
  const top = [blank(), blank(), blank(), [...plan.headers]];
  top[title - 1]![0] = plan.title;
  top[period - 1]![0] = plan.period;
  ws.getRange(1, 1, header, width).setValues(top);
  ws.getRange(`A${title}:${last}${period}`).mergeAcross();
  ws.getRangeList([`A${title}:${last}${title}`, `A${header}:${last}${header}`]).setFontWeight('bold');
  ws.getRangeList([`A${title}:${last}${period}`, `A${header}:${last}${header}`]).setHorizontalAlignment('center');
  ws.getRange(`A${header}:${last}${header}`).setWrap(true).setVerticalAlignment('middle');
  ws.getRange(`A${firstBody}:${last}${lastBody}`).setWrap(true).setVerticalAlignment('top');
  ws.getRange(`A${header}:${last}${lastBody}`).setBorder(true, true, true, true, true, true);
  setWidths(ws, plan.widths);
  if (plan.textColumns.length > 0) {
    ws.getRangeList(plan.textColumns.map((c) => `${columnLetters(c)}${firstBody}:${columnLetters(c)}${lastBody}`)).setNumberFormat('@');
  }
  for (const { from, to, list } of sheetsLists(plan.lists)) {
    const rule = SpreadsheetApp.newDataValidation()
      .requireValueInList(list.items, true)
      .setAllowInvalid(true)
      .setHelpText(list.message ?? 'Выберите значение из списка или введите своё.')
      .build();
    ws.getRange(`${columnLetters(from)}${firstBody}:${columnLetters(to)}${lastBody}`).setDataValidation(rule);
  }

  if (options.glossary && !names.some((n) => n.toLowerCase() === GLOSSARY_SHEET.toLowerCase())) {
    const glossary = ss.insertSheet(GLOSSARY_SHEET, names.length + 1);
    glossary.getRange(1, 1, 1, 2).setValues([GLOSSARY_HEADERS]).setFontWeight('bold').setWrap(true).setHorizontalAlignment('center');
    glossary.getRange(`A2:B${1 + bodyRows}`).setWrap(true);
    glossary.getRange(`A1:B${1 + bodyRows}`).setBorder(true, true, true, true, true, true);
    setWidths(glossary, GLOSSARY_WIDTHS);
  }

  ws.getRange(`A${firstBody}`).activate();
  return name;
}
