/**
 * The sidebar's entry: the same pane as Excel's (`App`), over the Apps Script `HostPort`. The page arrives with its
 * boot data (`window.__svodBoot`: the tab the menu asked for, the user's saved settings, the server address), so the
 * pane draws at once; settings are written back to the user's properties, one call per change.
 */
import { createRoot } from 'react-dom/client';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { createApiClient } from '../../src/api/client';
import { App } from '../../src/components/App';
import type { SidebarBoot } from '../shared/wire';
import { scriptFetch, userSettings } from './bridge';
import { createRemote } from './gas';
import { createSheetsPort } from './sheets-port';

declare global {
  interface Window {
    __svodBoot?: SidebarBoot | string;
  }
}

function boot(): SidebarBoot {
  const raw = window.__svodBoot;
  if (raw && typeof raw === 'object') return raw;
  return { tab: 'check', settings: {}, serverUrl: '', document: {} };
}

const host = document.getElementById('root');
if (host) {
  const remote = createRemote();
  const { tab, settings, serverUrl, document: documentSettings } = boot();
  const store = userSettings(remote, settings);
  // A closed or hidden sidebar saves what is still waiting.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') store.flush();
  });
  createRoot(host).render(
    <FluentProvider theme={webLightTheme}>
      <App
        port={createSheetsPort(remote, { documentSettings: documentSettings ?? {} })}
        api={createApiClient({ fetch: scriptFetch(remote) })}
        settings={store}
        defaultServerUrl={serverUrl.replace(/\/+$/, '')}
        initialTab={tab}
      />
    </FluentProvider>,
  );
}
