/** The answer's `groups` (#11): repeated findings folded, the exact ones still in `diagnostics`, in the contract's shape. */
import request from 'supertest';
import { check, diagnosticGroup, submissionDetails, submissionReceipt, type Diagnostic } from '@svod/shared';
import { answerGroups, checkSubmission } from '../src/services/check-submission';
import { addMunicipality, bearer, roadmapJson, testServer } from './helpers';

const rows = [
  ['План мероприятий на 2023-2024 годы'],
  [],
  ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
  ...[1, 2, 3, 4, 5].map((n) => [`${n}.`, `Семинар ${n}`, 'март 2023 г.', 'Управление образования', '']),
  ['6.', 'Совещание  директоров', 'апрель 2023 г.', 'Управление образования', 'Протокол'],
];
const workbook = { sheets: [{ name: 'План', rows, merges: [] }] };

describe('answerGroups', () => {
  it('folds five missing results into one group whose indices point at them in the stored list', () => {
    const stored = JSON.parse(checkSubmission(workbook, {}).diagnosticsJson) as Diagnostic[];
    const groups = answerGroups(stored);
    const missing = stored.filter((d) => d.ruleId === 'result-missing');
    expect(missing).toHaveLength(5);
    const group = groups.find((g) => g.ruleId === 'result-missing');
    expect(group).toMatchObject({ severity: 'warning', sheet: 'План', count: 5, cells: ['E4', 'E5', 'E6', 'E7', 'E8'], message: 'Не указан ожидаемый результат.' });
    expect(group!.indices.map((i) => stored[i])).toEqual(missing);
    for (const g of groups) expect(diagnosticGroup.parse(JSON.parse(JSON.stringify(g)))).toEqual(g);
  });

  it('leaves a finding that is not repeated out of the groups', () => {
    const all = check(workbook).sheets[0]!.diagnostics;
    expect(all.some((d) => d.ruleId === 'text-whitespace')).toBe(true);
    expect(answerGroups(all).map((g) => g.ruleId)).not.toContain('text-whitespace');
  });
});

describe('the answers of POST and GET /api/v1/submissions', () => {
  it('carry the groups, with indices into the answer’s own diagnostics', async () => {
    const s = await testServer();
    try {
      const token = await addMunicipality(s.app, 'alpha', 'Альфинский район');
      const items = [1, 2, 3, 4, 5].map((n) => [`${n}.`, `Проведение семинара ${n}`, 'март 2025 г.', 'Управление образования', '']);
      const sent = await request(s.app).post('/api/v1/submissions').set(bearer(token)).set('Content-Type', 'application/json').send(roadmapJson(items)).expect(201);
      const receipt = submissionReceipt.parse(sent.body);
      const group = receipt.groups!.find((g) => g.ruleId === 'result-missing')!;
      expect(group).toMatchObject({ count: 5, message: 'Не указан ожидаемый результат.' });
      expect(group.indices.map((i) => receipt.diagnostics[i]!.ruleId)).toEqual(Array(5).fill('result-missing'));
      const read = submissionDetails.parse((await request(s.app).get(`/api/v1/submissions/${receipt.id}`).set(bearer(token)).expect(200)).body);
      expect(read.groups).toEqual(receipt.groups);
    } finally {
      await s.close();
    }
  });
});
