/**
 * The federation `npm run bench:scale` generates: how many regions, how many municipalities each, their ids, names
 * and time zones. Deterministic: same size → same shape. One region (the first, the one the server creates at its
 * first start) is clearly the largest; the others vary around the mean, so the total is exactly regions × mean.
 */

export interface ScaleSize {
  /** `small` or `full`: the label in the table. */
  label: string;
  regions: number;
  /** Mean municipalities per region; the total is regions × perRegion. */
  perRegion: number;
  /** Municipalities of the largest region (the first). */
  largest: number;
}

export interface BenchRegion {
  id: string;
  name: string;
  timeZone: string;
  municipalities: number;
}

const ZONES = [
  'Europe/Moscow', 'Europe/Samara', 'Asia/Yekaterinburg', 'Asia/Omsk', 'Asia/Novosibirsk', 'Asia/Krasnoyarsk', 'Asia/Irkutsk',
  'Asia/Yakutsk', 'Asia/Vladivostok', 'Asia/Magadan', 'Asia/Kamchatka', 'Europe/Kaliningrad',
];

export const regionId = (i: number) => `r${String(i + 1).padStart(2, '0')}`;

/**
 * Region i > 0 gets between half and one and a half of the mean (a fixed scatter), then ±1 round-robin until the sizes
 * add up to regions × perRegion; none reaches the largest, none drops below one.
 */
export function federation(size: ScaleSize): BenchRegion[] {
  const total = size.regions * size.perRegion;
  if (size.regions < 2) throw new Error('the bench needs at least two regions');
  if (size.largest >= total || size.largest <= size.perRegion) throw new Error(`the largest region (${size.largest}) must be above the mean (${size.perRegion}) and below the total (${total})`);
  const rest = total - size.largest;
  if (rest < size.regions - 1 || rest > (size.regions - 1) * (size.largest - 1)) throw new Error(`${size.regions - 1} regions cannot share ${rest} municipalities below ${size.largest} each`);
  const counts = [size.largest];
  for (let i = 1; i < size.regions; i++) counts.push(Math.max(1, Math.min(size.largest - 1, Math.round(size.perRegion * (0.5 + ((i * 37) % 101) / 100)))));
  let diff = total - counts.reduce((s, c) => s + c, 0);
  for (let i = 1; diff !== 0; i = (i % (size.regions - 1)) + 1) {
    const step = Math.sign(diff);
    const next = counts[i]! + step;
    if (next >= 1 && next < size.largest) {
      counts[i] = next;
      diff -= step;
    }
  }
  return counts.map((municipalities, i) => ({
    id: regionId(i),
    name: i === 0 ? 'Камчатский край' : `Субъект Российской Федерации № ${i + 1}`,
    timeZone: i === 0 ? 'Asia/Kamchatka' : ZONES[i % ZONES.length]!,
    municipalities,
  }));
}

/** A fixed permutation of 0..n-1 (Fisher–Yates over a small LCG): the order municipalities submit in. */
export function shuffled(n: number, seed = 0x2545f491): number[] {
  const out = Array.from({ length: n }, (_, i) => i);
  let s = seed >>> 0;
  for (let i = n - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
