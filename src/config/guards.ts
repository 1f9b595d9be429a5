/**
 * Small type guards. The rules and defaults passes run even when the schema pass found problems (so every
 * issue is reported at once), so they read the document as `unknown` and skip what is not the right shape.
 */

export type Obj = Record<string, unknown>;

export function isObj(value: unknown): value is Obj {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

export function int(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) ? value : undefined;
}

export function objAt(parent: unknown, key: string): Obj | undefined {
  if (!isObj(parent)) return undefined;
  const value = parent[key];
  return isObj(value) ? value : undefined;
}
