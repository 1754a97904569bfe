/** The federal summary workbook (issue #13): every region's indicator values in one model for the server to render. */
export * from './summary';
