/** The scheduled pulls end with the server: `stop()` ends the timer and waits for a round in flight. */
import { startScheduledPulls } from '../../src/google/schedule';
import { createLogger } from '../../src/http/log';

const sleep = (ms: number) => new Promise<void>((ok) => setTimeout(ok, ms));

it('stop() waits for the round in flight and no round starts after it', async () => {
  let rounds = 0;
  let finish!: () => void;
  const schedule = startScheduledPulls(
    0.0005, // 30 ms
    () => {
      rounds++;
      return new Promise<void>((ok) => (finish = ok));
    },
    createLogger('silent'),
  );
  while (rounds === 0) await sleep(10);
  let stopped = false;
  const stopping = schedule.stop().then(() => (stopped = true));
  await sleep(100);
  expect({ rounds, stopped }).toEqual({ rounds: 1, stopped: false }); // the round is still writing
  finish();
  await stopping;
  await sleep(100);
  expect({ rounds, stopped }).toEqual({ rounds: 1, stopped: true });
});
