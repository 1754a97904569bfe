/**
 * .ods bytes → grids: the pure OpenDocument reader (`shared/src/ods/`) fed from the xlsx reader's bounded zip, so an
 * .ods is held to the same entry count, sizes and 100:1 ratio as an xlsx (`ZIP_LIMITS`), and its XML to the same
 * scanner (no DTD). Only `mimetype`, `META-INF/manifest.xml` and `content.xml` are ever inflated.
 */
import { looksLikeOds, readOdsParts, type OdsReadOptions, type OdsWorkbook } from '../ods';
import { partText } from './parts';
import { readZipDirectory, ZIP_LIMITS, ZipReader, type ZipLimits } from './zip';

export interface OdsBytesOptions extends OdsReadOptions {
  zip?: Partial<ZipLimits>;
}

/** Throws ZipError, XmlError (XmlDtdError for a DTD), OdsReadError, OdsOversizeError (before any grid is built). */
export function readOds(bytes: Uint8Array, options: OdsBytesOptions = {}): OdsWorkbook {
  const limits: ZipLimits = { ...ZIP_LIMITS, ...options.zip };
  const zip = new ZipReader(bytes, readZipDirectory(bytes, limits), limits);
  return readOdsParts(
    {
      has: (name) => zip.has(name),
      text: (name) => {
        const data = zip.read(name);
        return data === undefined ? undefined : partText(data);
      },
    },
    options,
  );
}

/** Is this zip an OpenDocument document (by its parts, never its name)? A zip that does not open is not one. */
export function isOdsZip(bytes: Uint8Array): boolean {
  try {
    return looksLikeOds(readZipDirectory(bytes));
  } catch {
    return false;
  }
}
