const dateTime = new Intl.DateTimeFormat('ru-RU', { day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' });
const dateOnly = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** «23.11.2025, 10:15» in the official's own time zone; the text as is when it is not a time. */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  return Number.isFinite(t) ? dateTime.format(new Date(t)) : iso;
}

/** «15 декабря 2026 г.» for a deadline `2026-12-15`. */
export function formatDate(isoDate: string | null | undefined): string {
  if (!isoDate) return '—';
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isFinite(t) ? dateOnly.format(new Date(t)) : isoDate;
}

export const STATUS_NAMES = { accepted: 'принято', rejected: 'отклонено' } as const;
