import { defineRule } from '../../engine/rule';
import { formatMessage, plural } from '../../engine/messages';
import { isCollapsed } from '../../text/normalize';

/**
 * Trims each line, folds runs of spaces, drops empty lines: what a careful typist would have left. A lone non-breaking
 * space stays: Word puts one after «и», «в», «№» on purpose, and it is typography, not a stray space.
 */
const UNTIDY = /[\u00A0\t\r]| {2}|^\s|\s$|\s\n|\n\s/;

export function tidyWhitespace(text: string): string {
  // Single spaces only and none at the ends (the usual cell): nothing to tidy, and the scan beats the regex.
  if (isCollapsed(text) || !UNTIDY.test(text)) return text;
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u00A0\t ]{2,}|\t/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .join('\n');
}

const MESSAGES = {
  leadingSpace: 'Пробел в начале текста (перед «{{after}}»).',
  trailingSpace: 'Пробел в конце текста (после «{{before}}»).',
  leadingBreak: 'Пустая строка в начале текста (перед «{{after}}»).',
  trailingBreak: 'Пустая строка в конце текста (после «{{before}}»).',
  emptyLine: 'Пустая строка внутри текста (после «{{before}}»).',
  lineStart: 'Пробел в начале строки (перед «{{after}}»).',
  lineEnd: 'Пробел перед переносом строки (после «{{before}}»).',
  doubleSpace: 'Двойной пробел после «{{before}}».',
  spaceRun: 'Несколько пробелов подряд ({{count}}) после «{{before}}».',
  tab: 'Знак табуляции после «{{before}}».',
  carriageReturn: 'Перенос строки с лишним символом возврата каретки (CR) после «{{before}}».',
  onlySpaces: 'В ячейке одни пробелы, без текста.',
  several: 'Лишние пробелы в нескольких местах ({{count}}): {{list}}.',
  // Kept for a difference the scan below cannot name; tidyWhitespace and the scan agree on every case the tests know.
  whitespace: 'Лишние пробелы или пустые строки в тексте.',
} as const;

type IssueId = Exclude<keyof typeof MESSAGES, 'several' | 'whitespace'>;

export interface WhitespaceIssue {
  messageId: IssueId;
  data: Record<string, string | number>;
}

/** About a few words either side: enough to find the place in a long cell, short enough for one line. */
const CONTEXT = 20;

function squeeze(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** The end of the text before a place, cut at a word boundary: «…района имени Лазо». */
function tail(text: string): string {
  const s = squeeze(text);
  if (s.length <= CONTEXT) return s;
  let cut = s.slice(-CONTEXT);
  const space = cut.indexOf(' ');
  if (space >= 0 && space < cut.length - 1) cut = cut.slice(space + 1);
  return `…${cut}`;
}

/** The start of the text after a place, cut at a word boundary: «1. Трек 1. Адресная…». */
function head(text: string): string {
  const s = squeeze(text);
  if (s.length <= CONTEXT) return s;
  let cut = s.slice(0, CONTEXT);
  const space = cut.lastIndexOf(' ');
  if (space > 0) cut = cut.slice(0, space);
  return `${cut}…`;
}

const INNER_RUN = /[\t \u00A0]+/g;

/**
 * Every place where `tidyWhitespace` would change the text, in reading order, each named with a few words around it:
 * what the official is told, so «лишние пробелы» never leaves them hunting for the space.
 */
export function whitespaceIssues(text: string): WhitespaceIssue[] {
  const issues: WhitespaceIssue[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  const breaks = text.match(/\r\n|\r|\n/g) ?? [];
  const filled = lines.map((line) => line.trim() !== '');
  const first = filled.indexOf(true);
  const last = filled.lastIndexOf(true);
  if (first < 0) return text === '' ? [] : [{ messageId: 'onlySpaces', data: {} }];
  if (first > 0) issues.push({ messageId: 'leadingBreak', data: { after: head(lines[first]!) } });
  let previous = '';
  for (let i = first; i <= last; i++) {
    const line = lines[i]!;
    if (!filled[i]) {
      // One report per run of empty lines: «after» names the text they follow.
      if (filled[i - 1]) issues.push({ messageId: 'emptyLine', data: { before: tail(previous) } });
      continue;
    }
    const lead = /^\s+/.exec(line)?.[0].length ?? 0;
    const trail = /\s+$/.exec(line)?.[0].length ?? 0;
    const body = line.slice(lead, line.length - trail);
    if (lead > 0) issues.push({ messageId: i === first ? 'leadingSpace' : 'lineStart', data: { after: head(body) } });
    for (const run of body.matchAll(INNER_RUN)) {
      const before = { before: tail(body.slice(0, run.index)) };
      const spaces = run[0];
      if (spaces.includes('\t')) issues.push({ messageId: 'tab', data: before });
      else if (spaces.length === 2) issues.push({ messageId: 'doubleSpace', data: before });
      else if (spaces.length > 2) issues.push({ messageId: 'spaceRun', data: { count: spaces.length, ...before } });
    }
    if (trail > 0) issues.push({ messageId: i === last ? 'trailingSpace' : 'lineEnd', data: { before: tail(body) } });
    // A Windows line end (CR LF) or a lone CR after this line, when another line follows.
    if (i < last && breaks[i] !== '\n') issues.push({ messageId: 'carriageReturn', data: { before: tail(body) } });
    previous = body;
  }
  if (last < lines.length - 1) issues.push({ messageId: 'trailingBreak', data: { before: tail(lines[last]!) } });
  return issues;
}

/** «двойной пробел после «МБОУ»»: an issue's sentence as a part of a list. */
function fragment(issue: WhitespaceIssue): string {
  const sentence = formatMessage(MESSAGES[issue.messageId], issue.data).replace(/\.$/, '');
  return sentence.charAt(0).toLowerCase() + sentence.slice(1);
}

/** At most this many places are spelled out in one message; the rest are counted. */
const LISTED = 3;

function describe(issues: WhitespaceIssue[]): { messageId: keyof typeof MESSAGES; data?: Record<string, string | number> } {
  if (issues.length === 0) return { messageId: 'whitespace' };
  if (issues.length === 1) return issues[0]!;
  const listed = issues.slice(0, LISTED).map(fragment);
  const rest = issues.length - listed.length;
  const list = rest > 0 ? `${listed.join('; ')}; и ещё ${plural(rest, ['место', 'места', 'мест'])}` : listed.join('; ');
  return { messageId: 'several', data: { count: issues.length, list } };
}

export default defineRule({
  meta: {
    id: 'text-whitespace',
    kind: 'any',
    defaultSeverity: 'info',
    description: 'Лишние пробелы: в начале или конце ячейки, двойные пробелы, пустые строки внутри ячейки.',
    howToFix: 'Уберите пробелы в начале и в конце текста, двойные пробелы и пустые строки внутри ячейки.',
    fixable: 'safe',
    messages: MESSAGES,
  },
  create: ({ facts, report }) => ({
    text({ cell, text, inTitle }) {
      // The facts hold every cell's collapsed text: the same string means it is collapsed already, so tidy.
      if (inTitle || facts.text(cell.row, cell.col) === text) return;
      const tidy = tidyWhitespace(text);
      if (tidy === text) return;
      report({ ...describe(whitespaceIssues(text)), cell, fix: { description: 'Убрать лишние пробелы', edits: [{ cell, value: tidy === '' ? null : tidy }] } });
    },
  }),
});
