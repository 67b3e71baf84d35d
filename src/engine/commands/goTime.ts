/**
 * Go's time parsing as kubectl's flags use it, with Go's error words: `time.ParseDuration` (pflag's
 * DurationVar, e.g. `kubectl logs --since=5m`) and `time.Parse(time.RFC3339, ...)` (kubectl's
 * util.ParseRFC3339, e.g. `--since-time`). Both follow src/time/format.go.
 */
import { parseTimestamp } from '../api/time';

/** A parsed value, or Go's error text (without kubectl's `error: ` prefix). */
export type GoParse = { ok: true; value: number } | { ok: false; error: string };

const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  μs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const q = (s: string) => `"${s}"`;

/**
 * time.ParseDuration: `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, or `0`, in milliseconds. Errors as Go words
 * them: `time: invalid duration "x"`, `time: missing unit in duration "5"`,
 * `time: unknown unit "d" in duration "1d"`.
 */
export function parseGoDuration(orig: string): GoParse {
  let s = orig;
  let sign = 1;
  if (s[0] === '-' || s[0] === '+') {
    sign = s[0] === '-' ? -1 : 1;
    s = s.slice(1);
  }
  const invalid: GoParse = { ok: false, error: `time: invalid duration ${q(orig)}` };
  if (s === '0') return { ok: true, value: 0 };
  if (s === '') return invalid;
  let total = 0;
  while (s !== '') {
    const num = /^(\d*)(?:\.(\d*))?/.exec(s) as RegExpExecArray;
    const whole = num[1] as string;
    const frac = num[2];
    if (whole === '' && (frac === undefined || frac === '')) return invalid;
    s = s.slice(num[0].length);
    const unit = /^[^.\d]*/.exec(s)?.[0] ?? '';
    if (unit === '') return { ok: false, error: `time: missing unit in duration ${q(orig)}` };
    s = s.slice(unit.length);
    const perUnit = UNIT_MS[unit];
    if (perUnit === undefined)
      return { ok: false, error: `time: unknown unit ${q(unit)} in duration ${q(orig)}` };
    total += Number(`${whole || '0'}.${frac ?? ''}0`) * perUnit;
  }
  return { ok: true, value: sign * total };
}

type Elem = 'year' | 'month' | 'day' | 'hour' | 'minute' | 'second' | 'tz';

/** The RFC 3339 layout as Go splits it: a literal prefix, then a standard element. */
const RFC3339_LAYOUT = '2006-01-02T15:04:05Z07:00';
const CHUNKS: Array<[string, Elem, string]> = [
  ['', 'year', '2006'],
  ['-', 'month', '01'],
  ['-', 'day', '02'],
  ['T', 'hour', '15'],
  [':', 'minute', '04'],
  [':', 'second', '05'],
  ['', 'tz', 'Z07:00'],
];

const RANGE: Partial<Record<Elem, [number, number]>> = {
  month: [1, 12],
  day: [1, 31],
  hour: [0, 23],
  minute: [0, 59],
  second: [0, 59],
};

/** The digits Go's getnum (fixed: exactly two) or the year's four take from the front of `v`. */
function digitsFor(elem: Elem, v: string): string | undefined {
  if (elem === 'year') return /^\d{4}/.exec(v)?.[0];
  if (elem === 'hour') return /^\d{1,2}/.exec(v)?.[0];
  return /^\d{2}/.exec(v)?.[0];
}

function daysIn(month: number, year: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/**
 * time.Parse(time.RFC3339, text) (kubectl's ParseRFC3339 tries RFC3339Nano first; both accept the same
 * texts here), as simulated milliseconds. Fractions of a second are kept; the offset is applied.
 */
export function parseGoRFC3339(text: string): GoParse {
  const fail = (what: string): GoParse => ({ ok: false, error: `parsing time ${q(text)}${what}` });
  const cannot = (v: string, as: string) =>
    fail(` as ${q(RFC3339_LAYOUT)}: cannot parse ${q(v)} as ${q(as)}`);
  let v = text;
  const n: Partial<Record<Elem, number>> = {};
  let fracMs = 0;
  let offsetMin = 0;
  for (const [prefix, elem, std] of CHUNKS) {
    if (!v.startsWith(prefix)) return cannot(v, prefix);
    v = v.slice(prefix.length);
    if (elem === 'tz') {
      if (v.startsWith('Z')) v = v.slice(1);
      else {
        const m = /^([+-])(\d{2}):(\d{2})/.exec(v);
        if (!m) return cannot(v, std);
        offsetMin = (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
        v = v.slice(6);
      }
      continue;
    }
    const digits = digitsFor(elem, v);
    if (digits === undefined) return cannot(v, std);
    const value = Number(digits);
    const range = RANGE[elem];
    if (range && (value < range[0] || value > range[1])) return fail(`: ${elem} out of range`);
    n[elem] = value;
    v = v.slice(digits.length);
    if (elem === 'second') {
      // Go takes a fraction after the seconds even when the layout has none.
      const f = /^[.,](\d+)/.exec(v);
      if (f) {
        fracMs = Number(`0.${f[1]}`) * 1000;
        v = v.slice(f[0].length);
      }
    }
  }
  if (v !== '') return fail(`: extra text: ${q(v)}`);
  const [y, mo, d] = [n.year ?? 0, n.month ?? 1, n.day ?? 1];
  if (d > daysIn(mo, y)) return fail(': day out of range');
  const p = (x: number, w = 2) => String(x).padStart(w, '0');
  const utc = `${p(y, 4)}-${p(mo)}-${p(d)}T${p(n.hour ?? 0)}:${p(n.minute ?? 0)}:${p(n.second ?? 0)}Z`;
  return { ok: true, value: parseTimestamp(utc) + fracMs - offsetMin * 60_000 };
}
