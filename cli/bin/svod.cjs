#!/usr/bin/env node
'use strict';
// The built bundle when present (npm ci runs the build); the TypeScript sources through tsx otherwise.
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'svod.cjs');
let cli;
if (fs.existsSync(bundle)) cli = require(bundle);
else {
  require('tsx/cjs');
  cli = require(path.join(__dirname, '..', 'src', 'main.ts'));
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
