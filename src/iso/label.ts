/**
 * The volume label of an ISO: the primary volume identifier (d-characters A-Z 0-9 _, ECMA-119 7.4.1) and the Joliet
 * one (16 UCS-2 characters: 32 bytes). One label for both, so Windows and isoinfo show the same name.
 */
export const DEFAULT_ISO_LABEL = 'PAYLOAD';
export const ISO_LABEL_MAX = 16;

export function normalizeIsoLabel(label: string | undefined): string {
  return (label ?? DEFAULT_ISO_LABEL).toUpperCase();
}

export function isoLabelProblems(label: string | undefined): string[] {
  if (label === undefined) return [];
  const upper = label.toUpperCase();
  const problems: string[] = [];
  if (upper === '') problems.push('label: empty; leave --label out for the default PAYLOAD');
  if (/[^A-Z0-9_]/.test(upper)) problems.push(`label ${JSON.stringify(label)}: only letters, digits and "_" (ISO 9660 d-characters)`);
  if (upper.length > ISO_LABEL_MAX)
    problems.push(`label ${JSON.stringify(label)}: ${upper.length} characters; at most ${ISO_LABEL_MAX} (the Joliet volume identifier)`);
  return problems;
}
