/** The findings list in its two hosts: the pane (cells to go to, fixes) and the portal (`actions={false}`). */
import * as React from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { allDiagnostics, check, type GridWorkbook } from '@svod/shared';
import { DiagnosticList, type DiagnosticListProps } from '../../src/components/DiagnosticList';
import { groupByRule, mergeDiagnostics } from '../../src/state/diagnostics';

const HEADER = ['№ п/п', 'Мероприятие', 'Срок реализации', 'Исполнитель', 'Ожидаемый результат'];

/** Six results with a space at the end (a fold, each with a safe fix) and one activity with a doubled space. */
function roadmap(): GridWorkbook {
  return {
    sheets: [
      {
        name: 'План',
        rows: [
          ['План мероприятий на 2023-2024 годы'],
          [],
          HEADER,
          ...[1, 2, 3, 4, 5, 6].map((n) => [`${n}.`, n === 3 ? 'Проведение  семинара' : `Проведение семинара ${n}`, 'март 2023 г.', 'Управление образования', `Протокол ${n} `]),
        ],
      },
    ],
  };
}

// The root jest config compiles JSX the classic way (React.createElement), the bundles the automatic way.
Object.assign(globalThis, { React });

const groups = groupByRule(mergeDiagnostics(allDiagnostics(check(roadmap())))).filter((g) => g.ruleId === 'text-whitespace');

function render(props: Partial<DiagnosticListProps>): string {
  return renderToStaticMarkup(React.createElement(DiagnosticList, { groups, withSheet: false, ...props }));
}

/** The text a reader sees (tags dropped), and the buttons' and titles' texts. */
const visible = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
const buttons = (html: string) => [...html.matchAll(/<button\b[^>]*>(.*?)<\/button>/gs)].map((m) => visible(m[1]!).trim());
const titles = (html: string) => [...html.matchAll(/\btitle="([^"]*)"/g)].map((m) => m[1]!);

describe('DiagnosticList', () => {
  it('has the group under test: a fold of six and a single row, all with safe fixes', () => {
    expect(groups).toHaveLength(1);
    expect(groups[0]!.entries.map((e) => e.kind)).toEqual(['fold', 'single']);
    expect(groups[0]!.safeFixes).toBe(7);
  });

  it('in the pane: cells are buttons that go to them, fixes are buttons, the rule id is under the title', () => {
    const html = render({ onSelect: () => undefined, onFix: () => undefined, onFixRule: () => undefined });
    expect(buttons(html)).toEqual(expect.arrayContaining(['Исправить все (7)', 'E4', 'E8', 'Исправить']));
    expect(titles(html)).toEqual(expect.arrayContaining(['Перейти к ячейке B6']));
    expect(titles(html).filter((t) => t.startsWith('Перейти к ячейке E'))).toHaveLength(5);
    expect(visible(html)).toContain('text-whitespace');
  });

  it('in the portal: no «Исправить», no «Перейти к ячейке», cells as text, the rule id only as the title tooltip', () => {
    const html = render({ actions: false, showRuleId: false });
    const text = visible(html);
    // The buttons left open things in place (the fold, the whole group); nothing navigates or edits.
    expect(buttons(html)).toEqual(['6 ячеек: Пробел в конце текста (после «…»).', 'Показать все (7)']);
    expect(text).not.toMatch(/Исправить/);
    expect(html).not.toMatch(/Перейти к ячейке/);
    expect(html).toMatch(/<span[^>]*>B6<\/span>/);
    expect(text).toContain('Двойной пробел после «Проведение».');
    for (const cell of ['E4', 'E5', 'E6', 'E7', 'E8']) expect(html).toMatch(new RegExp(`<span[^>]*data-chip="План!${cell}"[^>]*>${cell}</span>`));
    expect(text).not.toContain('text-whitespace');
    expect(titles(html)).toContain('Правило text-whitespace');
    // «Как исправить» is advice, not a button: it stays.
    expect(text).toContain('Как исправить:');
  });
});
