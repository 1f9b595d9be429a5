/**
 * The sudo wrapping, run for real: a stand-in `sudo` (it insists on `-n` and then executes its arguments, as
 * sudo does with a NOPASSWD rule) on PATH, so the wrapped command line goes through two shells as on a host.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRemoteCommand, needsSudo } from '../../../src/ssh/remote-command.js';
import { quote } from '../../../src/shell/quote.js';

const bin = mkdtempSync(join(tmpdir(), 'ofl-sudo-'));
writeFileSync(join(bin, 'sudo'), '#!/bin/sh\n[ "$1" = -n ] || { echo "sudo: a password is required" >&2; exit 1; }\nshift\nexec "$@"\n');
chmodSync(join(bin, 'sudo'), 0o755);
afterAll(() => rmSync(bin, { recursive: true, force: true }));

const deploy = { user: 'deploy', become: 'sudo' as const };

describe('buildRemoteCommand', () => {
  it('wraps privileged commands of a non-root sudo user as sudo -n sh -c <quoted>', () => {
    const command = `printf '%s\\n' "it's" $((6*7)) | tr a-z A-Z`;
    const line = buildRemoteCommand(command, deploy);
    expect(line).toBe(quote(['sudo', '-n', 'sh', '-c', command]));
    const out = execFileSync('sh', ['-c', line], { encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}` } });
    expect(out).toBe("IT'S\n42\n");
  });

  it('leaves the command alone for root, become none, or unprivileged execs', () => {
    expect(needsSudo({ user: 'root', become: 'sudo' }, true)).toBe(false);
    expect(needsSudo({ user: 'deploy', become: 'none' }, true)).toBe(false);
    expect(needsSudo(deploy, false)).toBe(false);
    expect(buildRemoteCommand('id -u', deploy, false)).toBe('id -u');
    expect(buildRemoteCommand('id -u', { user: 'root', become: 'sudo' })).toBe('id -u');
  });
});
