/**
 * What the build bakes into Code.js (`addin/gsheets/build.mjs`, from `SVOD_SERVER_URL`): the sync server the add-on
 * talks to. Tests set `globalThis.SVOD_BUILD` instead.
 */
export interface BuildConfig {
  /** The sync server's address, the sidebar's default. */
  serverUrl: string;
  /** URL prefixes `UrlFetchApp` may reach (the manifest's `urlFetchWhitelist`); empty: any. */
  allowedPrefixes: string[];
}

declare const SVOD_BUILD: BuildConfig | undefined;

export const DEFAULT_SERVER_URL = 'https://svod.example.ru/';

export function buildConfig(): BuildConfig {
  return typeof SVOD_BUILD === 'undefined' || !SVOD_BUILD ? { serverUrl: DEFAULT_SERVER_URL, allowedPrefixes: [] } : SVOD_BUILD;
}
