import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { makeStyles, Tab, TabList, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../api/client';
import { sameColumns } from '@svod/shared';
import type { HostPort } from '../host/port';
import { useColumns } from '../state/columns';
import { flag, setFlag, type SettingKey, type SettingsStore } from '../state/settings';
import { useChecker } from '../state/use-checker';
import { CheckPanel } from './CheckPanel';
import { ColumnsPanel } from './ColumnsPanel';
import { CoordinatorPanel } from './CoordinatorPanel';
import { SendPanel } from './SendPanel';
import { TemplatePanel } from './TemplatePanel';

export interface AppProps {
  /** The spreadsheet host (Excel or Google Sheets), through the one seam (`HostPort`); a fake in tests. */
  port: HostPort;
  api: ApiClient;
  settings: SettingsStore;
  /** The server address when none is saved: the origin the pane was loaded from. */
  defaultServerUrl: string;
  autoCheckDelayMs?: number;
  /** The tab to open with (the Sheets menu opens the sidebar on «Шаблон» or «Отправка»). */
  initialTab?: TabId;
}

export type TabId = 'check' | 'template' | 'send' | 'coordinator';

const TABS: Array<{ id: TabId; label: string }> = [
  { id: 'check', label: 'Проверка' },
  { id: 'template', label: 'Шаблон' },
  { id: 'send', label: 'Отправка' },
  { id: 'coordinator', label: 'Регион' },
];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground1, color: tokens.colorNeutralForeground1 },
  header: {
    position: 'sticky',
    top: 0,
    zIndex: 1,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
    paddingTop: tokens.spacingVerticalXS,
  },
  // Four tabs must fit a 320 px pane: tight padding, and the labels may not wrap.
  tabs: { paddingLeft: '2px', paddingRight: '2px', overflowX: 'auto', scrollbarWidth: 'none' },
  // Google's sidebar is 300 px: there the four tabs fit only with less padding.
  tab: { paddingLeft: '6px', paddingRight: '6px', whiteSpace: 'nowrap', '@media (max-width: 310px)': { paddingLeft: '3px', paddingRight: '3px' } },
  main: { padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`, flexGrow: 1 },
  checkTab: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

/** A setting held in React state and written through to the settings store. */
function useSetting(settings: SettingsStore, key: SettingKey, fallback: string): [string, (v: string) => void] {
  const [value, setValue] = useState(() => settings.get(key) ?? fallback);
  return [
    value,
    (v: string) => {
      setValue(v);
      settings.set(key, v.trim() === '' || v === fallback ? null : v);
    },
  ];
}

function useFlag(settings: SettingsStore, key: SettingKey): [boolean, (on: boolean) => void] {
  const [value, setValue] = useState(() => flag(settings, key));
  return [
    value,
    (on: boolean) => {
      setValue(on);
      setFlag(settings, key, on);
    },
  ];
}

export function App({ port, api, settings, defaultServerUrl, autoCheckDelayMs, initialTab }: AppProps) {
  const s = useStyles();
  const [tab, setTab] = useState<TabId>(initialTab ?? 'check');
  const [allSheets, setAllSheets] = useFlag(settings, 'allSheets');
  const [autoCheck, setAutoCheck] = useFlag(settings, 'autoCheck');
  const [serverUrl, setServerUrl] = useSetting(settings, 'serverUrl', defaultServerUrl);
  const [municipalityToken, setMunicipalityToken] = useSetting(settings, 'municipalityToken', '');
  const [coordinatorToken, setCoordinatorToken] = useSetting(settings, 'coordinatorToken', '');
  // The municipality's remembered columns come from the server the pane sends to, with its token.
  const access = useMemo(() => (municipalityToken.trim() ? { baseUrl: serverUrl, token: municipalityToken } : null), [serverUrl, municipalityToken]);
  const columns = useColumns(port, api, access);
  // Every check asks for the remembered mapping first; what it read with is what the re-check effect below has seen.
  const columnsSeen = useRef(columns.effective);
  const { resolve: resolveMapping } = columns;
  const resolveColumns = useCallback(async () => {
    const resolved = await resolveMapping();
    columnsSeen.current = resolved;
    return resolved;
  }, [resolveMapping]);
  const checker = useChecker(port, { allSheets, autoCheck, resolveColumns, columns: columns.effective, ...(autoCheckDelayMs !== undefined ? { autoCheckDelayMs } : {}) });

  // The list must match the «Все листы» switch: re-check with the new scope when something was checked already.
  const scopeSeen = useRef(allSheets);
  const hasReport = checker.state.report !== null;
  const recheck = checker.check;
  useEffect(() => {
    if (scopeSeen.current === allSheets) return;
    scopeSeen.current = allSheets;
    if (hasReport) void recheck();
  }, [allSheets, hasReport, recheck]);

  // A mapping that changes after a check (the document's setting read late) re-reads what is shown.
  useEffect(() => {
    if (sameColumns(columnsSeen.current, columns.effective)) return;
    columnsSeen.current = columns.effective;
    if (hasReport) void recheck({ columns: columns.effective });
  }, [columns.effective, hasReport, recheck]);

  /** Saves (or forgets) and checks again with the new mapping at once, before the options catch up. */
  const saveColumns = async (what: () => ReturnType<typeof columns.forget>) => {
    const result = await what();
    columnsSeen.current = result.effective;
    await recheck({ columns: result.effective });
    return result;
  };

  return (
    <div className={s.root}>
      <header className={s.header}>
        <TabList className={s.tabs} size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabId)} aria-label="Разделы Svod">
          {TABS.map((t) => (
            <Tab key={t.id} className={s.tab} value={t.id} id={`tab-${t.id}`} aria-controls={`panel-${t.id}`}>
              {t.label}
            </Tab>
          ))}
        </TabList>
      </header>
      <main className={s.main}>
        {/* Every panel stays mounted: switching tabs keeps the list, the form and the receipt. */}
        <div role="tabpanel" id="panel-check" aria-labelledby="tab-check" hidden={tab !== 'check'}>
          <div className={s.checkTab}>
            <ColumnsPanel
              targets={checker.state.unread}
              effective={columns.effective}
              store={columns.state}
              connected={access !== null && columns.state.serverStatus !== 'off'}
              busy={checker.state.busy !== null && checker.state.busy !== 'select'}
              onSave={(choices) => saveColumns(() => columns.save(choices))}
              onForget={() => saveColumns(columns.forget)}
            />
            <CheckPanel checker={checker} capabilities={port.capabilities} allSheets={allSheets} onAllSheets={setAllSheets} autoCheck={autoCheck} onAutoCheck={setAutoCheck} />
          </div>
        </div>
        <div role="tabpanel" id="panel-template" aria-labelledby="tab-template" hidden={tab !== 'template'}>
          <TemplatePanel port={port} />
        </div>
        <div role="tabpanel" id="panel-send" aria-labelledby="tab-send" hidden={tab !== 'send'}>
          <SendPanel
            port={port}
            api={api}
            serverUrl={serverUrl}
            onServerUrl={setServerUrl}
            token={municipalityToken}
            onToken={setMunicipalityToken}
            onSent={checker.showChecked}
            onShowList={() => setTab('check')}
          />
        </div>
        <div role="tabpanel" id="panel-coordinator" aria-labelledby="tab-coordinator" hidden={tab !== 'coordinator'}>
          <CoordinatorPanel port={port} api={api} serverUrl={serverUrl} onServerUrl={setServerUrl} token={coordinatorToken} onToken={setCoordinatorToken} />
        </div>
      </main>
    </div>
  );
}
