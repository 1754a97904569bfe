/**
 * The coordinator's dashboard: who has submitted, who is late, who is wrong, which version of each is in the Свод.
 * Talks to /api/v1 with the coordinator token kept in this tab's sessionStorage only. No framework: one table and one
 * details panel. Every time is shown on the region's clock, with its name, never the browser's.
 */
import { endOfDay, formatDateTime } from '../../shared/src/merge/time';
// The answers' shapes are the core's contracts (the server validates and documents with them); types only, so the
// dashboard's script stays a few kilobytes.
import type { ApiErrorBody, RegionStatus, SubmissionDetails, SubmissionList, SubmissionSummary } from '../../shared/src/contracts';
import type { StatusRow } from '../../shared/src/merge/types';

type Submission = SubmissionSummary & Partial<Pick<SubmissionDetails, 'diagnostics'>>;

const TOKEN_KEY = 'svod.coordinatorToken';
const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const dateOnly = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
let rows: StatusRow[] = [];
/** The region's clock, from the status answer. */
let timeZone = 'Europe/Moscow';
let zone = 'МСК';
const shownTime = (iso: string) => `${formatDateTime(iso, timeZone)}`;
let selected: string | null = null;

function plural(n: number, forms: [string, string, string]): string {
  const a = Math.abs(n) % 100;
  const l = a % 10;
  return `${n} ${a > 10 && a < 20 ? forms[2] : l === 1 ? forms[0] : l >= 2 && l <= 4 ? forms[1] : forms[2]}`;
}

function severityName(severity: 'error' | 'warning' | 'info'): string {
  return severity === 'error' ? 'Ошибка' : severity === 'warning' ? 'Предупреждение' : 'Замечание';
}

class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function api(path: string): Promise<Response> {
  const token = sessionStorage.getItem(TOKEN_KEY) ?? '';
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}`, { headers: { Authorization: `Bearer ${token}` } });
  } catch {
    throw new ApiError(0, 'Сервер не отвечает. Проверьте подключение и обновите страницу.');
  }
  if (!res.ok) {
    let message = `Ошибка ${res.status}.`;
    try {
      message = ((await res.json()) as Partial<ApiErrorBody>).error?.message ?? message;
    } catch {
      /* not JSON */
    }
    throw new ApiError(res.status, message);
  }
  return res;
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** Statuses newer than dashboard.css (#12): coloured here, as the portal colours them. */
const NEW_STATUS_STYLE: Record<string, string> = {
  'возвращено на доработку': 'background: #fde3cf; color: #7a3500;',
  отключён: 'background: transparent; color: #5f6368; border: 1px solid #b0b4b9;',
};

function badge(status: string): HTMLElement {
  const node = el('span', status, `badge ${status.replace(/ /g, '-')}`);
  const style = NEW_STATUS_STYLE[status];
  if (style) node.setAttribute('style', style);
  return node;
}

/** The filter offers the statuses index.html does not list yet. */
function addStatusOptions() {
  const select = $<HTMLSelectElement>('filter');
  for (const status of Object.keys(NEW_STATUS_STYLE)) {
    if ([...select.options].some((o) => o.value === status)) continue;
    const option = document.createElement('option');
    option.value = status;
    option.textContent = status;
    select.append(option);
  }
}

function showDeadline(deadline: string | null) {
  const box = $('deadline');
  box.classList.remove('late');
  if (!deadline) {
    box.textContent = 'Срок сдачи не установлен';
    return;
  }
  const end = endOfDay(deadline, timeZone);
  const left = end - Date.now();
  const when = dateOnly.format(new Date(`${deadline}T00:00:00Z`));
  if (left < 0) {
    box.textContent = `Срок сдачи прошёл: ${when}, 23:59 (${zone})`;
    box.classList.add('late');
  } else if (left < 86_400_000) {
    box.textContent = `Срок сдачи: ${when}, до 23:59 (${zone}) — последний день`;
  } else {
    box.textContent = `Срок сдачи: ${when}, до 23:59 (${zone}) — осталось ${plural(Math.ceil(left / 86_400_000), ['день', 'дня', 'дней'])}`;
  }
}

function renderTable() {
  const filter = $<HTMLSelectElement>('filter').value;
  const body = $('status').querySelector('tbody')!;
  body.replaceChildren();
  for (const r of rows) {
    if (filter && r.status !== filter) continue;
    const tr = el('tr');
    tr.tabIndex = 0;
    if (r.municipalityId === selected) tr.classList.add('selected');
    const status = el('td');
    status.append(badge(r.status));
    tr.append(
      el('td', r.name),
      status,
      el('td', r.version === null ? '—' : String(r.version), 'num'),
      el('td', r.submittedAt ? shownTime(r.submittedAt) : '—'),
      el('td', r.version === null ? '—' : String(r.errors), 'num'),
      el('td', r.version === null ? '—' : String(r.warnings), 'num'),
      el('td', r.inSvod ? String(r.inSvod.version) : '—', 'num'),
      el('td', r.indicators ? (r.indicators.submitted ? `${r.indicators.merged} из ${r.indicators.submitted}` : 'нет') : '—', 'num'),
    );
    const open = () => void showDetails(r);
    tr.addEventListener('click', open);
    tr.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        open();
      }
    });
    body.append(tr);
  }
  const counts = $('counts');
  counts.replaceChildren();
  for (const s of ['принято', 'сдано с опозданием', 'ждёт сопоставления', 'сдано с ошибками', 'возвращено на доработку', 'не сдано', 'просрочено', 'отключён'] as const) {
    const n = rows.filter((r) => r.status === s).length;
    if (n) counts.append(el('span', `${s}: ${n}`, 'count'));
  }
  // Switched-off municipalities are not counted, as in the regional workbook («в своде N из M»).
  const counted = rows.filter((r) => r.status !== 'отключён').length;
  counts.prepend(el('span', `Муниципалитетов: ${counted}`, 'count'), el('span', `в своде: ${rows.filter((r) => r.inSvod).length} из ${counted}`, 'count'));
  $('time-head').textContent = `Сдано (${zone})`;
}

async function showDetails(row: StatusRow) {
  selected = row.municipalityId;
  renderTable();
  const panel = $('details');
  panel.hidden = false;
  $('details-title').textContent = row.name;
  $('details-note').textContent = row.note;
  const versions = $('versions').querySelector('tbody')!;
  const list = $('diagnostics');
  versions.replaceChildren();
  list.replaceChildren(el('li', 'Загрузка…'));
  try {
    const { submissions } = (await (await api(`/submissions?municipality=${encodeURIComponent(row.municipalityId)}`)).json()) as SubmissionList;
    for (const s of submissions) {
      const file = el('td');
      const link = el('button', s.fileName ?? `версия ${s.version}`, 'secondary');
      link.type = 'button';
      link.addEventListener('click', () => void download(`/submissions/${s.id}/file`, s.fileName ?? `${row.municipalityId}-v${s.version}.${s.kind}`));
      file.append(link);
      const verdict = el('td');
      verdict.append(badge(s.status === 'accepted' ? 'принято' : 'сдано с ошибками'));
      const tr = el('tr');
      versions.append(tr);
      tr.append(el('td', String(s.version), 'num'), el('td', `${shownTime(s.submittedAt)} ${zone}`), verdict, el('td', String(s.summary.errors), 'num'), el('td', String(s.summary.warnings), 'num'), file);
    }
    list.replaceChildren();
    if (!submissions.length) {
      list.append(el('li', 'Таблицы ещё не отправлялись.'));
      return;
    }
    const latest = (await (await api(`/submissions/${submissions[0]!.id}`)).json()) as Submission;
    const order = { error: 0, warning: 1, info: 2 };
    const all = latest.diagnostics ?? [];
    // The answer's groups fold repeats (one rule, one message, one table): one line each, the exact ones in a <details>.
    type Row = { severity: keyof typeof order; at: number; render(): HTMLLIElement };
    const folded = new Set<number>();
    const rowsShown: Row[] = [];
    for (const g of (latest as Partial<Pick<SubmissionDetails, 'groups'>>).groups ?? []) {
      const members = g.indices.map((i) => all[i]).filter((d): d is NonNullable<typeof d> => d !== undefined);
      if (members.length !== g.indices.length) continue;
      g.indices.forEach((i) => folded.add(i));
      rowsShown.push({
        severity: g.severity,
        at: g.indices[0]!,
        render: () => {
          const li = el('li');
          const count = g.cellCount === g.count ? plural(g.count, ['ячейка', 'ячейки', 'ячеек']) : plural(g.count, ['раз', 'раза', 'раз']);
          const rest = g.cellCount - g.cells.length;
          const details = el('details');
          details.append(el('summary', `${g.cells.join(', ')}${rest > 0 ? ` и ещё ${rest}` : ''}`));
          const exact = el('ul');
          for (const d of members) exact.append(el('li', `${d.cell}: ${d.message}`));
          details.append(exact);
          li.append(el('span', severityName(g.severity), `sev-${g.severity}`), document.createTextNode(` ${g.sheet}: ${count} — ${g.message} `), el('code', g.ruleId), details);
          return li;
        },
      });
    }
    all.forEach((d, at) => {
      if (folded.has(at)) return;
      rowsShown.push({
        severity: d.severity,
        at,
        render: () => {
          const li = el('li');
          li.append(el('span', severityName(d.severity), `sev-${d.severity}`), document.createTextNode(` ${d.sheet}!${d.cell}: ${d.message} `), el('code', d.ruleId));
          return li;
        },
      });
    });
    rowsShown.sort((a, b) => order[a.severity] - order[b.severity] || a.at - b.at);
    if (!rowsShown.length) list.append(el('li', 'Замечаний нет.'));
    for (const row of rowsShown.slice(0, 200)) list.append(row.render());
    if (rowsShown.length > 200) list.append(el('li', `… и ещё ${rowsShown.length - 200}.`));
  } catch (e) {
    list.replaceChildren(el('li', e instanceof Error ? e.message : 'Не удалось загрузить.'));
  }
}

async function download(path: string, name: string) {
  $('message').textContent = '';
  try {
    const res = await api(path);
    const blob = await res.blob();
    // The server names the regional workbook with the region and the date; use its name when it gives one.
    const given = /filename\*=UTF-8''([^;]+)/.exec(res.headers.get('Content-Disposition') ?? '')?.[1];
    const a = el('a');
    a.href = URL.createObjectURL(blob);
    a.download = given ? decodeURIComponent(given) : name;
    a.click();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (e) {
    $('message').textContent = e instanceof Error ? e.message : 'Не удалось скачать.';
  }
}

async function load() {
  $('message').textContent = '';
  try {
    const status = (await (await api('/region/status')).json()) as RegionStatus;
    rows = status.municipalities;
    timeZone = status.timeZone;
    zone = status.zone;
    $('region').textContent = `— ${status.region}`;
    showDeadline(status.deadline);
    $('login').hidden = true;
    $('board').hidden = false;
    renderTable();
  } catch (e) {
    if (e instanceof ApiError && (e.status === 401 || e.status === 403)) {
      sessionStorage.removeItem(TOKEN_KEY);
      $('board').hidden = true;
      $('login').hidden = false;
      $('login-error').textContent = sessionStorage.length || $<HTMLInputElement>('token').value ? e.message : '';
      return;
    }
    $('message').textContent = e instanceof Error ? e.message : 'Не удалось загрузить статус.';
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', (e) => {
    e.preventDefault();
    sessionStorage.setItem(TOKEN_KEY, $<HTMLInputElement>('token').value.trim());
    void load();
  });
  addStatusOptions();
  $('filter').addEventListener('change', renderTable);
  $('refresh').addEventListener('click', () => void load());
  $('download').addEventListener('click', () => void download('/region/workbook.xlsx', 'Свод.xlsx'));
  $('logout').addEventListener('click', () => {
    sessionStorage.removeItem(TOKEN_KEY);
    location.reload();
  });
  if (sessionStorage.getItem(TOKEN_KEY)) void load();
  else $('login').hidden = false;
  setInterval(() => {
    if (!$('board').hidden) void load();
  }, 30_000);
});
