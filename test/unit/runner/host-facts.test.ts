import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ParseError } from '../../../src/errors.js';
import { FACT_COMMANDS, HOST_FACTS_KEY, parseHostFacts, parseRpmVersions } from '../../../src/runner/host-facts.js';
import { buildProbeScript, newNonce, splitProbeOutput, type ProbeOutput } from '../../../src/runner/probe-script.js';
import { loadFactsFixture } from '../../support/fact-answers.js';

const asMap = (o: Record<string, ProbeOutput>) => new Map(Object.entries(o));
const wholeHost = (file: string) =>
  asMap(JSON.parse(readFileSync(new URL(`../../fixtures/outputs/${file}`, import.meta.url), 'utf8')) as Record<string, ProbeOutput>);
/** The facts output with its lines edited (the composed cases below). */
const edited = (fixture: string, edit: (stdout: string) => string) => {
  const facts = loadFactsFixture(fixture);
  return asMap({ [HOST_FACTS_KEY]: { stdout: edit(facts[HOST_FACTS_KEY]!.stdout), exitCode: 0 } });
};

describe('FACT_COMMANDS', () => {
  it('is ONE script command, and it starts no process for hostname, uid, tools, units or the release files', () => {
    expect(FACT_COMMANDS.map((c) => c.key)).toEqual([HOST_FACTS_KEY]);
    const sh = FACT_COMMANDS[0]!.command;
    // The only programs: rpm (once, for all three packages) and getenforce; uname/id only when /proc is missing.
    expect(sh.match(/\brpm -q\b/g)).toHaveLength(1);
    expect(sh).toContain("rpm -q --qf 'rpm:%{NAME} %{VERSION}-%{RELEASE}\\n' vdsm ovirt-engine vdsm-hook-floppy");
    expect(sh).not.toMatch(/\bcat\b|ssh -V|sshd -V|\$\(command -v/);
    expect(sh).toContain('[ -n "$h" ] || h=$(uname -n)');
    expect(sh).toContain('[ -n "$u" ] || u=$(id -u)');
  });

  it('runs under dash and bash --posix here and gives what uname -n and id -u give (fresh run, not a fixture)', () => {
    for (const shell of [
      ['sh', '-s'],
      ['bash', '--posix', '-s'],
    ]) {
      const nonce = newNonce();
      const r = spawnSync(shell[0]!, shell.slice(1), { input: buildProbeScript(FACT_COMMANDS, nonce) });
      const facts = parseHostFacts(splitProbeOutput(r.stdout, nonce));
      expect(facts.hostname).toBe(spawnSync('uname', ['-n'], { encoding: 'utf8' }).stdout.trim());
      expect(facts.uid).toBe(Number(spawnSync('id', ['-u'], { encoding: 'utf8' }).stdout.trim()));
      expect(facts.osId).not.toBe('unknown');
    }
  });
});

describe('parseHostFacts', () => {
  it('reads a stock Debian machine (no sshd, no getenforce, rpm without packages)', () => {
    expect(parseHostFacts(asMap(loadFactsFixture('debian12-machine')))).toEqual({
      hostname: 'vm',
      uid: 0,
      osId: 'debian',
      osVersionId: '12',
      redhatRelease: undefined,
      packageManager: undefined,
      hasRpm: true,
      vdsmVersion: undefined,
      engineVersion: undefined,
      hookPackageVersion: undefined,
      selinux: 'absent',
      sshdService: 'sshd',
      sshdPath: undefined,
    });
  });

  it('reads the lab hypervisors and manager (whole-host captures)', () => {
    const hv1 = parseHostFacts(wholeHost('hypervisor-vdsm-installed/lab-hv1-stock-host.json'));
    expect(hv1).toEqual({
      hostname: 'hv1',
      uid: 0,
      osId: 'debian',
      osVersionId: '12',
      redhatRelease: 'Red Hat Enterprise Linux release 8.9 (Ootpa)',
      packageManager: 'dnf',
      hasRpm: true,
      vdsmVersion: '4.30.46-1.el7',
      engineVersion: undefined,
      hookPackageVersion: undefined,
      selinux: 'disabled',
      sshdService: 'ssh',
      sshdPath: '/usr/sbin/sshd',
    });
    expect(parseHostFacts(wholeHost('hypervisor-vdsm-installed/lab-hv2-stock-host.json'))).toMatchObject({
      hostname: 'hv2',
      selinux: 'enforcing',
    });
    expect(parseHostFacts(wholeHost('manager-engine-installed/lab-mgr-stock-host.json'))).toMatchObject({
      hostname: 'mgr',
      vdsmVersion: undefined,
      engineVersion: '4.5.6-1.el8',
      hookPackageVersion: undefined,
      redhatRelease: undefined,
    });
  });

  it('the hook package version comes from the same rpm -q', () => {
    const facts = parseHostFacts(asMap(loadFactsFixture('composed-hv1-hook-installed')));
    expect(facts).toMatchObject({ vdsmVersion: '4.30.46-1.el7', hookPackageVersion: '4.30.46-1.el7' });
    expect(facts).not.toHaveProperty('rpmError');
  });

  it('a missing redhat-release is no line; an empty one is undefined, a present one is its first line', () => {
    const add = (line: string) => edited('debian12-machine', (s) => s.replace('package vdsm', `${line}package vdsm`));
    expect(parseHostFacts(add('redhat-release:\n')).redhatRelease).toBeUndefined();
    expect(parseHostFacts(add('redhat-release:CentOS Linux release 7.9.2009 (Core)\n')).redhatRelease).toBe(
      'CentOS Linux release 7.9.2009 (Core)',
    );
  });

  it('getenforce: its first line lower-cased when it exits 0, else absent', () => {
    const withEnforce = (line: string) => edited('debian12-machine', (s) => `${s}${line}\n`);
    expect(parseHostFacts(withEnforce('getenforce=0 Enforcing')).selinux).toBe('enforcing');
    expect(parseHostFacts(withEnforce('getenforce=0 Permissive')).selinux).toBe('permissive');
    expect(parseHostFacts(withEnforce('getenforce=1 ')).selinux).toBe('absent');
    expect(parseHostFacts(withEnforce('getenforce=0 something else')).selinux).toBe('absent');
  });

  it('a later line cannot override hostname or uid (first occurrence wins)', () => {
    const facts = parseHostFacts(edited('debian12-machine', (s) => `${s}hostname=evil\nuid=1000\n`));
    expect(facts).toMatchObject({ hostname: 'vm', uid: 0 });
  });

  it('refuses output without hostname or uid (garbage, or the facts command was cut)', () => {
    expect(() => parseHostFacts(asMap({ [HOST_FACTS_KEY]: { stdout: 'Welcome to the machine\n', exitCode: 0 } }))).toThrow(ParseError);
    expect(() => parseHostFacts(edited('debian12-machine', (s) => s.replace('uid=0', 'uid=')))).toThrow(ParseError);
    expect(() => parseHostFacts(new Map())).toThrow(ParseError);
  });

  it('rpm output without an answer for every package: rpmError, answered versions kept', () => {
    const garbage = parseHostFacts(edited('debian12-machine', (s) => s.replace(/package vdsm[\s\S]*rpm-exit=3\n/, '\nrpm-exit=1\n')));
    expect(garbage.rpmError).toBe(
      'rpm -q vdsm ovirt-engine vdsm-hook-floppy gave no answer for vdsm, ovirt-engine, vdsm-hook-floppy (exit 1)',
    );
    expect(garbage).toMatchObject({ hasRpm: true, vdsmVersion: undefined, hookPackageVersion: undefined });
    const cut = parseHostFacts(edited('composed-hv1-hook-installed', (s) => s.replace(/rpm:vdsm-hook-floppy[\s\S]*$/, '')));
    expect(cut).toMatchObject({ vdsmVersion: '4.30.46-1.el7', hookPackageVersion: undefined });
    expect(cut.rpmError).toBe('rpm -q vdsm ovirt-engine vdsm-hook-floppy gave no answer for vdsm-hook-floppy (no exit status: cut short)');
    // No rpm at all is not an rpm error.
    const noRpm = parseHostFacts(edited('debian12-machine', (s) => s.replace('cmd.rpm=/usr/bin/rpm\n', '').replace(/package[\s\S]*$/, '')));
    expect(noRpm.hasRpm).toBe(false);
    expect(noRpm).not.toHaveProperty('rpmError');
  });
});

describe('parseRpmVersions', () => {
  it('takes name and version-release per installed package, the not-installed ones, and the exit status', () => {
    expect(
      parseRpmVersions([
        'rpm:vdsm 4.30.46-1.el7',
        'package ovirt-engine is not installed',
        'package vdsm-hook-floppy is not installed',
        '',
        'rpm-exit=2',
      ]),
    ).toEqual({ versions: { vdsm: '4.30.46-1.el7' }, unanswered: [], exitCode: 2 });
  });

  it('several installed versions of one package are joined; other packages and stray lines are ignored', () => {
    expect(
      parseRpmVersions(['rpm:vdsm-hook-floppy 4.30.40-1.el7', 'rpm:vdsm-hook-floppy 4.30.46-1.el7', 'rpm:kernel 5.14-1', 'hostname=x']),
    ).toEqual({
      versions: { 'vdsm-hook-floppy': '4.30.40-1.el7, 4.30.46-1.el7' },
      unanswered: ['vdsm', 'ovirt-engine'],
      exitCode: undefined,
    });
  });
});
