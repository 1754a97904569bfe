/** The API's wire shapes, once: the server validates with them, the clients type their calls, the document is generated. */
export * from './submission-form';
export * from './errors';
export * from './diagnostic';
export * from './receipt';
export * from './region';
export * from './municipalities';
export * from './federal';
export * from './api';
export { groupDigits } from './text';
