/** 12345 → «12 345» (a no-break space between groups, as Russian typography wants). */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}
