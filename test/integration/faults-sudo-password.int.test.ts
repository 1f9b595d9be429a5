/**
 * Issue #13 item 7, injected for real: a hypervisor's login user `ops` (not root) whose real sudo wants a
 * password (`ops ALL=(ALL) ALL`, a random password set with chpasswd, never printed). The tool runs
 * `sudo -n sh -c 'sh -s'`, which fails at once (no prompt, no password anywhere): the host is an error host with
 * ONE message naming host, user, command, sudo's first line and the remedy; every other host is audited in full;
 * exit 3 and Nagios CRITICAL; nothing secret in stdout, stderr or the report file; root still logs in.
 * Counter-cases: the same user with NOPASSWD gets the same full audit root gets; with `become: none` every check
 * that needs root is an error naming the user, and the rest is judged.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { RunReport } from '../../src/result/model.js';
import { labPaths, sshRoot, startGroup, type LabGroup } from '../lab/api.js';
import { runCli, runJson } from '../support/run-cli.js';

const USER = 'ops';
// Random per run: a fixed one could sit in some output by accident and still pass a "not printed" test.
const PASSWORD = randomBytes(18).toString('base64url');
const REMEDY = `give ${USER} passwordless sudo (NOPASSWD) for the commands, or log in as root`;
const tmp = mkdtempSync(join(tmpdir(), 'ofl-sudo-'));

let group: LabGroup;
let hv: { name: string; address: string };

async function onHv(command: string, input?: string): Promise<string> {
  const r = await sshRoot(hv.address, command, { knownHostsFile: group.knownHostsPath, ...(input === undefined ? {} : { input }) });
  expect(r.code, `${command}: ${r.stderr}`).toBe(0);
  return r.stdout;
}

/** The group's config with the first hypervisor logging in as `ops` (become as given). */
function configAsOps(become: 'sudo' | 'none'): string {
  const c = parse(readFileSync(group.configPath, 'utf8')) as { hypervisors: Record<string, unknown>[] };
  c.hypervisors[0] = { ...c.hypervisors[0], user: USER, become };
  const file = join(tmp, `ops-${become}.yaml`);
  writeFileSync(file, stringify(c));
  return file;
}

const sudoers = (rule: string) => onHv(`umask 077; printf '%s\\n' '${rule}' >/etc/sudoers.d/${USER} && visudo -cqf /etc/sudoers.d/${USER}`);

function statuses(report: RunReport, name: string): [string, string][] {
  return report.hosts.find((h) => h.name === name)!.checks.map((c) => [c.id, c.status]);
}

beforeAll(async () => {
  group = await startGroup({ manager: true, hypervisors: [{}, {}], sftp: true });
  hv = group.hypervisors[0]!;
  const pub = readFileSync(`${labPaths.idLab}.pub`, 'utf8').trim();
  await onHv(
    `useradd -m -s /bin/sh ${USER} && install -d -m 0700 -o ${USER} -g ${USER} /home/${USER}/.ssh && ` +
      `printf '%s\\n' '${pub}' >/home/${USER}/.ssh/authorized_keys && chown ${USER}: /home/${USER}/.ssh/authorized_keys`,
  );
  // On stdin, so the password is in no argv on either side.
  await onHv('chpasswd', `${USER}:${PASSWORD}\n`);
  await sudoers(`${USER} ALL=(ALL) ALL`);
});
afterAll(async () => {
  await group?.stop();
});

describe('a non-root login whose sudo wants a password', () => {
  it('the real sudo refuses sudo -n (the fault is real, not assumed)', async () => {
    const r = await sshRoot(hv.address, 'sudo -n true', { user: USER, knownHostsFile: group.knownHostsPath });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('sudo: a password is required');
  });

  it('check: the host errors with one message, the others are audited in full, exit 3, Nagios CRITICAL, no secret', async () => {
    const config = configAsOps('sudo');
    const out = join(tmp, 'report.json');
    const json = await runCli(['check', '-c', config, '--no-state', '--format', 'json', '--output', out]);
    expect(json.code, json.stderr).toBe(3);
    const report = JSON.parse(readFileSync(out, 'utf8')) as RunReport;
    const message =
      `${hv.name}: the login user ${USER} cannot become root: \`sudo -n sh -c 'sh -s'\` exit 1: ` +
      `sudo: a password is required; ${REMEDY}`;
    const bad = report.hosts.find((h) => h.name === hv.name)!;
    expect(bad).toMatchObject({ reachable: true, error: message });
    expect(bad.checks.length).toBeGreaterThan(0);
    for (const c of bad.checks) expect([c.id, c.status, c.reason]).toEqual([c.id, 'error', message]);

    const others = report.hosts.filter((h) => h.name !== hv.name);
    expect(others.map((h) => h.role).sort()).toEqual(['hypervisor', 'manager', 'sftp']);
    for (const h of others) {
      expect(h.reachable, h.name).toBe(true);
      expect(h.error, h.name).toBeUndefined();
      expect(h.checks.length, h.name).toBeGreaterThan(0);
      expect(
        h.checks.filter((c) => c.status === 'error').map((c) => `${c.id}: ${c.reason}`),
        h.name,
      ).toEqual([]);
    }

    const human = await runCli(['check', '-c', config, '--no-state', '--format', 'human']);
    expect(human.code).toBe(3);
    // ONE message: the host's error once, not once per check.
    expect((human.stdout + human.stderr).split(REMEDY).length - 1, human.stdout).toBe(1);
    const nagios = await runCli(['check', '-c', config, '--no-state', '--format', 'nagios']);
    expect(nagios.code).toBe(2);
    expect(nagios.stdout).toContain(hv.name);

    for (const text of [json.stdout, json.stderr, readFileSync(out, 'utf8'), human.stdout, human.stderr, nagios.stdout, nagios.stderr]) {
      expect(text.includes(PASSWORD)).toBe(false);
      expect(text).not.toContain('[sudo] password for');
    }
  });

  it('apply --dry-run plans nothing on that host and exits 3; root still logs in', async () => {
    const { code, report, stderr } = await runJson(['apply', '-c', configAsOps('sudo'), '--dry-run']);
    expect(code, stderr).toBe(3);
    const bad = report.hosts.find((h) => h.name === hv.name)!;
    expect(bad.checks.every((c) => c.status === 'error' && c.changes.length === 0)).toBe(true);
    expect(await onHv('id -u')).toBe('0\n');
  });
});

describe('counter-cases', () => {
  it('the same user with NOPASSWD: the same full audit root gets, no error', async () => {
    await sudoers(`${USER} ALL=(ALL) NOPASSWD: ALL`);
    const asRoot = await runJson(['check', '-c', group.configPath, '--no-state']);
    const asOps = await runJson(['check', '-c', configAsOps('sudo'), '--no-state']);
    expect(asOps.code, asOps.stderr).toBe(asRoot.code);
    expect(asOps.code).not.toBe(3);
    const host = asOps.report.hosts.find((h) => h.name === hv.name)!;
    expect(host.error).toBeUndefined();
    expect(host.checks.filter((c) => c.status === 'error')).toEqual([]);
    expect(statuses(asOps.report, hv.name)).toEqual(statuses(asRoot.report, hv.name));
  });

  it('become: none: every check that needs root is an error naming the user; the others are judged; exit 3', async () => {
    const { code, report, stderr } = await runJson(['check', '-c', configAsOps('none'), '--no-state']);
    expect(code, stderr).toBe(3);
    const host = report.hosts.find((h) => h.name === hv.name)!;
    expect(host.error).toBeUndefined();
    const uid = (await onHv(`id -u ${USER}`)).trim();
    const errors = host.checks.filter((c) => c.status === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const c of errors)
      expect(c.reason, c.id).toMatch(new RegExp(`^needs root: the probe ran as the login user ${USER} \\(uid ${uid}; become: none\\)`));
    // Judged from what every user may read (rpm -q): not an error.
    expect(host.checks.find((c) => c.id === 'hypervisor-vdsm-installed')?.status).toBe('ok');
    expect(host.checks.find((c) => c.id === 'hypervisor-floppy-access')?.status).not.toBe('skipped');
  });
});
