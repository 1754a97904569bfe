export * from './model';
export * from './numbering';
export * from './vocabulary';
export * from './title';
export { readSheet, readWorkbook, glossaryLineEntries, type ReadOptions } from './read';
export { detectHeader, shownText, type HeaderMatch } from './header';
