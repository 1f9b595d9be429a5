/** Mount points on this machine at or below a directory (from /proc/self/mountinfo). */
import fs from 'node:fs/promises';

/** mountinfo escapes space, tab, newline and backslash as octal. */
function unescape(field: string): string {
  return field.replace(/\\([0-7]{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
}

export async function mountsUnder(dir: string): Promise<string[]> {
  const base = dir.replace(/\/+$/, '');
  const text = await fs.readFile('/proc/self/mountinfo', 'utf8');
  return text
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((f): f is string => f !== undefined)
    .map(unescape)
    .filter((m) => m === base || m.startsWith(`${base}/`));
}
