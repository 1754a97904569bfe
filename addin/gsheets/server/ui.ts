/** The «Svod» menu and the 300 px sidebar (Google fixes a sidebar's width at 300 px). */
import type { SidebarBoot, SidebarTab } from '../shared/wire';
import { buildConfig } from './config';
import { loadDocumentSettings, loadSettings } from './props';

/** The sidebar page holds this literal once; `showSidebar` puts the boot data in its place. */
export const BOOT_PLACEHOLDER = '"__SVOD_BOOT__"';

export function onOpen(): void {
  SpreadsheetApp.getUi()
    .createMenu('Svod')
    .addItem('Проверить лист', 'svodMenuCheck')
    .addItem('Вставить шаблон', 'svodMenuTemplate')
    .addItem('Отправить в регион', 'svodMenuSend')
    .addToUi();
}

export function onInstall(): void {
  onOpen();
}

/** JSON that is safe inside a `<script>` element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

export function showSidebar(tab: SidebarTab = 'check'): void {
  const document = loadDocumentSettings();
  const boot: SidebarBoot = { tab, settings: loadSettings(), serverUrl: buildConfig().serverUrl, ...(Object.keys(document).length ? { document } : {}) };
  const page = HtmlService.createHtmlOutputFromFile('Sidebar').getContent();
  const html = HtmlService.createHtmlOutput(page.replace(BOOT_PLACEHOLDER, () => scriptJson(boot)))
    .setTitle('Svod')
    .setWidth(300);
  SpreadsheetApp.getUi().showSidebar(html);
}

export const svodMenuCheck = (): void => showSidebar('check');
export const svodMenuTemplate = (): void => showSidebar('template');
export const svodMenuSend = (): void => showSidebar('send');
