/** The API's wire shapes, once: the server validates with them, the clients type their calls, the document is generated. */
export * from './submission-form';
