/** Seconds with millisecond precision, C locale (`1.234`), for nagios perfdata, junit and prometheus. */
export function formatSeconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}
