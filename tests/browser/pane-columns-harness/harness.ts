/// <reference lib="dom" />
/**
 * The «Столбцы» harness: the fake Excel of pane-harness with the document's settings added, kept in the page's
 * localStorage under a key of their own, so they outlive a reload of the pane as a workbook's settings outlive
 * closing and opening the pane.
 */
import { createFakeExcel, type FakeExcel, type SeedWorkbook } from '../pane-harness/fake-port';
import type { DocumentSettingKey, HostPort } from '../../../addin/src/host/port';

export const DOCUMENT_PREFIX = 'harness.document.';

export interface ColumnsFake extends FakeExcel {
  /** Every document-settings write, in order. */
  documentWrites: Array<{ key: DocumentSettingKey; value: string | null }>;
}

const w = window as unknown as { __svodSeed: SeedWorkbook; __svodPort?: HostPort; __svodFake?: ColumnsFake };
const fake = createFakeExcel(w.__svodSeed) as ColumnsFake;
fake.documentWrites = [];
const port: HostPort = {
  ...fake.port,
  documentSettings: {
    async get(key) {
      return localStorage.getItem(DOCUMENT_PREFIX + key);
    },
    async set(key, value) {
      fake.documentWrites.push({ key, value });
      if (value === null) localStorage.removeItem(DOCUMENT_PREFIX + key);
      else localStorage.setItem(DOCUMENT_PREFIX + key, value);
    },
  },
};
w.__svodFake = fake;
w.__svodPort = port;
