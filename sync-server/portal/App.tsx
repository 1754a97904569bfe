/**
 * The portal of every role (issues #12, #13). Sign in with a token; the role comes from the server (GET /me), never
 * from a choice on the page. The coordinator runs the collection, a municipality submits and reads its findings, the
 * federal coordinator reads every region and creates new ones. Pages are hash routes (#/collect, #/m/<id>,
 * #/region/<id>, …), so a reload or a bookmark opens the same page and the server serves one file.
 */
import { useCallback, useEffect, useState } from 'react';
import { Button, makeStyles, Spinner, Tab, TabList, tokens, useFocusFinders } from '@fluentui/react-components';
import { SignOut20Regular } from '@fluentui/react-icons';
import { ApiError, createApi, errorText, type Api, type RegionInfo, type Session } from './api';
import { ApiContext, Portal, type PortalContext } from './region';
import { SignIn } from './pages/SignIn';
import { Collect } from './pages/Collect';
import { Municipalities } from './pages/Municipalities';
import { MunicipalityPage } from './pages/MunicipalityPage';
import { Submit } from './pages/Submit';
import { Template } from './pages/Template';
import { Indicators } from './pages/Indicators';
import { Federal, FederalRegionPage } from './pages/Federal';
import { go } from './nav';
import { useNarrow } from './components/layout';

const TOKEN_KEY = 'svod.portalToken';

const useStyles = makeStyles({
  shell: { minHeight: '100vh', display: 'flex', flexDirection: 'column' },
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    background: tokens.colorNeutralBackground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  who: { flexGrow: 1, flexBasis: 0, minWidth: '8em', color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  nav: { background: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto', padding: `0 ${tokens.spacingHorizontalS}` },
  main: { flexGrow: 1, width: '100%', maxWidth: '1280px', boxSizing: 'border-box', margin: '0 auto', padding: tokens.spacingHorizontalL, '@media (max-width: 600px)': { padding: tokens.spacingHorizontalS } },
  loading: { padding: tokens.spacingVerticalXXL },
});

type Route = { page: string; arg: string | null };

function readRoute(): Route {
  const [page = '', arg = null] = location.hash.replace(/^#\/?/, '').split('/').map((p) => decodeURIComponent(p));
  return { page, arg };
}

function useRoute(): Route {
  const [route, setRoute] = useState(readRoute);
  useEffect(() => {
    const on = () => setRoute(readRoute());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  return route;
}

const COORDINATOR_TABS = [
  ['collect', 'Сбор'],
  ['municipalities', 'Муниципалитеты'],
  ['template', 'Шаблон'],
  ['indicators', 'Показатели'],
] as const;

const MUNICIPALITY_TABS = [
  ['submit', 'Сдать отчёт'],
  ['versions', 'Мои версии'],
] as const;

/** The federal coordinator's pages: the regions, and one region's status. */
const FEDERAL_PAGES = ['regions', 'region'];

export function App() {
  const s = useStyles();
  const narrow = useNarrow();
  const route = useRoute();
  // Fluent's focus manager (tabster) is disposed when its last user unmounts; a dialog unmounting as the last one
  // (the federal page has no tab list) leaves aria-hidden on the whole page (tabster #530). The portal holds one.
  useFocusFinders();
  const [ctx, setCtx] = useState<PortalContext | null>(null);
  // The federal coordinator has no region of its own (GET /region refuses it): only the client.
  const [federal, setFederal] = useState<Api | null>(null);
  const [checking, setChecking] = useState(() => !!sessionStorage.getItem(TOKEN_KEY));
  const [signInError, setSignInError] = useState<string | null>(null);

  const signIn = useCallback(async (token: string) => {
    setSignInError(null);
    setChecking(true);
    const api: Api = createApi(token);
    try {
      const session = await api.json<Session>('/me');
      if (session.role === 'federal') {
        sessionStorage.setItem(TOKEN_KEY, token);
        setCtx(null);
        setFederal(api);
        if (!FEDERAL_PAGES.includes(readRoute().page)) go('regions');
        return;
      }
      const region = await api.json<RegionInfo>('/region');
      sessionStorage.setItem(TOKEN_KEY, token);
      const next: PortalContext = {
        api,
        session,
        region,
        reloadRegion: async () => {
          const fresh = await api.json<RegionInfo>('/region');
          setCtx((c) => (c ? { ...c, region: fresh } : c));
        },
      };
      setFederal(null);
      setCtx(next);
      const home = session.role === 'coordinator' ? COORDINATOR_TABS[0][0] : MUNICIPALITY_TABS[0][0];
      const allowed: readonly string[] = session.role === 'coordinator' ? [...COORDINATOR_TABS.map((t) => t[0]), 'm'] : MUNICIPALITY_TABS.map((t) => t[0]);
      if (!allowed.includes(readRoute().page)) go(home);
    } catch (e) {
      sessionStorage.removeItem(TOKEN_KEY);
      setSignInError(e instanceof ApiError && e.status === 401 ? 'Токен не подходит или отозван. Проверьте, что он скопирован целиком, или попросите координатора выдать новый.' : errorText(e, 'Не удалось войти.'));
    } finally {
      setChecking(false);
    }
  }, []);

  useEffect(() => {
    const saved = sessionStorage.getItem(TOKEN_KEY);
    if (saved) void signIn(saved);
  }, [signIn]);

  const signOut = () => {
    sessionStorage.removeItem(TOKEN_KEY);
    setCtx(null);
    setFederal(null);
    location.hash = '';
  };

  if (federal) {
    return (
      <ApiContext.Provider value={federal}>
        <div className={s.shell}>
          <header className={s.header}>
            <h1 className={s.brand}>Svod</h1>
            <span className={s.who} data-testid="who">
              Федеральный координатор
            </span>
            <Button appearance="subtle" icon={<SignOut20Regular />} onClick={signOut}>
              Выйти
            </Button>
          </header>
          <main className={s.main} id="main">
            {route.page === 'region' && route.arg ? <FederalRegionPage regionId={route.arg} /> : <Federal />}
          </main>
        </div>
      </ApiContext.Provider>
    );
  }

  if (!ctx) {
    return (
      <div className={s.shell}>
        <header className={s.header}>
          <h1 className={s.brand}>Svod</h1>
          <span className={s.who}>портал сбора дорожных карт и целевых показателей</span>
        </header>
        <main className={s.main} id="main">
          {checking && !signInError ? <Spinner className={s.loading} label="Вход…" /> : <SignIn onSubmit={(t) => void signIn(t)} error={signInError} busy={checking} />}
        </main>
      </div>
    );
  }

  const coordinator = ctx.session.role === 'coordinator';
  const tabs = coordinator ? COORDINATOR_TABS : MUNICIPALITY_TABS;
  const page = route.page === 'm' ? 'municipalities' : route.page;
  return (
    <ApiContext.Provider value={ctx.api}>
      <Portal.Provider value={ctx}>
        <div className={s.shell}>
          <header className={s.header}>
            <h1 className={s.brand}>Svod</h1>
            <span className={s.who} data-testid="who">
              {ctx.region.name} · {coordinator ? 'координатор' : ctx.session.municipality?.name}
            </span>
            <Button appearance="subtle" icon={<SignOut20Regular />} onClick={signOut}>
              Выйти
            </Button>
          </header>
          <nav className={s.nav} aria-label="Разделы портала">
            <TabList selectedValue={page} size={narrow ? 'small' : 'medium'} onTabSelect={(_e, d) => go(String(d.value))}>
              {tabs.map(([id, title]) => (
                <Tab key={id} value={id} data-tab={id}>
                  {title}
                </Tab>
              ))}
            </TabList>
          </nav>
          <main className={s.main} id="main">
            <Page route={route} coordinator={coordinator} />
          </main>
        </div>
      </Portal.Provider>
    </ApiContext.Provider>
  );
}

function Page({ route, coordinator }: { route: Route; coordinator: boolean }) {
  if (coordinator) {
    if (route.page === 'm' && route.arg) return <MunicipalityPage municipalityId={route.arg} />;
    if (route.page === 'municipalities') return <Municipalities />;
    if (route.page === 'template') return <Template />;
    if (route.page === 'indicators') return <Indicators />;
    return <Collect />;
  }
  if (route.page === 'versions') return <MunicipalityPage municipalityId={null} />;
  return <Submit />;
}
