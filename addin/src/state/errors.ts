import { ApiError } from '../api/client';

const CYRILLIC = /[А-Яа-яЁё]/;

/**
 * What to tell the official about a failure: the API's Russian message as it is, a Russian message from the Excel
 * port, or the given sentence (never an English stack or an internal message).
 */
export function errorText(error: unknown, fallback: string): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error && CYRILLIC.test(error.message)) return error.message;
  return fallback;
}
