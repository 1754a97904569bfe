/** `addin/src/host/` is shared by the Excel and the Google Sheets adapters: no host API may appear in it. */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const HOST = join(__dirname, '../../src/host');
const files = readdirSync(HOST).filter((f) => f.endsWith('.ts'));

test('the host folder holds the planning modules', () => {
  expect(files).toEqual(expect.arrayContaining(['addresses.ts', 'edits.ts', 'highlight.ts', 'port.ts', 'read-window.ts', 'template.ts', 'values.ts']));
});

test.each(files)('%s mentions neither Excel. nor Office. nor SpreadsheetApp and imports only the core and its neighbours', (file) => {
  const text = readFileSync(join(HOST, file), 'utf8');
  expect(text.match(/\b(?:Excel|Office|OfficeExtension|SpreadsheetApp)\./g)).toBeNull();
  const imports = [...text.matchAll(/\bfrom\s+'([^']+)'/g)].map((m) => m[1]);
  for (const source of imports) expect([file, source]).toEqual([file, expect.stringMatching(/^(?:@svod\/shared|\.\/[\w-]+)$/)]);
});
