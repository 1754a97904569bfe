/** Moves to a page of the portal (a hash route: `#/m/elizovsky`). */
export function go(page: string, arg?: string): void {
  location.hash = `#/${page}${arg ? `/${encodeURIComponent(arg)}` : ''}`;
}
