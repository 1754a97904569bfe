import request from 'supertest';
import { GoogleGateway, googleSettingsFromEnv } from '../../src/google/client';
import { pullRound, SCHEDULE_ACTOR } from '../../src/google/schedule';
import { createLogger } from '../../src/http/log';
import { addMunicipality, bearer, COORDINATOR, REGION, auditLog } from '../helpers';
import { emptySheet, type FakeSpreadsheet } from './fake-google';
import { googleHarness, SERVICE_ACCOUNT, spreadsheetId, type GoogleHarness } from './support';

function roadmap(id: string, result = 'Протокол совещания'): FakeSpreadsheet {
  const sheet = emptySheet(3, 'План', 0);
  const rows = [
    ['План мероприятий на 2025-2026 годы'],
    [],
    ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Результат'],
    ['1', 'Совещание с руководителями школ', 'до 15.03.2025', 'Управление образования', result],
  ];
  rows.forEach((row, r) => row.forEach((v, c) => sheet.cells.set(`${r},${c}`, { value: { stringValue: v } })));
  return { spreadsheetId: id, title: `Дорожная карта ${id.slice(0, 4)}`, sheets: [sheet], readers: new Set([SERVICE_ACCOUNT]), editors: new Set() };
}

describe('scheduled pulls (SVOD_GOOGLE_PULL_MINUTES)', () => {
  let h: GoogleHarness;
  const log = createLogger('silent');
  beforeEach(async () => {
    h = await googleHarness();
    for (const [id, n] of [['lazo', 30], ['kirov', 31]] as const) {
      await addMunicipality(h.server.app, id, id);
      await request(h.server.app).put(`/api/v1/municipalities/${id}/google-sheet`).set(bearer(COORDINATOR)).send({ spreadsheet: spreadsheetId(n) }).expect(200);
    }
    await addMunicipality(h.server.app, 'no-sheet', 'Без таблицы');
  });
  afterEach(async () => {
    await h.close();
  });

  it('pulls every registered spreadsheet; an unchanged one adds no version; one that fails does not stop the others', async () => {
    h.google.add(roadmap(spreadsheetId(30)));
    const gateway = new GoogleGateway(h.settings);
    const first = await pullRound(h.server.store, REGION, gateway, h.server.now.value, log);
    expect(first.pulled).toEqual([{ municipalityId: 'lazo', version: 1, created: true }]);
    expect(first.failed).toEqual([{ municipalityId: 'kirov', code: 'google-not-found', message: expect.stringMatching(/не найдена/) }]);

    const second = await pullRound(h.server.store, REGION, gateway, h.server.now.value, log);
    expect(second.pulled).toEqual([{ municipalityId: 'lazo', version: 1, created: false }]);
    expect(await h.server.store.submissions(REGION, 'lazo')).toHaveLength(1);

    h.google.spreadsheets.get(spreadsheetId(30))!.sheets[0]!.cells.set('3,4', { value: { stringValue: 'Протокол и план работы' } });
    const third = await pullRound(h.server.store, REGION, gateway, h.server.now.value, log);
    expect(third.pulled).toEqual([{ municipalityId: 'lazo', version: 2, created: true }]);
    // The audit says who pulled: the schedule, not the municipality.
    const audit = await auditLog(h.server);
    const submissions = audit.filter((e) => e.action === 'submission');
    expect(submissions.map((e) => [e.actor, e.details?.source])).toEqual([
      [SCHEDULE_ACTOR, 'google-sheets'],
      [SCHEDULE_ACTOR, 'google-sheets'],
    ]);
  });

  it('stops after the end of the deadline day on the region clock', async () => {
    h.google.add(roadmap(spreadsheetId(30)));
    await request(h.server.app).put('/api/v1/region/deadline').set(bearer(COORDINATOR)).send({ deadline: '2026-11-20' }).expect(200);
    const gateway = new GoogleGateway(h.settings);
    // 23:30 in Moscow on the deadline day: still pulls.
    expect((await pullRound(h.server.store, REGION, gateway, new Date('2026-11-20T20:30:00Z'), log)).pulled).toHaveLength(1);
    const before = h.google.requests.length;
    // 00:30 the next day in Moscow: nothing.
    const after = await pullRound(h.server.store, REGION, gateway, new Date('2026-11-20T21:30:00Z'), log);
    expect(after).toEqual({ skipped: 'after-deadline', pulled: [], failed: [] });
    expect(h.google.requests.length).toBe(before);
  });
});

describe('googleSettingsFromEnv', () => {
  it.each([
    [{}, null],
    [{ SVOD_GOOGLE_PULL_MINUTES: '15' }, 15],
    [{ SVOD_GOOGLE_PULL_MINUTES: '0' }, null],
    [{ SVOD_GOOGLE_PULL_MINUTES: 'каждый час' }, null],
    [{ SVOD_GOOGLE_PULL_MINUTES: '0.25' }, 1],
  ])('%j → pulls every %p minutes', (env, minutes) => {
    expect(googleSettingsFromEnv(env).pullMinutes).toBe(minutes);
  });

  it('takes the key file from SVOD_GOOGLE_CREDENTIALS, and nothing when it is empty', () => {
    expect(googleSettingsFromEnv({ SVOD_GOOGLE_CREDENTIALS: '/etc/svod/google.json' }).credentialsFile).toBe('/etc/svod/google.json');
    expect(googleSettingsFromEnv({ SVOD_GOOGLE_CREDENTIALS: ' ' }).credentialsFile).toBeNull();
  });
});
