/**
 * A region's municipalities and their status, as «Сбор» shows them: the counts, search and filter, a sortable table
 * (cards on a narrow screen), times on the region's clock. Shared by the region's coordinator and the federal
 * coordinator; without `onOpen` a name is plain text (the federal page reads, it does not open a municipality).
 */
import { useMemo, useState } from 'react';
import { Field, makeStyles, SearchBox, Select, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, tokens } from '@fluentui/react-components';
import { plural } from '@svod/shared';
import type { RegionStatus } from '../api';
import { regionTime } from '../region';
import { useLayout, useNarrow } from './layout';
import { StatusBadge } from './StatusBadge';

type Row = RegionStatus['municipalities'][number];
type Status = Row['status'];

/** What needs attention first when sorted by status. */
export const STATUS_ORDER: Status[] = ['просрочено', 'сдано с ошибками', 'возвращено на доработку', 'ждёт сопоставления', 'не сдано', 'сдано с опозданием', 'принято', 'отключён'];

/** Statuses whose one-sentence note says more than the row: which version stayed in the Свод, what waits for a mapping. */
const NOTE_WORTHY = new Set<Status>(['сдано с ошибками', 'ждёт сопоставления', 'возвращено на доработку']);

/** The coordinator's comment of a return that still stands, under the name: what the municipality was asked to fix. */
const returnedText = (r: Row) => (r.returned ? `Комментарий к версии ${r.returned.version}: ${r.returned.comment}` : null);

type SortKey = 'name' | 'status' | 'inSvod' | 'submittedAt' | 'errors' | 'warnings' | 'indicators';

const useStyles = makeStyles({
  counts: { display: 'flex', flexWrap: 'wrap', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0, padding: 0, listStyle: 'none' },
  count: { fontVariantNumeric: 'tabular-nums' },
  table: { minWidth: '940px', tableLayout: 'fixed' },
  nameCell: { minWidth: '220px' },
  sub: { display: 'block', color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  cards: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  card: { padding: tokens.spacingHorizontalM, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  cardHead: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', justifyContent: 'space-between' },
  cardName: { fontWeight: tokens.fontWeightSemibold },
  facts: { display: 'grid', gridTemplateColumns: 'auto 1fr', gap: `2px ${tokens.spacingHorizontalM}`, margin: 0, fontSize: tokens.fontSizeBase200 },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, fontVariantNumeric: 'tabular-nums' },
  search: { minWidth: '220px', flexGrow: 1, maxWidth: '420px' },
});

const dash = (r: Row, n: number) => (r.version === null ? '—' : String(n));
const indicatorsText = (r: Row) => (r.indicators ? (r.indicators.submitted ? `${r.indicators.merged} из ${r.indicators.submitted}` : 'нет') : '—');

function compare(key: SortKey): (a: Row, b: Row) => number {
  const byName = (a: Row, b: Row) => a.name.localeCompare(b.name, 'ru');
  const n = (v: number | null | undefined) => (v === null || v === undefined ? -1 : v);
  switch (key) {
    case 'name':
      return byName;
    case 'status':
      return (a, b) => STATUS_ORDER.indexOf(a.status) - STATUS_ORDER.indexOf(b.status) || byName(a, b);
    case 'inSvod':
      return (a, b) => n(a.inSvod?.version) - n(b.inSvod?.version) || byName(a, b);
    case 'submittedAt':
      return (a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || byName(a, b);
    case 'errors':
      return (a, b) => n(a.version === null ? null : a.errors) - n(b.version === null ? null : b.errors) || byName(a, b);
    case 'warnings':
      return (a, b) => n(a.version === null ? null : a.warnings) - n(b.version === null ? null : b.warnings) || byName(a, b);
    case 'indicators':
      return (a, b) => n(a.indicators?.merged) - n(b.indicators?.merged) || byName(a, b);
  }
}

/** The status table as a CSV Excel opens in a Russian locale (semicolons, BOM), times on the region's clock. */
export function statusCsv(status: RegionStatus): Blob {
  const head = ['Муниципалитет', 'Код', 'Статус', 'Версия в своде', 'Последняя версия', `Время последней версии (${status.zone})`, 'Ошибок', 'Предупреждений', 'Показателей в своде', 'Пояснение', 'Комментарий координатора'];
  const cell = (v: string | number) => {
    const t = String(v);
    // Text a spreadsheet would take for a formula stays text (a leading apostrophe), as in the regional workbook.
    const safe = /^[=+\-@\t\r]/.test(t) ? `'${t}` : t;
    return /[;"\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const lines = [head.map(cell).join(';')];
  for (const r of status.municipalities) {
    lines.push(
      [
        r.name,
        r.municipalityId,
        r.status,
        r.inSvod ? r.inSvod.version : '—',
        r.version ?? '—',
        regionTime(r.submittedAt, status.timeZone),
        dash(r, r.errors),
        dash(r, r.warnings),
        indicatorsText(r),
        r.note,
        r.returned ? r.returned.comment : '',
      ]
        .map(cell)
        .join(';'),
    );
  }
  return new Blob(['\uFEFF' + lines.join('\r\n') + '\r\n'], { type: 'text/csv;charset=utf-8' });
}

export function StatusTable({ status, onOpen }: { status: RegionStatus; onOpen?: (municipalityId: string) => void }) {
  const s = useStyles();
  const l = useLayout();
  const narrow = useNarrow();
  const [query, setQuery] = useState('');
  const [filter, setFilter] = useState<Status | ''>('');
  const [sort, setSort] = useState<{ key: SortKey; dir: 'ascending' | 'descending' }>({ key: 'status', dir: 'ascending' });

  const rows = useMemo(() => {
    const q = query.trim().toLocaleLowerCase('ru');
    const list = status.municipalities.filter((r) => (!filter || r.status === filter) && (!q || r.name.toLocaleLowerCase('ru').includes(q) || r.municipalityId.includes(q)));
    const cmp = compare(sort.key);
    return list.sort((a, b) => (sort.dir === 'ascending' ? cmp(a, b) : -cmp(a, b)));
  }, [status, query, filter, sort]);

  const zone = status.zone;
  const name = (r: Row) =>
    onOpen ? (
      <button type="button" className={l.link} onClick={() => onOpen(r.municipalityId)}>
        {r.name}
      </button>
    ) : (
      <span className={narrow ? s.cardName : undefined}>{r.name}</span>
    );
  const header = (key: SortKey, title: string, width: string | undefined, num = false) => (
    <TableHeaderCell
      sortDirection={sort.key === key ? sort.dir : undefined}
      onClick={() => setSort({ key, dir: sort.key === key && sort.dir === 'ascending' ? 'descending' : 'ascending' })}
      button={num ? { className: l.numHead } : undefined}
      style={width ? { width } : undefined}
      data-sort={key}
    >
      {title}
    </TableHeaderCell>
  );

  if (status.municipalities.length === 0) return <p className={l.muted}>Муниципалитетов пока нет.</p>;

  return (
    <>
      <ul className={s.counts} aria-label="Итоги" data-testid="counts">
        <li className={s.count}>
          <b>
            В своде {status.inSvod} из {status.total}
          </b>
        </li>
        {STATUS_ORDER.map((st) => {
          const n = status.municipalities.filter((r) => r.status === st).length;
          return n ? (
            <li key={st} className={s.count}>
              {st}: {n}
            </li>
          ) : null;
        })}
      </ul>
      <div className={l.row}>
        <Field label="Поиск" className={s.search}>
          <SearchBox value={query} onChange={(_e, d) => setQuery(d.value)} placeholder="Название или код" id="search" />
        </Field>
        <Field label="Статус">
          <Select id="filter" value={filter} onChange={(_e, d) => setFilter(d.value as Status | '')}>
            <option value="">все</option>
            {STATUS_ORDER.map((st) => (
              <option key={st} value={st}>
                {st}
              </option>
            ))}
          </Select>
        </Field>
        {narrow && (
          <Field label="Порядок">
            <Select
              value={`${sort.key}:${sort.dir}`}
              onChange={(_e, d) => {
                const [key, dir] = d.value.split(':');
                setSort({ key: key as SortKey, dir: dir as 'ascending' });
              }}
            >
              <option value="status:ascending">сначала требующие внимания</option>
              <option value="name:ascending">по названию</option>
              <option value="submittedAt:descending">последние сдавшие</option>
              <option value="errors:descending">больше ошибок</option>
            </Select>
          </Field>
        )}
      </div>
      {rows.length === 0 && <p className={l.muted}>Никого не найдено: измените поиск или фильтр.</p>}
      {rows.length > 0 && !narrow && (
        <div className={l.tableWrap}>
          <Table className={s.table} sortable aria-label="Статус муниципалитетов" data-testid="status-table" size="small">
            <TableHeader>
              <TableRow>
                {header('name', 'Муниципалитет', undefined)}
                {header('status', 'Статус', '11.5rem')}
                {header('inSvod', 'Версия в своде', '7.5rem', true)}
                {header('submittedAt', `Последняя, отправлена (${zone})`, '12.5rem')}
                {header('errors', 'Ошибок', '6rem', true)}
                {header('warnings', 'Предупр.', '6.5rem', true)}
                {header('indicators', 'Показателей в своде', '8.5rem', true)}
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => (
                <TableRow key={r.municipalityId} data-municipality={r.municipalityId}>
                  <TableCell className={s.nameCell}>
                    {name(r)}
                    {NOTE_WORTHY.has(r.status) && <span className={s.sub}>{r.note}</span>}
                    {r.returned && (
                      <span className={s.sub} data-testid="returned-comment">
                        {returnedText(r)}
                      </span>
                    )}
                  </TableCell>
                  <TableCell>
                    <StatusBadge status={r.status} />
                  </TableCell>
                  <TableCell className={l.num}>{r.inSvod ? r.inSvod.version : '—'}</TableCell>
                  <TableCell className={l.nowrap}>{r.version === null ? '—' : `версия ${r.version}, ${regionTime(r.submittedAt, status.timeZone)}`}</TableCell>
                  <TableCell className={l.num}>{dash(r, r.errors)}</TableCell>
                  <TableCell className={l.num}>{dash(r, r.warnings)}</TableCell>
                  <TableCell className={l.num}>{indicatorsText(r)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      {rows.length > 0 && narrow && (
        <ul className={s.cards} aria-label="Статус муниципалитетов" data-testid="status-cards">
          {rows.map((r) => (
            <li key={r.municipalityId} className={s.card} data-municipality={r.municipalityId}>
              <div className={s.cardHead}>
                {name(r)}
                <StatusBadge status={r.status} />
              </div>
              {NOTE_WORTHY.has(r.status) && <span className={s.sub}>{r.note}</span>}
              {r.returned && (
                <span className={s.sub} data-testid="returned-comment">
                  {returnedText(r)}
                </span>
              )}
              <dl className={s.facts}>
                <dt className={s.dt}>В своде</dt>
                <dd className={s.dd}>{r.inSvod ? `версия ${r.inSvod.version}` : '—'}</dd>
                <dt className={s.dt}>Последняя</dt>
                <dd className={s.dd}>{r.version === null ? '—' : `версия ${r.version}, ${regionTime(r.submittedAt, status.timeZone)} ${zone}`}</dd>
                <dt className={s.dt}>Ошибок / предупр.</dt>
                <dd className={s.dd}>{r.version === null ? '—' : `${r.errors} / ${r.warnings}`}</dd>
                <dt className={s.dt}>Показателей</dt>
                <dd className={s.dd}>{indicatorsText(r)}</dd>
              </dl>
            </li>
          ))}
        </ul>
      )}
      <p className={l.muted}>
        Показано {plural(rows.length, ['муниципалитет', 'муниципалитета', 'муниципалитетов'])} из {status.municipalities.length}.
      </p>
    </>
  );
}
