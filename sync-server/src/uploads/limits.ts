/** The bounds every upload is held to. Each can be overridden per call (tests, a bigger region's settings). */
export interface UploadLimits {
  /** Size of the uploaded file itself. */
  maxBytes: number;
  /** Entries in the xlsx zip's central directory. */
  maxEntries: number;
  /** Sum of the entries' uncompressed sizes, as declared and as really inflated. */
  maxUncompressedBytes: number;
  /** Uncompressed : compressed, per entry (Apache POI's ZipSecureFile uses 100:1). */
  maxRatio: number;
  /** Wall-clock bound of the xlsx parse in its worker thread, including the worker's start. */
  parseTimeoutMs: number;
  /** The worker's old-generation heap (`resourceLimits.maxOldGenerationSizeMb`), for the parse and the check. */
  parseMemoryMb: number;
  /** Wall-clock bound of a submission's check (the rules and the extraction) in its worker thread, once it has loaded. */
  checkTimeoutMs: number;
  maxRows: number;
  maxColumns: number;
  maxSheets: number;
  /** Cells covered by merges in the whole workbook (the core indexes every merged cell). */
  maxMergedCells: number;
  /** Characters in one text cell (Excel's own limit). */
  maxCellChars: number;
}

export const DEFAULT_LIMITS: Readonly<UploadLimits> = Object.freeze({
  maxBytes: 10 * 1024 * 1024,
  maxEntries: 1000,
  maxUncompressedBytes: 100 * 1024 * 1024,
  maxRatio: 100,
  parseTimeoutMs: 15_000,
  parseMemoryMb: 256,
  checkTimeoutMs: 15_000,
  maxRows: 100_000,
  maxColumns: 200,
  maxSheets: 50,
  maxMergedCells: 1_000_000,
  maxCellChars: 32_767,
});

/** Entries smaller than this are not held to the ratio (POI's grace size): tiny parts compress very well. */
export const RATIO_GRACE_BYTES = 100 * 1024;

export function resolveLimits(limits?: Partial<UploadLimits>): UploadLimits {
  const out: UploadLimits = { ...DEFAULT_LIMITS };
  if (!limits) return out;
  for (const key of Object.keys(DEFAULT_LIMITS) as (keyof UploadLimits)[]) {
    const value = limits[key];
    if (value === undefined) continue;
    if (typeof value !== 'number' || !(value > 0)) throw new RangeError(`Upload limit ${key} must be a positive number, got ${String(value)}`);
    out[key] = value;
  }
  return out;
}
