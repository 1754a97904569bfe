export * from './normalize';
export * from './distance';
