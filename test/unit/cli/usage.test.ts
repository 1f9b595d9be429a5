import { describe, expect, it } from 'vitest';
import { runCli } from './harness.js';

describe('usage', () => {
  it('--help lists the five commands and the exit codes', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const command of ['check', 'apply', 'smoke', 'image <out> <files..>', 'init [file]']) {
      expect(r.stdout).toMatch(new RegExp(`^ {2}ovirt-floppy ${command.replace(/[.[\]<>]/g, '\\$&')} `, 'm'));
    }
    expect(r.stdout).toContain('--accept-new-host-keys');
    expect(r.stdout).toContain('--no-color');
    expect(r.stdout).toContain('--debug');
    expect(r.stdout).toContain('Exit codes: 0 all ok');
    expect(r.stderr).toBe('');
  });

  it.each(['check', 'apply', 'smoke', 'image', 'init'])('%s --help shows examples', async (command) => {
    const r = await runCli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain(`ovirt-floppy ${command}`);
  });

  it('check --help and apply --help show their DESIGN §2 flags', async () => {
    const check = (await runCli(['check', '--help'])).stdout;
    for (const flag of ['-c, --config', '--only', '--format', '--output']) expect(check).toContain(flag);
    expect(check).toContain('"human", "json", "junit", "nagios", "prometheus"');
    const apply = (await runCli(['apply', '--help'])).stdout;
    for (const flag of ['--dry-run', '--diff', '-y, --yes', '--cleanup-stale', '--only', '--format']) expect(apply).toContain(flag);
    expect(apply).not.toContain('--output');
    const smoke = (await runCli(['smoke', '--help'])).stdout;
    expect(smoke).toContain('--keep');
  });

  it('--version prints the package version', async () => {
    const r = await runCli(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+.*\n$/);
  });

  it.each([
    [['check', '--bogus'], /Unknown argument: bogus/],
    [['frobnicate'], /Unknown argument: frobnicate/],
    [[], /Name a command/],
    [['check', '--format', 'xml'], /Invalid values:[\s\S]*format/],
    [['apply', '--output', 'x.json'], /Unknown argument: output/],
  ])('%j → exit 2 with the yargs message, nothing loaded', async (args, message) => {
    const r = await runCli(args, {
      loadConfig: () => {
        throw new Error('must not load');
      },
    });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain('run `ovirt-floppy --help` for usage');
    expect(r.runCalls).toHaveLength(0);
  });

  it('a usage error under --format nagios is UNKNOWN (3)', async () => {
    const r = await runCli(['check', '--format', 'nagios', '--bogus']);
    expect(r.code).toBe(3);
    expect(r.stdout).toBe('OVIRT-FLOPPY UNKNOWN - Unknown argument: bogus\n');
  });
});
