import { check, rules, type Diagnostic } from '../src';
import { diagnosticGroups, groupCellsText, groupCountText, groupDiagnostics, groupMessage, type GroupingRule } from '../src/engine/group';

const RULES: GroupingRule[] = [
  { meta: { id: 'late', messages: { before: 'Срок «{{deadline}}» истёк до утверждения документа ({{approval}}).' } } },
  { meta: { id: 'spaces', messages: { end: 'Пробел в конце текста (после «{{before}}»).', double: 'Двойной пробел после «{{before}}».' } } },
];

function d(cell: string, over: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId: 'spaces', severity: 'info', sheet: 'План', table: 'A5:E84', cell, messageId: 'end', data: { before: cell }, message: `Пробел в конце текста (после «${cell}»).`, ...over };
}

describe('groupDiagnostics', () => {
  it('leaves fewer than four alike as they are, in order', () => {
    const list = [d('B1'), d('B2'), d('B3')];
    expect(groupDiagnostics(list, { rules: RULES })).toEqual(list.map((diagnostic, index) => ({ kind: 'single', diagnostic, index })));
  });

  it('folds four or more of one rule and message id in one table into one group where the first stood', () => {
    const other = d('A1', { ruleId: 'late', severity: 'warning', messageId: 'before', data: { deadline: 'Январь', approval: '13.03.2023' }, message: 'Срок «Январь» истёк до утверждения документа (13.03.2023).' });
    const list = [other, d('E10'), d('E11'), d('B12'), d('C13'), d('C16'), d('C20'), d('C21')];
    const items = groupDiagnostics(list, { rules: RULES });
    expect(items.map((i) => i.kind)).toEqual(['single', 'group']);
    const group = items[1]!.kind === 'group' ? items[1]!.group : null;
    expect(group).toEqual({
      ruleId: 'spaces',
      messageId: 'end',
      severity: 'info',
      sheet: 'План',
      table: 'A5:E84',
      count: 7,
      cellCount: 7,
      cells: ['E10', 'E11', 'B12', 'C13', 'C16'],
      message: 'Пробел в конце текста (после «…»).',
      indices: [1, 2, 3, 4, 5, 6, 7],
    });
    expect(groupCellsText(group!)).toBe('E10, E11, B12, C13, C16 и ещё 2');
    expect(groupCountText(group!)).toBe('7 ячеек');
  });

  it('keeps what the members share in the summary: the approval date, not the deadlines', () => {
    const late = (cell: string, deadline: string) =>
      d(cell, { ruleId: 'late', severity: 'warning', messageId: 'before', data: { deadline, approval: '13.03.2023' }, message: `Срок «${deadline}» истёк до утверждения документа (13.03.2023).` });
    const [item] = groupDiagnostics([late('B10', 'До 15 февраля 2023 г.'), late('B12', 'Январь 2023 г.'), late('B24', 'Январь 2023 г.'), late('B28', 'Февраль 2023 г.')], { rules: RULES });
    expect(item!.kind === 'group' && item!.group.message).toBe('Срок «…» истёк до утверждения документа (13.03.2023).');
  });

  it('does not mix message ids, severities, tables or sheets', () => {
    const four = (over: Partial<Diagnostic>) => ['A1', 'A2', 'A3', 'A4'].map((c) => d(c, over));
    const list = [...four({}), ...four({ messageId: 'double', message: 'Двойной пробел после «x».' }), ...four({ severity: 'warning' }), ...four({ table: 'A90:E99' }), ...four({ sheet: 'Паспорт' })];
    const groups = diagnosticGroups(list, { rules: RULES });
    expect(groups.map((g) => [g.messageId, g.severity, g.sheet, g.table, g.count])).toEqual([
      ['end', 'info', 'План', 'A5:E84', 4],
      ['double', 'info', 'План', 'A5:E84', 4],
      ['end', 'warning', 'План', 'A5:E84', 4],
      ['end', 'info', 'План', 'A90:E99', 4],
      ['end', 'info', 'Паспорт', 'A5:E84', 4],
    ]);
  });

  it('groups findings outside any table by sheet; the group then has no table', () => {
    const list = ['A1', 'A2', 'A3', 'A4'].map((c) => {
      const { table: _table, ...outside } = d(c);
      return outside;
    });
    const [group] = diagnosticGroups(list, { rules: RULES });
    expect(group).not.toHaveProperty('table');
    expect(group!.count).toBe(4);
  });

  it('drops nothing: singles and every group member are the list, and indices point at the exact messages', () => {
    const list = [d('A1'), d('A2', { ruleId: 'late', messageId: 'before' }), d('A3'), d('A4'), d('A5'), d('A6', { ruleId: 'late', messageId: 'before' })];
    const items = groupDiagnostics(list, { rules: RULES });
    const seen = items.flatMap((i) => (i.kind === 'single' ? [i.index] : i.group.indices)).sort((a, b) => a - b);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    for (const i of items) if (i.kind === 'group') expect(i.group.indices.map((k) => list[k]!.message)).toEqual(i.diagnostics.map((m) => m.message));
  });

  it('uses the common message when all say the same, and the first one without the rule catalogue', () => {
    const same = ['A1', 'A2', 'A3', 'A4'].map((c) => d(c, { ruleId: 'result-missing', messageId: 'missing', message: 'Не указан ожидаемый результат.', data: {} }));
    expect(diagnosticGroups(same)[0]!.message).toBe('Не указан ожидаемый результат.');
    expect(diagnosticGroups([d('A1'), d('A2'), d('A3'), d('A4')])[0]!.message).toBe('Пробел в конце текста (после «A1»).');
  });

  it('counts repeated cells once and says «раз» then', () => {
    const [group] = diagnosticGroups([d('A1'), d('A1'), d('A2'), d('A2')], { rules: RULES });
    expect(group!.cells).toEqual(['A1', 'A2']);
    expect(groupCountText(group!)).toBe('4 раза');
    expect(groupCellsText(group!)).toBe('A1, A2');
  });

  it('honours min and show, and never folds a single finding', () => {
    const list = [d('A1'), d('A2')];
    expect(diagnosticGroups(list, { min: 2, show: 1 })[0]).toMatchObject({ count: 2, cells: ['A1'] });
    expect(diagnosticGroups([d('A1')], { min: 1 })).toEqual([]);
  });

  it('does not change its input', () => {
    const list = Object.freeze([d('A1'), d('A2'), d('A3'), d('A4')].map((x) => Object.freeze(x)));
    expect(() => groupDiagnostics(list, { rules: RULES })).not.toThrow();
  });

  it('folds a real check: a roadmap with spaces at the ends of many results', () => {
    const rows = [
      ['План мероприятий на 2023-2024 годы'],
      [],
      ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'],
      ...[1, 2, 3, 4, 5, 6].map((n) => [`${n}.`, `Семинар ${n}`, 'март 2023 г.', 'УО', `протокол ${n} `]),
    ];
    const report = check({ sheets: [{ name: 'План', rows, merges: [] }] });
    const list = report.sheets[0]!.diagnostics.filter((x) => x.ruleId === 'text-whitespace');
    expect(list).toHaveLength(6);
    const [group] = diagnosticGroups(list, { rules });
    expect(group).toMatchObject({ ruleId: 'text-whitespace', messageId: 'trailingSpace', count: 6, cells: ['E4', 'E5', 'E6', 'E7', 'E8'], message: 'Пробел в конце текста (после «…»).' });
  });
});

describe('groupMessage', () => {
  it('fills a placeholder the members share and marks the others', () => {
    const template = 'Срок «{{deadline}}» истёк до утверждения документа ({{approval}}).';
    const members = [
      d('A1', { data: { deadline: 'Январь', approval: '13.03.2023' }, message: 'x' }),
      d('A2', { data: { deadline: 'Февраль', approval: '13.03.2023' }, message: 'y' }),
    ];
    expect(groupMessage(members, template)).toBe('Срок «…» истёк до утверждения документа (13.03.2023).');
    expect(groupMessage([d('A1', { data: {}, message: 'x' }), d('A2', { message: 'y' })], template)).toBe('Срок «…» истёк до утверждения документа.');
  });
});

describe('groupMessage: what differs', () => {
  it('drops a differing detail in brackets or after a colon, keeps a differing name as «…»', () => {
    const members = [d('A1', { data: { count: 2, list: 'a' }, message: 'x' }), d('A2', { data: { count: 3, list: 'b' }, message: 'y' })];
    expect(groupMessage(members, 'Лишние пробелы в нескольких местах ({{count}}): {{list}}.')).toBe('Лишние пробелы в нескольких местах.');
    expect(groupMessage(members, 'Несколько пробелов подряд ({{count}}) после «{{list}}».')).toBe('Несколько пробелов подряд после «…».');
  });
});

describe('the wire form (contracts: diagnosticGroup)', () => {
  it('a group parses back equal through JSON, and a receipt carries groups as an optional list', async () => {
    const { diagnosticGroup, submissionReceipt } = await import('../src/contracts');
    const [group] = diagnosticGroups([d('A1'), d('A2'), d('A3'), d('A4')], { rules: RULES });
    expect(diagnosticGroup.parse(JSON.parse(JSON.stringify(group)))).toEqual(group);
    expect(diagnosticGroup.safeParse({ ...group, count: 1 }).success).toBe(false);
    const receipt = {
      id: '00000000-0000-4000-8000-000000000000',
      municipalityId: 'm',
      version: 1,
      submittedAt: '2026-12-02T07:00:00.000Z',
      status: 'accepted',
      kind: 'json',
      fileName: null,
      summary: { errors: 0, warnings: 0, infos: 4 },
      indicators: null,
      diagnostics: [d('A1'), d('A2'), d('A3'), d('A4')],
      duplicate: false,
    };
    expect(submissionReceipt.parse(receipt)).not.toHaveProperty('groups');
    expect(submissionReceipt.parse({ ...receipt, groups: [group] }).groups).toEqual([group]);
  });
});

describe('groupMessage: an ellipsis at the end of a sentence', () => {
  it('takes no second point', () => {
    const members = [d('A1', { data: { name: 'а', suggestion: '«б»' }, message: 'x' }), d('A2', { data: { name: 'в', suggestion: '«г»' }, message: 'y' })];
    expect(groupMessage(members, 'Показателя «{{name}}» нет в региональном шаблоне; возможно, имелся в виду {{suggestion}}. В свод он войдёт, когда координатор подтвердит соответствие.')).toBe(
      'Показателя «…» нет в региональном шаблоне; возможно, имелся в виду … В свод он войдёт, когда координатор подтвердит соответствие.',
    );
  });
});

describe('groupMessage: a few short names', () => {
  const markup = (tag: string) => d('A1', { data: { markup: tag }, message: tag });
  const template = 'В тексте остались следы вставки из Word/HTML: «{{markup}}».';
  it('names up to three short quoted values, in order of appearance', () => {
    expect(groupMessage([markup('<p>'), markup('<i>'), markup('<p>'), markup('<i>')], template)).toBe('В тексте остались следы вставки из Word/HTML: «<p>», «<i>».');
  });
  it('says «…» for more than three, or for long ones', () => {
    expect(groupMessage(['<p>', '<i>', '<b>', '<u>'].map(markup), template)).toBe('В тексте остались следы вставки из Word/HTML: «…».');
    expect(groupMessage([markup('<p>'), markup('a'.repeat(25))], template)).toBe('В тексте остались следы вставки из Word/HTML: «…».');
  });
});
