/**
 * The engine's JSON (facts §4.2: Jackson over the JAXB model; collections as `{"host": [...]}`, nested lists in
 * their wrapper, empty fields omitted) → the inventory types of the check contract. Pure, so unit tests feed
 * captured answers. Scalars are taken as the real API sends them (numbers, booleans, dates as epoch ms: api-model
 * `A01-PrimitiveTypes.adoc`) and also as strings, which older stand-ins and XML-minded proxies produce.
 */
import type { EngineCluster, EngineHook, EngineHost, EngineVm } from '../check-api.js';

type Json = Record<string, unknown>;

function obj(v: unknown): Json | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
}

function text(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return undefined;
}

/** `{"host": [...]}` → the array; `{}` (an empty collection, NON_NULL) → []. */
export function collection(json: unknown, key: string): Json[] {
  const list = obj(json)?.[key];
  return Array.isArray(list) ? list.map(obj).filter((x): x is Json => x !== undefined) : [];
}

/** `{"major": 4, "minor": 7}` (or strings) → "4.7". */
export function versionText(v: unknown): string | undefined {
  const o = obj(v);
  const major = text(o?.major);
  const minor = text(o?.minor);
  return major !== undefined && minor !== undefined ? `${Number(major)}.${Number(minor)}` : undefined;
}

/** An xs:dateTime string or epoch milliseconds (JSON) → ISO string. */
export function dateText(v: unknown): string | undefined {
  const ms = typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

function linkId(v: unknown): string | undefined {
  return text(obj(v)?.id);
}

export function parseCluster(c: Json): EngineCluster {
  return { id: text(c.id) ?? '', name: text(c.name) ?? '', version: versionText(c.version), biosType: text(c.bios_type) };
}

export function parseHost(h: Json, clusters: readonly EngineCluster[]): EngineHost {
  const clusterId = linkId(h.cluster);
  const clusterName = clusters.find((c) => c.id === clusterId)?.name ?? text(obj(h.cluster)?.name);
  return {
    id: text(h.id) ?? '',
    name: text(h.name) ?? '',
    address: text(h.address) ?? '',
    status: (text(h.status) ?? 'unknown').toLowerCase(),
    ...(clusterId ? { clusterId } : {}),
    ...(clusterName ? { clusterName } : {}),
    ...(text(h.type) ? { type: text(h.type)!.toLowerCase() } : {}),
  };
}

/** `GET /hosts/{id}/hooks` → hooks (api-model Hook: event_name, name, md5). */
export function parseHooks(json: unknown): EngineHook[] {
  return collection(json, 'hook').map((h) => {
    const checksum = text(h.md5);
    return { event: text(h.event_name) ?? '', name: text(h.name) ?? '', ...(checksum ? { checksum } : {}) };
  });
}

export function customProperties(v: Json): { name: string; value: string }[] {
  return collection(obj(v.custom_properties), 'custom_property')
    .map((p) => ({ name: text(p.name) ?? '', value: text(p.value) ?? '' }))
    .filter((p) => p.name !== '');
}

export function parseVm(v: Json): EngineVm {
  const hostId = linkId(v.host);
  const clusterId = linkId(v.cluster);
  const ccv = versionText(v.custom_compatibility_version);
  return {
    id: text(v.id) ?? '',
    name: text(v.name) ?? '',
    status: (text(v.status) ?? 'unknown').toLowerCase(),
    ...(clusterId ? { clusterId } : {}),
    ...(hostId ? { hostId } : {}),
    ...(text(obj(v.os)?.type) ? { osType: text(obj(v.os)?.type) } : {}),
    ...(text(obj(v.bios)?.type) ? { biosType: text(obj(v.bios)?.type) } : {}),
    ...(ccv ? { customCompatibilityVersion: ccv } : {}),
    customProperties: customProperties(v),
    hasInitialization: obj(v.initialization) !== undefined && Object.keys(obj(v.initialization)!).length > 0,
  };
}

/** Audit log codes that change a VM's configuration (engine AuditLogType: USER_ADD_VM 34, USER_UPDATE_VM 35). */
export const VM_CONFIG_EVENT_CODES: readonly number[] = [34, 35];

/** The newest configuration-change event of one VM (events come newest first, but sort anyway). */
export function lastConfigChange(json: unknown, vmId: string): string | undefined {
  let newest: number | undefined;
  for (const e of collection(json, 'event')) {
    if (linkId(e.vm) !== vmId || !VM_CONFIG_EVENT_CODES.includes(Number(text(e.code)))) continue;
    const iso = dateText(e.time);
    const ms = iso ? Date.parse(iso) : NaN;
    if (Number.isFinite(ms) && (newest === undefined || ms > newest)) newest = ms;
  }
  return newest === undefined ? undefined : new Date(newest).toISOString();
}
