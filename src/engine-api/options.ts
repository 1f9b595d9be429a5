/**
 * What the RUNNING engine holds for UserDefinedVMProperties: `GET /options/UserDefinedVMProperties` reads the
 * engine's in-memory config cache (facts §1.6), so a value that differs from engine-config's stored one means
 * a restart is still pending.
 */
import type { EngineFacts } from '../check-api.js';
import type { EngineApi } from './client.js';

interface SystemOptionJson {
  name?: string;
  // JAXB wrapper for the repeated element (facts §4.2).
  values?: { system_option_value?: { value?: string; version?: string }[] };
}

export function parseSystemOption(json: SystemOptionJson): Record<string, string> {
  const byLevel: Record<string, string> = {};
  for (const v of json.values?.system_option_value ?? []) if (v.version) byLevel[v.version] = v.value ?? '';
  return byLevel;
}

export async function fetchEngineFacts(api: EngineApi): Promise<EngineFacts> {
  try {
    const json = await api.request<SystemOptionJson>('GET', '/options/UserDefinedVMProperties');
    return { runningUserDefinedVMProperties: parseSystemOption(json) };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}
