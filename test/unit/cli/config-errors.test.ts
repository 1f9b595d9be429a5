import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/index.js';
import { ConfigError } from '../../../src/errors.js';
import { labConfig } from '../../support/check-harness.js';
import { okReport } from '../report/sample-report.js';
import { runCli, tempCwd } from './harness.js';

const THREE_MISTAKES = `
ssh:
  port: twenty-two
manager:
  host: engine.example.com
hypervisors:
  - name: hv1
sftp:
  host: nfs.example.com
floppy:
  serverPath: exports/iso/floppy
  clientPath: /rhev/data-center/mnt/nfs.example.com:_exports_iso/floppy
`;

describe('config errors', () => {
  it('print every `path: message`, exit 2, and contact nothing (real loadConfig)', async () => {
    const cwd = await tempCwd();
    await writeFile(join(cwd, 'bad.yaml'), THREE_MISTAKES);
    const r = await runCli(['check', '-c', 'bad.yaml'], { cwd, loadConfig });
    expect(r.code).toBe(2);
    expect(r.exitCodeSet).toEqual([2]);
    expect(r.stderr).toContain('3 configuration problems');
    expect(r.stderr).toMatch(/^ {2}ssh\.port: /m);
    expect(r.stderr).toMatch(/^ {2}hypervisors\[0\]\.host: is required/m);
    expect(r.stderr).toMatch(/^ {2}floppy\.serverPath: /m);
    expect(r.stderr).toContain('nothing was contacted');
    expect(r.stdout).toBe('');
    expect(r.runCalls).toHaveLength(0);
    expect(r.connectorCreated).toBe(0);
    expect(r.connects).toBe(0);
  });

  it('under --format nagios print one UNKNOWN line on stdout and exit 3', async () => {
    const issues = [
      { path: 'a', message: 'x' },
      { path: 'b.c', message: 'y' },
      { path: 'd[0]', message: 'z' },
    ];
    const r = await runCli(['check', '--format', 'nagios'], {
      loadConfig: () => {
        throw new ConfigError(issues, '/etc/o.yaml');
      },
    });
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('OVIRT-FLOPPY UNKNOWN - configuration invalid: 3 problems in /etc/o.yaml\n');
    for (const line of ['  a: x', '  b.c: y', '  d[0]: z']) expect(r.stderr).toContain(line);
    expect(r.connectorCreated).toBe(0);
  });

  it('print config warnings on stderr and carry on', async () => {
    const r = await runCli(['check', '--format', 'json'], {
      loadConfig: () => ({
        config: labConfig(),
        warnings: [{ path: 'floppy.propertyRegex', message: 'can match outside the floppy directory' }],
        file: '/etc/o.yaml',
      }),
      run: async () => okReport(),
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('warning: /etc/o.yaml: floppy.propertyRegex: can match outside the floppy directory\n');
    expect(JSON.parse(r.stdout).schemaVersion).toBe(1);
  });

  it('a missing engine API password is a config error before anything is contacted', async () => {
    const r = await runCli(['check'], {
      engineFactsSource: async () => {
        throw new ConfigError([{ path: 'engineApi.passwordEnv', message: 'environment variable X is not set' }]);
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('engineApi.passwordEnv: environment variable X is not set');
    expect(r.runCalls).toHaveLength(0);
    expect(r.connectorCreated).toBe(0);
  });
});
