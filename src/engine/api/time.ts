/**
 * Simulated time. The engine counts milliseconds from the start of a simulation (`simMillis`); API
 * timestamps (creationTimestamp, lastTransitionTime, ...) are RFC 3339 strings at a fixed epoch plus
 * that offset, so the same run prints the same timestamps on every machine. No wall clock is read.
 */

/** 2025-01-01T00:00:00Z in Unix milliseconds: simulated time 0. */
export const SIM_EPOCH_UNIX_MS = 1_735_689_600_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Days since 1970-01-01 to a civil date [year, month, day] (Howard Hinnant's algorithm), without Date. */
export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return [y, m, d];
}

/** RFC 3339 (second precision, as the API server writes metav1.Time) for a simulated moment. */
export function timestamp(simMillis: number): string {
  const unixMs = SIM_EPOCH_UNIX_MS + simMillis;
  const totalSeconds = Math.floor(unixMs / 1000);
  const days = Math.floor(totalSeconds / 86400);
  const secs = totalSeconds - days * 86400;
  const [y, m, d] = civilFromDays(days);
  const hh = Math.floor(secs / 3600);
  const mm = Math.floor((secs % 3600) / 60);
  const ss = secs % 60;
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}T${pad(hh)}:${pad(mm)}:${pad(ss)}Z`;
}

/** The simulated milliseconds of an RFC 3339 timestamp written by `timestamp` (seconds precision). */
export function parseTimestamp(ts: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d+)?Z$/.exec(ts);
  if (!m) return 0;
  const [y, mo, d, hh, mi, ss] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const yy = mo <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (mo + (mo > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return (days * 86400 + hh * 3600 + mi * 60 + ss) * 1000 - SIM_EPOCH_UNIX_MS;
}

/** Parses a Go-style duration as scenarios write it (`90s`, `5m`, `1h30m`, `250ms`) to milliseconds. */
export function parseDuration(text: string): number | undefined {
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (const m of text.matchAll(re)) {
    const n = Number(m[1]);
    const unit = m[2];
    total += n * (unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : 3_600_000);
    consumed += m[0].length;
  }
  if (consumed !== text.length || text.length === 0)
    return /^\d+$/.test(text) ? Number(text) * 1000 : undefined;
  return total;
}
