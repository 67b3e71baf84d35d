/**
 * Standard five-field cron schedules (robfig/cron's parser as the CronJob controller uses it, UTC):
 * `*`, lists, ranges, steps, month and weekday names, and the @yearly/@monthly/@weekly/@daily/@hourly
 * macros. Time is simulated: minutes since the Unix epoch. Not done: timeZone, `?`, `L`, `W`.
 */
import { civilFromDays } from '../../api/time';

/** A parsed schedule: the allowed values of each field. */
export interface Schedule {
  minute: Set<number>;
  hour: Set<number>;
  dom: Set<number>;
  month: Set<number>;
  dow: Set<number>;
  domStar: boolean;
  dowStar: boolean;
}

const MACROS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};
const NAMES: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  sun: 0,
  mon: 1,
  tue: 2,
  wed: 3,
  thu: 4,
  fri: 5,
  sat: 6,
};

function num(s: string): number {
  const n = NAMES[s.toLowerCase()] ?? Number(s);
  if (!Number.isInteger(n)) throw new Error(`failed to parse int from ${s}`);
  return n;
}

function field(text: string, min: number, max: number): Set<number> {
  const out = new Set<number>();
  for (const part of text.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : num(stepText);
    let lo = min;
    let hi = max;
    if (range !== '*') {
      const [a = '', b] = range.split('-');
      lo = num(a);
      hi = b === undefined ? (stepText === undefined ? lo : max) : num(b);
    }
    if (lo < min || hi > max || lo > hi || step < 1)
      throw new Error(`end of range (${hi}) above maximum (${max}): ${part}`);
    for (let v = lo; v <= hi; v += step) out.add(v === 7 && max === 7 ? 0 : v);
  }
  return out;
}

/** Parses a schedule; throws with a message on an invalid one. */
export function parseSchedule(text: string): Schedule {
  const spec = MACROS[text.trim()] ?? text.trim();
  const f = spec.split(/\s+/);
  if (f.length !== 5) throw new Error(`expected exactly 5 fields, found ${f.length}: ${text}`);
  const [mi, h, dom, mo, dow] = f as [string, string, string, string, string];
  return {
    minute: field(mi, 0, 59),
    hour: field(h, 0, 23),
    dom: field(dom, 1, 31),
    month: field(mo, 1, 12),
    dow: field(dow, 0, 7),
    domStar: dom.startsWith('*'),
    dowStar: dow.startsWith('*'),
  };
}

/** Month, day and weekday of a day count since 1970-01-01 (1970-01-01 was a Thursday, weekday 4). */
function civil(days: number): { month: number; day: number; weekday: number } {
  const [, month, day] = civilFromDays(days);
  return { month, day, weekday: (((days + 4) % 7) + 7) % 7 };
}

/** Whether the schedule fires at a minute since the Unix epoch (day-of-month and weekday ORed as cron does). */
export function matches(s: Schedule, unixMinute: number): boolean {
  const minute = ((unixMinute % 60) + 60) % 60;
  const hour = Math.floor(unixMinute / 60) % 24;
  if (!s.minute.has(minute) || !s.hour.has(hour)) return false;
  const c = civil(Math.floor(unixMinute / 1440));
  if (!s.month.has(c.month)) return false;
  const domOk = s.dom.has(c.day);
  const dowOk = s.dow.has(c.weekday);
  if (s.domStar || s.dowStar) return domOk && dowOk;
  return domOk || dowOk;
}

/** The first minute strictly after `afterMinute` at which the schedule fires (searches up to 5 years). */
export function nextAfter(s: Schedule, afterMinute: number): number | undefined {
  for (let m = afterMinute + 1; m <= afterMinute + 5 * 366 * 1440; m++) if (matches(s, m)) return m;
  return undefined;
}
