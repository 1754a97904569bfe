/**
 * OpenDocument spreadsheets (.ods): their parts → grids (`reader.ts`). Pure, like the rest of the core; the Node entry
 * `@svod/shared/xlsx` reads them from the bytes (`xlsx/ods.ts`, through the bounded zip reader).
 */
export {
  looksLikeOds,
  odfDate,
  odfTime,
  readOdsParts,
  ODS_MAX_COLUMNS,
  ODS_MAX_GRID_CELLS,
  ODS_MAX_MERGED_AREA,
  ODS_MAX_ROWS,
  ODS_MIMETYPE,
  OdsOversizeError,
  OdsReadError,
  type OdsCaps,
  type OdsOversize,
  type OdsParts,
  type OdsProblem,
  type OdsReadOptions,
  type OdsWorkbook,
} from './reader';
