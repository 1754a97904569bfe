/**
 * The menu, the sidebar page, the user's settings and Автопроверка's polling: what happens on Google's side when the
 * document opens or the menu is used, and how the sidebar learns of edits without edit events.
 */
import { BOOT_PLACEHOLDER } from '../../gsheets/server/ui';
import * as server from '../../gsheets/server/main';
import { userSettings } from '../../gsheets/sidebar/bridge';
import { remoteErrorText } from '../../gsheets/sidebar/gas';
import { createSheetsPort } from '../../gsheets/sidebar/sheets-port';
import { setupSheets, uninstall } from './helpers';

afterEach(uninstall);

const PAGE = '<html><head><script>window.__svodBoot = "__SVOD_BOOT__";</script></head><body><script>/* bundle */</script></body></html>';

describe('menu and sidebar', () => {
  test('onOpen adds the «Svod» menu with its three items', () => {
    const s = setupSheets([{ name: 'Лист' }]);
    server.onOpen();
    expect(s.book.menus).toEqual([
      {
        name: 'Svod',
        items: [
          ['Проверить лист', 'svodMenuCheck'],
          ['Вставить шаблон', 'svodMenuTemplate'],
          ['Отправить в регион', 'svodMenuSend'],
        ],
      },
    ]);
  });

  test('each menu item opens the 300 px «Svod» sidebar on its tab, with the user\'s settings in the page', () => {
    const s = setupSheets([{ name: 'Лист' }]);
    s.book.htmlFiles.Sidebar = PAGE;
    s.book.userProperties.values.set('svod.municipalityToken', 'svod_token</script>');
    s.book.userProperties.values.set('svod.other', 'не наша');
    for (const [fn, tab] of [
      [server.svodMenuCheck, 'check'],
      [server.svodMenuTemplate, 'template'],
      [server.svodMenuSend, 'send'],
    ] as const) {
      fn();
      expect(s.book.sidebar!.title).toBe('Svod');
      expect(s.book.sidebar!.width).toBe(300);
      const html = s.book.sidebar!.getContent();
      expect(html).not.toContain(BOOT_PLACEHOLDER);
      // The token cannot close the script element it sits in.
      expect(html).not.toContain('svod_token</script>');
      const json = /window\.__svodBoot = (.*);<\/script>/.exec(html)![1]!;
      expect(JSON.parse(json)).toEqual({ tab, settings: { municipalityToken: 'svod_token</script>' }, serverUrl: 'https://svod.example.ru/' });
    }
  });

  test('settings go to the user\'s properties, never the document\'s; unknown keys are refused', async () => {
    const s = setupSheets([{ name: 'Лист' }]);
    const settings = userSettings(s.remote, { serverUrl: 'https://svod.example.ru' }, 0);
    expect(settings.get('serverUrl')).toBe('https://svod.example.ru');
    settings.set('municipalityToken', 'svod_abc');
    settings.set('autoCheck', '1');
    await new Promise((r) => setTimeout(r, 0));
    expect(Object.fromEntries(s.book.userProperties.values)).toEqual({ 'svod.municipalityToken': 'svod_abc', 'svod.autoCheck': '1' });
    settings.set('autoCheck', null);
    await new Promise((r) => setTimeout(r, 0));
    expect(s.book.userProperties.values.has('svod.autoCheck')).toBe(false);
    expect(s.book.documentProperties.values.size).toBe(0);
    expect(() => server.svodSaveSetting('scriptId', 'x')).toThrow(/Такой настройки/);
  });

  test('a value typed key by key is saved once, when typing stops (or when the sidebar is hidden)', async () => {
    const s = setupSheets([{ name: 'Лист' }]);
    const settings = userSettings(s.remote, {}, 30);
    for (const prefix of ['h', 'ht', 'htt', 'https://svod.region.example']) settings.set('serverUrl', prefix);
    expect(settings.get('serverUrl')).toBe('https://svod.region.example');
    await new Promise((r) => setTimeout(r, 80));
    expect(s.runs).toEqual(['svodSaveSetting']);
    expect(s.book.userProperties.values.get('svod.serverUrl')).toBe('https://svod.region.example');
    settings.set('municipalityToken', 'svod_a');
    settings.set('municipalityToken', 'svod_ab');
    settings.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.runs).toEqual(['svodSaveSetting', 'svodSaveSetting']);
    expect(s.book.userProperties.values.get('svod.municipalityToken')).toBe('svod_ab');
  });
});

describe('Автопроверка by polling', () => {
  test('a person\'s edit is heard at the next poll; the pane\'s own fixes and moves are not', async () => {
    let tick: () => void = () => undefined;
    const timers = { setInterval: ((fn: () => void) => ((tick = fn), 1)) as unknown as typeof setInterval, clearInterval: (() => undefined) as typeof clearInterval };
    const s = setupSheets([{ name: 'Лист', rows: [['a', 'b']] }, { name: 'Другой', rows: [['c']] }]);
    const port = createSheetsPort(s.remote, { timers, hidden: () => false });
    let heard = 0;
    await port.onChange(() => heard++);
    await port.readSheets('active');
    const poll = async () => {
      tick();
      await new Promise((r) => setTimeout(r, 0));
    };
    await poll();
    expect(heard).toBe(0);
    // Someone types into the sheet.
    s.book.sheet('Лист').at(0, 2).value = 'новое';
    await poll();
    expect(heard).toBe(1);
    await poll();
    expect(heard).toBe(1);
    // The pane's own fix: not a change to re-check for (the pane re-checks after a fix itself).
    await port.applyEdits([{ sheet: 'Лист', cell: 'A1', value: 'z' }]);
    await poll();
    expect(heard).toBe(1);
    // Another sheet made active by the person: a change.
    s.book.active = s.book.sheet('Другой');
    await poll();
    expect(heard).toBe(2);
    const before = s.runs.length;
    await poll();
    expect(s.runs.slice(before)).toEqual(['svodFingerprint']);
  });

  test('no polling while the sidebar is hidden', async () => {
    let tick: () => void = () => undefined;
    const timers = { setInterval: ((fn: () => void) => ((tick = fn), 1)) as unknown as typeof setInterval, clearInterval: (() => undefined) as typeof clearInterval };
    const s = setupSheets([{ name: 'Лист', rows: [['a']] }]);
    const port = createSheetsPort(s.remote, { timers, hidden: () => true });
    await port.onChange(() => undefined);
    tick();
    await new Promise((r) => setTimeout(r, 0));
    expect(s.runs).toEqual([]);
  });
});

describe('failed google.script.run calls in Russian', () => {
  test('our server\'s Russian message stays; Google\'s English becomes what to do', () => {
    expect(remoteErrorText(new Error('Exception: Лист «X» не найден: его переименовали или удалили.'))).toBe('Лист «X» не найден: его переименовали или удалили.');
    expect(remoteErrorText(new Error('ScriptError: Authorization is required to perform that action.'))).toMatch(/разрешение/);
    expect(remoteErrorText(new Error('Exceeded maximum execution time'))).toMatch(/не успели/);
    expect(remoteErrorText(new Error('NetworkError: Connection failure due to HTTP 0'))).toMatch(/^Google Таблицы не ответили/);
  });
});
