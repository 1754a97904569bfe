/**
 * Issue #8, found by the hostile soak: the server's peak memory grew with the number of distinct versions, because
 * the region view kept up to 2,000 submission contents whatever their size — one municipality sending distinct
 * 60,000-row roadmaps (6 MB each, under the upload limit) added about 25 MB of heap a version, on the way to an out of
 * memory crash. The view's caches are now bounded by size too. Deterministic: the test counts blob reads (a content
 * read again was let go), it measures no memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubmissionContent } from '@svod/shared';
import { regionView } from '../../src/services/status';
import type { SubmissionRecord } from '../../src/store/schema';
import { openStore, type Store } from '../../src/store/store';

/** A content of about `mb` megabytes of JSON: that many roadmap items of a kilobyte. */
function bigContent(mb: number, tag: string): SubmissionContent {
  const item = (i: number) => ({ number: `${i}.`, activity: `${tag} ${'семинар '.repeat(60)}`, deadline: 'март 2026 г.', executor: 'УО', result: 'протокол' });
  return { roadmap: Array.from({ length: mb * 1024 }, (_, i) => item(i)) } as unknown as SubmissionContent;
}

describe('the region view under many big versions', () => {
  let dir: string;
  let store: Store;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'svod-memory-'));
    store = await openStore(dir);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lets big contents go instead of keeping thousands of them, and keeps small ones', async () => {
    const record = async (content: SubmissionContent) => ({ contentHash: await store.blobs.put(JSON.stringify(content)) }) as SubmissionRecord;
    // Four contents of about 12 MB of JSON each: some 150 MB of heap if all were kept, for four versions.
    const big = [];
    for (let i = 0; i < 4; i++) big.push(await record(bigContent(12, `v${i}`)));
    const small = await record(bigContent(0.1, 'small'));
    const view = regionView(store);
    const reads = jest.spyOn(store.blobs, 'get');
    try {
      for (const r of big) await view.content(r);
      await view.content(small);
      expect(reads).toHaveBeenCalledTimes(5);
      // The last big one and the small one are still at hand; the first big one was let go, and is read again.
      await view.content(big[3]!);
      await view.content(small);
      expect(reads).toHaveBeenCalledTimes(5);
      await view.content(big[0]!);
      expect(reads).toHaveBeenCalledTimes(6);
    } finally {
      reads.mockRestore();
    }
  });
});
