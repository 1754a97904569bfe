/**
 * The upload-safety layer of the sync server: every municipality upload (xlsx, CSV, the add-in's JSON) passes here
 * before the core sees it. Every refusal is an UploadError: a 4xx status, a kebab-case code and a Russian message.
 */
export { UploadError, type UploadErrorCode, type UploadErrorStatus } from './errors';
export { DEFAULT_LIMITS, type UploadLimits } from './limits';
export { sniffUpload } from './sniff';
export { inspectXlsx } from './inspect-xlsx';
export { prepareUpload, readUpload, type PreparedUpload, type ReadUpload } from './read-upload';
export { workbookFromJson } from './json';
