/**
 * What every Office.js operation of the adapter asks of its surroundings: requirement sets, the document's settings,
 * and what an error code means. No sync of its own (settings are saved with `saveAsync`, outside `Excel.run`).
 */

/** `ExcelApi` requirement sets; outside a full Office host (unit tests) everything is assumed. */
export function supports(version: string): boolean {
  const requirements = typeof Office === 'undefined' ? undefined : Office.context?.requirements;
  return requirements ? requirements.isSetSupported('ExcelApi', version) : true;
}

/** The document's own settings (they travel with the workbook), or null outside Office. */
export function documentSettings(): Office.Settings | null {
  return typeof Office === 'undefined' ? null : (Office.context?.document?.settings ?? null);
}

export function saveSettings(settings: Office.Settings): Promise<void> {
  return new Promise((resolve) => settings.saveAsync(() => resolve()));
}

function errorCode(e: unknown): string {
  return typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string' ? (e as { code: string }).code : '';
}

/** A sheet (or another item) named in the batch is gone. */
export function isNotFound(e: unknown): boolean {
  return errorCode(e) === 'ItemNotFound';
}

/** The host refused a request or its response as too large. */
export function isTooLarge(e: unknown): boolean {
  const code = errorCode(e);
  if (['ResponsePayloadSizeLimitExceeded', 'RequestPayloadSizeLimitExceeded', 'RangeExceedsLimit', 'OperationCellsExceedLimit'].includes(code)) {
    return true;
  }
  const message = e instanceof Error ? e.message : '';
  return /payload size|too large/i.test(message);
}
