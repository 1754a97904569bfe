/**
 * What the multipart parser throws besides its limits. multer's own `MulterError`s (LIMIT_FILE_SIZE, LIMIT_FILE_COUNT,
 * …) are worded by the error handler; everything else comes from busboy underneath and means the form itself is
 * broken — no boundary, a malformed or oversized part header, a body that ends mid-part — which is the client's fault,
 * a 400 with a Russian sentence, never a 500 with busboy's English.
 */
import multer from 'multer';
import { HttpError } from '../http/errors';

export function formError(e: unknown): unknown {
  if (e instanceof multer.MulterError) return e;
  const status = (e as { status?: unknown } | null)?.status;
  if (typeof status === 'number') return e;
  return new HttpError(
    400,
    'bad-form',
    'Форма с файлом пришла повреждённой или оборванной (multipart/form-data). Отправьте файл ещё раз; если не получится, сохраните его под коротким именем.',
  );
}
