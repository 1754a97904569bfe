/** A fake service account (a throwaway RSA key), the Google stand-in, and a Svod test server wired to both. */
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { GoogleSettings } from '../../src/google/client';
import { testServer, type TestServer } from '../helpers';
import { FakeGoogle } from './fake-google';

export const SERVICE_ACCOUNT = 'svod-sync@svod-test.iam.gserviceaccount.com';

/** One key for the whole file: generating RSA keys is the slow part. */
const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

export interface GoogleHarness {
  google: FakeGoogle;
  server: TestServer;
  keyFile: string;
  settings: GoogleSettings;
  close(): Promise<void>;
}

export function writeKeyFile(dir: string, tokenUri: string, email = SERVICE_ACCOUNT): string {
  const file = join(dir, 'service-account.json');
  writeFileSync(
    file,
    JSON.stringify({
      type: 'service_account',
      project_id: 'svod-test',
      private_key_id: 'k1',
      private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      client_email: email,
      client_id: '1',
      token_uri: tokenUri,
    }),
  );
  return file;
}

export async function googleHarness(overrides: Partial<GoogleSettings> = {}): Promise<GoogleHarness> {
  const google = new FakeGoogle();
  await google.start();
  google.addAccount({ email: SERVICE_ACCOUNT, publicKey: keys.publicKey });
  const dir = mkdtempSync(join(tmpdir(), 'svod-google-'));
  const keyFile = writeKeyFile(dir, `${google.url}/token`);
  // Tiny waits between retries: the tests count attempts, never time.
  const settings: GoogleSettings = { credentialsFile: keyFile, rootUrl: `${google.url}/`, retry: { retries: 3, delayMs: 1, maxDelayMs: 4 }, pullMinutes: null, ...overrides };
  const server = await testServer({ deps: { google: settings } });
  return {
    google,
    server,
    keyFile,
    settings,
    async close() {
      await server.close();
      await google.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A spreadsheet id of Google's shape (44 characters). */
export function spreadsheetId(n: number): string {
  return `1${String(n).padStart(3, '0')}SvodTestSpreadsheet_abcdefghijklmnopqrstu`.slice(0, 44);
}
