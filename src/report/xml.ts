/** XML text helpers for the JUnit report. */

/**
 * Escapes text for an XML 1.0 attribute or element. Characters XML 1.0 cannot carry at all (most C0 controls,
 * e.g. ANSI escapes in captured remote output, and lone surrogates) become U+FFFD instead of breaking the
 * document for every CI parser.
 */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/** ` name="value"` pairs, skipping undefined values. */
export function xmlAttrs(attrs: Record<string, string | number | undefined>): string {
  return Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`)
    .join('');
}
