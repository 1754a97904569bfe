#!/usr/bin/env node
'use strict';
// The built bundle when present (npm ci runs the build); the TypeScript sources through tsx otherwise.
const path = require('node:path');
const fs = require('node:fs');

// `svod check … | head`: a reader that stops early is not an error, and never a stack trace (EPIPE).
for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {});

function fail() {
  process.stderr.write('Непредвиденная ошибка svod. Сообщите о ней разработчикам.\n');
  process.exitCode = 2;
}

const bundle = path.join(__dirname, '..', 'dist', 'svod.cjs');
let cli;
try {
  if (fs.existsSync(bundle)) cli = require(bundle);
  else {
    require('tsx/cjs');
    cli = require(path.join(__dirname, '..', 'src', 'main.ts'));
  }
} catch {
  fail();
}
if (cli) {
  cli.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  }, fail);
}
