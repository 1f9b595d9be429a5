/**
 * FAT directory-entry date and time (fatgen103 p.25–26):
 *   date = (year − 1980) << 9 | month << 5 | day           (years 1980 … 2107)
 *   time = hours << 11 | minutes << 5 | seconds / 2        (2-second resolution)
 * plus DIR_CrtTimeTenth, 0 … 199 hundredths of a second on top of the 2-second creation time.
 *
 * FAT stores no time zone: by convention (DOS, Windows, mtools, Linux vfat's default) it is local time, so the
 * fields come from the Date's local-time getters.
 */

export interface FatTimestamp {
  date: number;
  time: number;
  /** DIR_CrtTimeTenth: the odd second and the hundredths the 2-second time field cannot hold. */
  tenths: number;
}

const MIN = { year: 1980, month: 1, day: 1, hours: 0, minutes: 0, seconds: 0, ms: 0 };
const MAX = { year: 2107, month: 12, day: 31, hours: 23, minutes: 59, seconds: 59, ms: 990 };

/** Dates outside 1980–2107 are clamped to the nearest representable instant rather than wrapping. */
export function toFatTimestamp(when: Date): FatTimestamp {
  if (Number.isNaN(when.getTime())) throw new RangeError('invalid date');
  let p = {
    year: when.getFullYear(),
    month: when.getMonth() + 1,
    day: when.getDate(),
    hours: when.getHours(),
    minutes: when.getMinutes(),
    seconds: when.getSeconds(),
    ms: when.getMilliseconds(),
  };
  if (p.year < MIN.year) p = MIN;
  if (p.year > MAX.year) p = MAX;
  return {
    date: ((p.year - 1980) << 9) | (p.month << 5) | p.day,
    time: (p.hours << 11) | (p.minutes << 5) | (p.seconds >> 1),
    tenths: (p.seconds & 1) * 100 + Math.floor(p.ms / 10),
  };
}
