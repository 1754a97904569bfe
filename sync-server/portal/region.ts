/**
 * The region as every page needs it: its clock (every time is shown on it, with its name), its deadline and template.
 * Pure helpers plus React contexts filled once after sign-in.
 */
import { createContext, useContext } from 'react';
import { endOfDay, formatDateTime, plural } from '@svod/shared';
import type { Api, RegionInfo, Session } from './api';

export interface PortalContext {
  api: Api;
  session: Session;
  region: RegionInfo;
  /** Reads GET /region again (after the deadline or the template changed). */
  reloadRegion(): Promise<void>;
}

export const Portal = createContext<PortalContext | null>(null);

/** The signed-in client alone, for every role: the federal coordinator has no region of its own. */
export const ApiContext = createContext<Api | null>(null);

export function useApi(): Api {
  const value = useContext(ApiContext);
  if (!value) throw new Error('useApi outside <ApiContext.Provider>');
  return value;
}

export function usePortal(): PortalContext {
  const value = useContext(Portal);
  if (!value) throw new Error('usePortal outside <Portal.Provider>');
  return value;
}

/** «01.12.2026 10:15» on the region's clock. */
export function regionTime(iso: string | null | undefined, timeZone: string): string {
  return iso ? formatDateTime(iso, timeZone) : '—';
}

const dateLong = new Intl.DateTimeFormat('ru-RU', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** «15 декабря 2026 г.» for `2026-12-15`. */
export function longDate(isoDate: string): string {
  const t = Date.parse(`${isoDate}T00:00:00Z`);
  return Number.isFinite(t) ? dateLong.format(new Date(t)) : isoDate;
}

export type DeadlineState = { kind: 'none' } | { kind: 'open'; daysLeft: number; text: string } | { kind: 'last-day'; text: string } | { kind: 'passed'; text: string };

/**
 * The deadline as one sentence on the region's clock. A passed deadline never says how many days are left, and the
 * last day says «последний день», not «осталось 0 дней».
 */
export function deadlineState(deadline: string | null, timeZone: string, zone: string, now = Date.now()): DeadlineState {
  if (!deadline) return { kind: 'none' };
  const left = endOfDay(deadline, timeZone) - now;
  const when = longDate(deadline);
  if (left < 0) return { kind: 'passed', text: `Срок сдачи прошёл: ${when}, 23:59 (${zone}).` };
  if (left < 86_400_000) return { kind: 'last-day', text: `Срок сдачи: ${when}, до 23:59 (${zone}) — сегодня последний день.` };
  const days = Math.ceil(left / 86_400_000);
  return { kind: 'open', daysLeft: days, text: `Срок сдачи: ${when}, до 23:59 (${zone}) — осталось ${plural(days, ['день', 'дня', 'дней'])}.` };
}

/** «1,5 МБ», «320 КБ». */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1).replace('.', ',')} МБ`;
  return `${Math.max(1, Math.round(bytes / 1024))} КБ`;
}
