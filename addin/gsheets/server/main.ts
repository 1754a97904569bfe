/**
 * The Apps Script project's entry: every global function of Code.js. The build (addin/gsheets/build.mjs) bundles this
 * module into an IIFE (`SvodServer`) and emits one plain `function name(…) {…}` per export, because Apps Script calls
 * only global function declarations (the menu, `google.script.run`). Each sidebar call is one function here.
 */
export { svodRead, svodFingerprint, svodSelect } from './read';
export { svodHighlight, svodClearHighlight } from './highlight';
export { svodApplyEdits } from './edits';
export { svodInsertTemplate } from './template';
export { svodSaveSetting, svodSaveDocumentSetting } from './props';
export { svodFetch } from './fetch';
export { onOpen, onInstall, showSidebar, svodMenuCheck, svodMenuTemplate, svodMenuSend } from './ui';
