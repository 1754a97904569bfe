/** Автопроверка's debounce and the one-operation-at-a-time queue. */
import { createSerialQueue, debounce } from '../../src/state/schedule';
import { AUTO_CHECK_DELAY_MS } from '../../src/state/use-checker';

describe('debounce', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('fires once, the delay after the last change (a paste is many changes)', () => {
    const fn = jest.fn();
    const d = debounce(fn, AUTO_CHECK_DELAY_MS);
    expect(AUTO_CHECK_DELAY_MS).toBe(700);
    d.trigger();
    jest.advanceTimersByTime(500);
    d.trigger();
    jest.advanceTimersByTime(500);
    expect(fn).not.toHaveBeenCalled();
    expect(d.pending).toBe(true);
    jest.advanceTimersByTime(200);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(d.pending).toBe(false);
  });

  it('can be cancelled (the switch turned off)', () => {
    const fn = jest.fn();
    const d = debounce(fn, 700);
    d.trigger();
    d.cancel();
    jest.advanceTimersByTime(2000);
    expect(fn).not.toHaveBeenCalled();
  });
});

describe('the serial queue', () => {
  it('runs tasks one after another, and a failure does not stop the next', async () => {
    const run = createSerialQueue();
    const log: string[] = [];
    const task = (name: string, ms: number, fail = false) => () =>
      new Promise<string>((resolve, reject) =>
        setTimeout(() => {
          log.push(name);
          if (fail) reject(new Error(name));
          else resolve(name);
        }, ms),
      );
    const results = await Promise.allSettled([run(task('read', 30)), run(task('write', 1, true)), run(task('re-check', 1))]);
    expect(log).toEqual(['read', 'write', 're-check']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
