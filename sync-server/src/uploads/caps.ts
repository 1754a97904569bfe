import { columnLetters, type GridWorkbook } from '@svod/shared';
import { UploadError, countRu, groupDigits } from './errors';
import type { UploadLimits } from './limits';
import { measureOversize, type Oversize } from './measure';

/** Throws when a workbook read from xlsx or CSV is bigger than the caps (sheets, rows, columns, merged cells). */
export function checkWorkbookCaps(workbook: GridWorkbook, limits: UploadLimits, kind: 'xlsx' | 'csv'): void {
  const over = measureOversize(workbook, limits);
  if (over) throw oversizeError(over, limits, kind);
}

export function oversizeError(over: Oversize, limits: UploadLimits, kind: 'xlsx' | 'csv'): UploadError {
  const where = (sheet: string) => (kind === 'csv' ? 'В файле' : `На листе «${sheet}»`);
  switch (over.kind) {
    case 'sheets':
      return new UploadError(
        422,
        'too-many-sheets',
        `В книге ${countRu(over.count, ['лист', 'листа', 'листов'])}, а можно не больше ${groupDigits(limits.maxSheets)}. ` +
          'Удалите лишние листы или разделите книгу на несколько файлов и отправьте ещё раз.',
      );
    case 'rows':
      return new UploadError(
        422,
        'too-many-rows',
        `${where(over.sheet)} ${countRu(over.count, ['строка', 'строки', 'строк'])}, а можно не больше ${groupDigits(limits.maxRows)}. ` +
          'Удалите лишние строки или разделите таблицу на несколько файлов и отправьте ещё раз.',
      );
    case 'columns':
      return new UploadError(
        422,
        'too-many-columns',
        `${where(over.sheet)} строка ${groupDigits(over.row + 1)} занимает ${countRu(over.count, ['столбец', 'столбца', 'столбцов'])} ` +
          `(до ${columnLetters(over.count - 1)}), а можно не больше ${groupDigits(limits.maxColumns)} (до ${columnLetters(limits.maxColumns - 1)}). ` +
          'Удалите лишние столбцы справа и отправьте ещё раз.',
      );
    case 'merged-cells':
      return new UploadError(
        422,
        'too-many-merged-cells',
        `В книге объединено слишком много ячеек: ${groupDigits(over.count)}, а можно не больше ${groupDigits(limits.maxMergedCells)}. ` +
          'Снимите лишние объединения (особенно целых столбцов и строк) и отправьте ещё раз.',
      );
  }
}
