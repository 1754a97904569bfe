/**
 * «Вставить шаблон» over Office.js: carries out the host-neutral layout of `host/template.ts` (a ministry-format sheet
 * with merged titles, a bold wrapped header, borders, widths, text columns and dropdowns, a very hidden list sheet for
 * long lists, a «Сокращения» sheet when asked for), then activates the new sheet at its first body cell.
 * Syncs: one read (the sheet names, to make the new ones unique) and one write.
 */
import type { TemplateOptions } from '../host/port';
import { TEXT_FORMAT } from '../host/edits';
import { templateLayout } from '../host/template';
import type { OwnWrites } from './writes';

const BORDER_EDGES = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight', 'InsideVertical', 'InsideHorizontal'] as const;

/** Returns the new sheet's name. */
export async function insertTemplate(writes: OwnWrites, options: TemplateOptions): Promise<string> {
  return Excel.run(async (context) => {
    const worksheets = context.workbook.worksheets;
    worksheets.load('items/name');
    await context.sync();
    const layout = templateLayout(options, worksheets.items.map((ws) => ws.name));

    const ws = worksheets.add(layout.sheet);
    for (const line of layout.lines) {
      ws.getRange(line.cell).values = [[line.text]];
      const range = ws.getRange(line.range);
      range.merge(false);
      range.format.horizontalAlignment = 'Center';
      range.format.font.bold = line.bold;
    }
    const head = ws.getRange(layout.header.range);
    head.values = [layout.header.values];
    head.format.font.bold = true;
    head.format.wrapText = true;
    head.format.horizontalAlignment = 'Center';
    head.format.verticalAlignment = 'Center';
    const body = ws.getRange(layout.body);
    body.format.wrapText = true;
    body.format.verticalAlignment = 'Top';
    drawGrid(ws.getRange(layout.grid));
    for (const { range, width } of layout.columns) ws.getRange(range).format.columnWidth = width;
    for (const range of layout.textRanges) ws.getRange(range).numberFormat = Array.from({ length: layout.bodyRows }, () => [TEXT_FORMAT]);

    let listsSheet: Excel.Worksheet | null = null;
    for (const list of layout.lists) {
      let source: string;
      if (list.source.kind === 'inline') source = list.source.text;
      else {
        // Too long for the rule itself, or items with commas: the list lives on a very hidden sheet.
        if (!listsSheet) {
          listsSheet = worksheets.add(layout.listsSheet!);
          listsSheet.visibility = 'VeryHidden';
        }
        listsSheet.getRange(list.source.range).values = list.items.map((i) => [i]);
        source = list.source.formula;
      }
      const target = ws.getRange(list.range);
      target.dataValidation.rule = { list: { inCellDropDown: true, source } };
      // Open lists (executors, да/нет over numbers) only suggest: no alert for other values.
      target.dataValidation.errorAlert = { showAlert: list.strict, style: 'Warning', title: 'Свод', message: list.message };
    }

    if (layout.glossary) {
      const { sheet, header, body: glossaryBody, grid, columns } = layout.glossary;
      const glossary = worksheets.add(sheet);
      const g = glossary.getRange(header.range);
      g.values = [header.values];
      g.format.font.bold = true;
      g.format.wrapText = true;
      g.format.horizontalAlignment = 'Center';
      glossary.getRange(glossaryBody).format.wrapText = true;
      drawGrid(glossary.getRange(grid));
      for (const { range, width } of columns) glossary.getRange(range).format.columnWidth = width;
    }

    ws.activate();
    ws.getRange(layout.select).select();
    await writes.sync(context);
    return layout.sheet;
  });
}

/** Thin borders around and between every cell of the range. */
function drawGrid(range: Excel.Range): void {
  for (const edge of BORDER_EDGES) {
    const border = range.format.borders.getItem(edge);
    border.style = 'Continuous';
    border.weight = 'Thin';
  }
}
