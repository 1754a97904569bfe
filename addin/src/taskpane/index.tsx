/**
 * The task pane's entry: waits for Office once, then mounts the pane over the Office.js `HostPort`.
 *
 * Test seam: when the page defines `window.__svodPort` (an `HostPort`) before this bundle runs, the pane uses it and
 * does not wait for Office at all. The browser tests' harness (tests/browser/pane-harness/) injects an in-page fake
 * that way; Excel never defines it.
 */
import type { ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApiClient } from '../api/client';
import { App } from '../components/App';
import { createExcelPort } from '../office/excel-port';
import type { HostPort } from '../host/port';
import { browserLocalStorage, storageSettings } from '../state/settings';

declare global {
  interface Window {
    /** Test seam: a ready `HostPort` to use instead of Office.js. */
    __svodPort?: HostPort;
  }
}

function render(content: ReactNode): void {
  const host = document.getElementById('root');
  if (!host) return;
  createRoot(host).render(<FluentProvider theme={webLightTheme}>{content}</FluentProvider>);
}

function mount(port: HostPort): void {
  render(
    <App
      port={port}
      api={createApiClient({ fetch: (input, init) => window.fetch(input, init) })}
      settings={storageSettings(browserLocalStorage())}
      defaultServerUrl={window.location.origin}
    />,
  );
}

function outsideExcel(text: string): void {
  render(
    <p role="alert" className="svod-outside">
      {text}
    </p>,
  );
}

const seam = window.__svodPort;
if (seam) {
  mount(seam);
} else if (typeof Office === 'undefined') {
  outsideExcel('Не загрузилась библиотека Office (office.js). Проверьте подключение к серверу Svod и откройте панель ещё раз.');
} else {
  void Office.onReady((info) => {
    if (info.host === Office.HostType.Excel) mount(createExcelPort());
    else outsideExcel('Svod работает в Excel: добавьте надстройку в Excel и откройте её на вкладке «Главная».');
  });
}
