/**
 * How often a host without change events (a Google Sheets sidebar: `HostCapabilities.changes === 'polling'`) asks
 * whether the sheet changed, for Автопроверка. One cheap server call each time; the pane says the interval.
 */
export const POLL_INTERVAL_MS = 5000;

export const POLL_SECONDS = POLL_INTERVAL_MS / 1000;
