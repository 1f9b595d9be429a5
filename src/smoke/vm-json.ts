/**
 * The engine REST API v4 JSON the VM stage reads (facts §4.2–§4.7): only the fields it uses. The engine's JSON
 * follows the JAXB model: collections are `{"vm": [...]}` (possibly `{}` when empty), nested lists have a
 * wrapper (`custom_properties.custom_property[]`), and numbers often arrive as strings — so every reader here
 * accepts both.
 */

export interface Link {
  id?: string;
  href?: string;
}

export interface VersionJson {
  major?: number | string;
  minor?: number | string;
}

export interface CustomProperty {
  name?: string;
  value?: string;
}

export interface VmJson {
  id: string;
  name?: string;
  status?: string;
  os?: { type?: string };
  bios?: { type?: string };
  cluster?: Link;
  host?: Link;
  custom_compatibility_version?: VersionJson;
  custom_properties?: { custom_property?: CustomProperty[] };
  initialization?: Record<string, unknown>;
  payloads?: { payload?: { type?: string }[] };
}

export interface ClusterJson {
  id: string;
  name?: string;
  version?: VersionJson;
  bios_type?: string;
}

export interface HostJson {
  id: string;
  name?: string;
  address?: string;
}

export interface EventJson {
  id?: string | number;
  code?: string | number;
  description?: string;
  severity?: string;
  time?: string | number;
  vm?: Link;
}

/** `{major: 4, minor: "3"}` → "4.3"; undefined when either part is missing. */
export function versionText(v: VersionJson | undefined): string | undefined {
  if (v?.major === undefined || v.minor === undefined) return undefined;
  return `${Number(v.major)}.${Number(v.minor)}`;
}

/** Compare "4.3" and "4.10" numerically. */
export function compareLevels(a: string, b: string): number {
  const [am = 0, an = 0] = a.split('.').map(Number);
  const [bm = 0, bn = 0] = b.split('.').map(Number);
  return am - bm || an - bn;
}

/** The VM's custom properties as complete name/value pairs, in the engine's order. */
export function customProperties(vm: VmJson): { name: string; value: string }[] {
  return (vm.custom_properties?.custom_property ?? []).flatMap((p) =>
    typeof p.name === 'string' && typeof p.value === 'string' ? [{ name: p.name, value: p.value }] : [],
  );
}

/**
 * The properties for a Run Once with the payload property (`floppy`, or the CD property) set: the VM's own list,
 * with an existing one of that name replaced in place and otherwise appended. The list replaces all of the VM's
 * properties for that run, so dropping one would remove it (facts §4.4–4.5).
 */
export function mergePayloadProperty(
  existing: { name: string; value: string }[],
  path: string,
  name = 'floppy',
): { name: string; value: string }[] {
  const payload = { name, value: path };
  const has = existing.some((p) => p.name === name);
  return has ? existing.map((p) => (p.name === name ? payload : p)) : [...existing, payload];
}

/** `name=value;…` in order, for messages (values of VM custom properties may not contain `;`, facts §1.4). */
export function propertiesText(props: { name: string; value: string }[]): string {
  return props.length === 0 ? '(none)' : props.map((p) => `${p.name}=${p.value}`).join(';');
}
