/** Simulated time as h:mm:ss.t */
export function formatSimTime(ms: number): string {
  const total = Math.floor(ms / 100);
  const tenths = total % 10;
  const s = Math.floor(total / 10);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${tenths}`;
}

/** A speed as the buttons show it: 0.25×, 1×, 100×. */
export function formatSpeed(speed: number): string {
  return `${speed}×`;
}
