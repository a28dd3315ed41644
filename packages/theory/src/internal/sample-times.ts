/** 0, s, 2s, … up to T, with T itself last; each time is j·s (no accumulated rounding). */
export function sampleTimes(T: number, sampleEvery: number): number[] {
  const count = Math.floor(T / sampleEvery + 1e-9);
  const times = Array.from({ length: count + 1 }, (_, j) => j * sampleEvery);
  if (T - (times[count] as number) > 1e-9 * sampleEvery) times.push(T);
  return times;
}
