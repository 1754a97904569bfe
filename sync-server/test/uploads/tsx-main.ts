/** Started by read-upload.test.ts as `node --import tsx tsx-main.ts`: readUpload as the server would run it. */
import { readFileSync } from 'node:fs';
import { readUpload } from '../../src/uploads';
import { SEED_PATH } from './helpers';

readUpload(readFileSync(SEED_PATH), 'seed.xlsx').then(
  (r) => process.stdout.write(JSON.stringify({ kind: r.kind, sheets: r.workbook.sheets.map((s) => s.name) })),
  (e: unknown) => {
    process.stderr.write(String(e));
    process.exitCode = 1;
  },
);
