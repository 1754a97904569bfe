/// <reference lib="dom" />
/**
 * The harness page's script: builds the fake Excel from `window.__svodSeed` and hands it to the pane through the test
 * seam `window.__svodPort` (read by addin/src/taskpane/index.tsx). `window.__svodFake` lets the test inspect calls
 * and type into cells.
 */
import { createFakeExcel, type FakeExcel, type SeedWorkbook } from './fake-port';
import type { HostPort } from '../../../addin/src/host/port';

const w = window as unknown as { __svodSeed: SeedWorkbook; __svodPort?: HostPort; __svodFake?: FakeExcel };
const fake = createFakeExcel(w.__svodSeed);
w.__svodFake = fake;
w.__svodPort = fake.port;
