/** docs/config.md stays true: its example validates, and it documents every key of the schema. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/config/index.js';
import { configSchema } from '../../../src/config/schema.js';

const doc = readFileSync(join(import.meta.dirname, '../../../docs/config.md'), 'utf8');

describe('docs/config.md', () => {
  it('its example config validates without warnings', () => {
    const example = /```yaml\n([\s\S]*?)```/.exec(doc)?.[1];
    expect(example).toBeDefined();
    const { config, warnings } = parseConfig(example ?? '', { file: 'example.yaml', home: '/home/u' });
    expect(warnings).toEqual([]);
    expect(config.smoke?.vm).toBe('floppy-smoke');
  });

  it('mentions every key of the schema as `key`', () => {
    const keys = new Set<string>();
    const visit = (node: Record<string, unknown>): void => {
      for (const [k, sub] of Object.entries((node.properties ?? {}) as Record<string, Record<string, unknown>>)) {
        keys.add(k);
        visit(sub);
        if (sub.items) visit(sub.items as Record<string, unknown>);
      }
    };
    visit(configSchema());
    expect([...keys].filter((k) => !doc.includes(`\`${k}\``))).toEqual([]);
  });
});
