import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const SRC = join(__dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('the core is pure TypeScript', () => {
  const core = files(SRC).filter((f) => !relative(SRC, f).startsWith('xlsx'));

  it.each(core.map((f) => [relative(SRC, f), f]))('%s imports no Node module, no DOM and no ExcelJS', (_name, file) => {
    const text = readFileSync(file, 'utf8');
    // TypeScript's own scanner lists every import, re-export and require of the file.
    const imports = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
    // zod (pure, browser-safe) is the one package the core may use: the API's contracts are its schemas.
    for (const spec of imports) expect(spec.startsWith('.') || spec === 'zod').toBe(true);
    expect(text).not.toMatch(/\b(process\.|Buffer\b|window\.|document\.|__dirname|TextDecoder)/);
  });
});
