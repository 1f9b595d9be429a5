/**
 * sftp-sshd-chroot: sshd's EFFECTIVE configuration for the upload user (`sshd -T -C user=U,host=localhost,
 * addr=127.0.0.1`, facts §6.4) forces internal-sftp into sftp.chrootDir with forwarding and TTYs off, and sshd
 * still has an sftp subsystem, and internal-sftp logs transfers (`-l INFO -f AUTHPRIV`: the upload audit trail).
 *
 * Why: a file can say the right thing and still not apply (an earlier Match wins, facts §6.2), so the verdict
 * comes from sshd itself; the files are read only to plan the one block the tool owns (lib/sshd-plan.ts: in the
 * drop-in when sshd_config Includes sshd_config.d first, else at the end of sshd_config). The candidate is
 * validated with `sshd -t` against the full configuration before it replaces the live file (lib/sshd-validate.ts);
 * then the reload-sshd handler validates again and reloads (not restarts). Never a second `Subsystem sftp`
 * (facts §6.3). A configuration sshd already rejects is reported with sshd's words and left alone. Which
 * forwarding keywords the block may use depends on sshd's version, asked here (`sshd -V`, lib/sshd-block.ts), not
 * in the host facts every host runs. Role: sftp.
 */
import { defineCheck, type Finding, type SftpLiveFacts, type Step } from '../src/check-api.js';
import { normalizeRemotePath } from '../src/config/remote-path.js';
import { resolveSftp } from '../src/config/resolved.js';
import type { Config } from '../src/config/types.js';
import {
  forwardingLeaks,
  first,
  parseSshdEffective,
  sftpSubsystem,
  sshdEffectiveScript,
  type SshdEffective,
  type SshdView,
} from './lib/sshd-effective.js';
import { foreignMatchSettings, nameSetters } from './lib/sshd-match-blocks.js';
import { INTERNAL_SFTP_COMMAND, logsTransfers, parseSshdVersion, SSHD_VERSION_COMMAND } from './lib/sshd-block.js';
import { planSshdBlock, SSHD_DROPIN, SSHD_DROPIN_DIR, SSHD_MAIN, type ConfigFile, type SshdPlan } from './lib/sshd-plan.js';
import { sftpConfigured } from './lib/sftp-config.js';
import { octal, parseStatLines, statArgv, type StatEntry } from './lib/stat-lines.js';

export interface SshdChrootObserved {
  effective: SshdEffective;
  /** sshd's OpenSSH version (lib/sshd-block.ts SSHD_VERSION_COMMAND); undefined when it printed no banner. */
  version?: string;
  files: Map<string, StatEntry>;
  /** undefined when the file does not exist. */
  main?: string;
  dropIn?: string;
}

/** internal-sftp logs with syslog(3) after the chroot, so through /dev/log inside the jail (measured in the lab). */
const logSocketOf = (config: Config) => `${resolveSftp(config).chroot}/dev/log`;

const readFile = (stdout: string, exitCode: number): string | undefined => (exitCode === 0 ? stdout : undefined);

function fileOf(content: string | undefined, stat: StatEntry | undefined): ConfigFile | undefined {
  if (content === undefined) return undefined;
  return { content, mode: stat ? octal(stat.mode & 0o7777) : '0644', owner: stat?.user ?? 'root', group: stat?.group ?? 'root' };
}

function plan(o: SshdChrootObserved, config: Config, sshd: string): SshdPlan {
  const s = resolveSftp(config);
  const values = o.effective.state === 'ok' ? o.effective.values : new Map<string, string[]>();
  return planSshdBlock({
    main: fileOf(o.main, o.files.get(SSHD_MAIN)),
    dropIn: fileOf(o.dropIn, o.files.get(SSHD_DROPIN)),
    subsystemMissing: sftpSubsystem(values) === undefined,
    block: { user: s.uploadUser, chrootDir: s.chroot, opensshVersion: o.version },
    sshd,
  });
}

/**
 * What a new login as the upload user showed (runner, src/runner/sftp-live.ts): the RUNNING daemon, not the files.
 * An escape is reported even when `sshd -T` is clean: that is exactly a reload that failed or never ran.
 */
export function runningDaemonFindings(live: SftpLiveFacts | undefined, user: string, service: string): Finding[] {
  if (!live || live.login !== 'ok') return [];
  const escapes = [live.shell, live.forwarding].filter((x): x is string => x !== undefined);
  if (escapes.length === 0) return [];
  return [
    {
      code: 'running-sshd-unconfined',
      message: `the running sshd does not confine upload user ${user}: a new login as ${user}: ${escapes.join('; ')} (sshd has not read its configuration: systemctl reload ${service})`,
      expected: 'shell refused, forwarding refused',
      actual: escapes.join('; '),
    },
  ];
}

/**
 * A new login as the upload user that could not be made (sshd killed, a timeout): the running daemon is unproven.
 * Info, not drift: the files may be right and nothing is concluded about them; the message says what happened.
 */
export function liveLoginFailed(live: SftpLiveFacts | undefined, user: string): Finding[] {
  if (!live?.error) return [];
  return [
    {
      code: 'running-sshd-unproven',
      severity: 'info',
      fixable: false,
      message: `a new login as upload user ${user} failed, so what the running sshd does is unproven: ${live.error}`,
    },
  ];
}

export default defineCheck<SshdChrootObserved, Config>({
  id: 'sftp-sshd-chroot',
  title: 'sshd chroots the upload user into internal-sftp, without forwarding or TTY',
  roles: ['sftp'],
  severity: 'error',
  appliesTo: sftpConfigured,
  probe: ({ config }) => ({
    effective: {
      run: { sh: sshdEffectiveScript(resolveSftp(config).uploadUser, config.sftp?.uploadFrom ?? []) },
      parse: parseSshdEffective,
    },
    version: { run: SSHD_VERSION_COMMAND, parse: parseSshdVersion },
    files: {
      run: statArgv([SSHD_MAIN, SSHD_DROPIN_DIR, SSHD_DROPIN, logSocketOf(config)], false),
      parse: (out) => parseStatLines(out, 'stat of sshd config'),
    },
    main: { run: ['cat', SSHD_MAIN], parse: readFile },
    dropIn: { run: ['cat', SSHD_DROPIN], parse: readFile },
  }),
  compare: (o, { config, facts, sftpLive }) => {
    const e = o.effective;
    if (e.state === 'missing') return [{ code: 'sshd-missing', message: 'sshd is not installed (command not found)', fixable: false }];
    if (e.state === 'invalid')
      return [
        { code: 'sshd-config-invalid', message: `sshd rejects its configuration (exit ${e.exitCode}): ${e.message}`, fixable: false },
      ];
    const s = resolveSftp(config);
    const v = e.values;
    const findings = attributed(worstOf(e.views.map((view) => settingFindings(view, o, config))), o);
    const p = plan(o, config, facts.sshdPath ?? 'sshd');
    if (!sftpSubsystem(v)) {
      const unplaceable = p.kind === 'write' && p.subsystemUnplaceable;
      findings.push({
        code: 'sftp-subsystem-missing',
        message: `sshd defines no sftp subsystem${unplaceable ? `: add "Subsystem sftp internal-sftp" before the first Match in ${SSHD_MAIN}` : ''}`,
        fixable: !unplaceable,
      });
    }
    const live = [...runningDaemonFindings(sftpLive, s.uploadUser, facts.sshdService), ...liveLoginFailed(sftpLive, s.uploadUser)];
    if (p.kind === 'manual') return [...findings.map((f) => explain(f, p.reason)), ...live];
    // Our block is already there as planned and sshd still disagrees: something earlier wins (facts §6.2).
    if (p.content === p.before) {
      return [
        ...findings.map((f) => explain(f, `the ovirt-floppy block in ${p.path} is in place: an earlier Match or setting overrides it`)),
        ...live,
      ];
    }
    return [...findings, ...live];
  },
  fix: (o, { config, facts, sftpLive }) => {
    if (o.effective.state !== 'ok') return [];
    const p = plan(o, config, facts.sshdPath ?? 'sshd');
    if (p.kind === 'manual') return [];
    if (p.content === p.before) {
      // The files are right and the running daemon is not: it never read them. The handler validates and reloads.
      if (runningDaemonFindings(sftpLive, resolveSftp(config).uploadUser, facts.sshdService).length === 0) return [];
      return [
        {
          describe: `have sshd read its configuration (the running daemon does not confine the upload user)`,
          run: { argv: [facts.sshdPath ?? 'sshd', '-t'] },
          notify: 'reload-sshd',
        },
      ];
    }
    const steps: Step[] = [];
    if (p.path === SSHD_DROPIN && !o.files.has(SSHD_DROPIN_DIR)) {
      steps.push({ describe: `create ${SSHD_DROPIN_DIR}`, run: { argv: ['install', '-d', '-m', '0755', SSHD_DROPIN_DIR] } });
    }
    const { path, before, content, mode, owner, group, validate, validateLive } = p;
    steps.push({
      describe: `${before?.includes('# BEGIN ovirt-floppy') ? 'update' : 'add'} the ovirt-floppy Match block in ${path} (validated with sshd -t first)`,
      run: { writeFile: { path, content, mode, owner, group, before, validate, validateLive } },
      notify: 'reload-sshd',
    });
    return steps;
  },
});

/** What one `sshd -T -C` view says is wrong for the upload user. */
function settingFindings(view: SshdView, o: SshdChrootObserved, config: Config): { connection: string; findings: Finding[] } {
  const s = resolveSftp(config);
  const v = view.values;
  const findings: Finding[] = [];
  const force = first(v, 'forcecommand') ?? 'none';
  if (force.split(/\s+/)[0] !== 'internal-sftp')
    findings.push({
      code: 'force-command',
      message: `ForceCommand for ${s.uploadUser} is ${force}`,
      expected: 'internal-sftp',
      actual: force,
    });
  else if (!logsTransfers(force)) {
    findings.push({
      code: 'transfer-log-off',
      severity: 'warn',
      message: `internal-sftp for ${s.uploadUser} keeps no transfer log: who uploaded or removed which image is not on record`,
      expected: INTERNAL_SFTP_COMMAND,
      actual: force,
    });
  } else if (o.files.get(logSocketOf(config))?.type !== 'socket') {
    // Info, not drift: only the syslog daemon can provide the socket (docs/monitoring/README.md has the recipe).
    findings.push({
      code: 'transfer-log-socket-missing',
      severity: 'info',
      fixable: false,
      message: `${logSocketOf(config)} is not a socket: the chrooted internal-sftp cannot reach syslog, its transfer log is lost (rsyslog imuxsock or a bind of journald's dev-log there)`,
    });
  }
  const chroot = first(v, 'chrootdirectory') ?? 'none';
  if (normalizeRemotePath(chroot) !== s.chroot)
    findings.push({
      code: 'chroot-directory',
      message: `ChrootDirectory for ${s.uploadUser} is ${chroot}`,
      expected: s.chroot,
      actual: chroot,
    });
  const leaks = forwardingLeaks(v);
  if (leaks.length > 0)
    findings.push({
      code: 'forwarding-allowed',
      message: `forwarding is on for ${s.uploadUser}: ${leaks.join(', ')}`,
      expected: 'DisableForwarding yes, PermitTunnel no',
      actual: leaks.join(', '),
    });
  const tty = first(v, 'permittty') ?? 'yes';
  if (tty !== 'no') findings.push({ code: 'tty-allowed', message: `PermitTTY for ${s.uploadUser} is ${tty}`, expected: 'no', actual: tty });
  if (first(v, 'pubkeyauthentication') === 'no')
    findings.push({
      code: 'pubkey-off',
      message: `PubkeyAuthentication is off for ${s.uploadUser}: key logins fail`,
      expected: 'yes',
      actual: 'no',
    });
  return { connection: view.connection, findings };
}

/**
 * The worst of all views (issue #13): every finding of any view; one that not every view has names the
 * connections it appears on, since that is where a foreign Match catches the user.
 */
function worstOf(perView: { connection: string; findings: Finding[] }[]): Finding[] {
  const out = new Map<string, { finding: Finding; on: string[] }>();
  for (const { connection, findings } of perView)
    for (const f of findings) {
      const key = `${f.code}\u0000${f.message}`;
      const seen = out.get(key);
      if (seen) seen.on.push(connection);
      else out.set(key, { finding: f, on: [connection] });
    }
  return [...out.values()].map(({ finding, on }) =>
    on.length === perView.length ? finding : { ...finding, message: `${finding.message} (when connecting as ${on.join('; ')})` },
  );
}

/** sshd -T keywords behind each setting finding. */
const KEYWORDS: Record<string, string[]> = {
  'force-command': ['forcecommand'],
  'transfer-log-off': ['forcecommand'],
  'chroot-directory': ['chrootdirectory'],
  'forwarding-allowed': [
    'disableforwarding',
    'allowtcpforwarding',
    'x11forwarding',
    'allowagentforwarding',
    'allowstreamlocalforwarding',
    'permittunnel',
  ],
  'tty-allowed': ['permittty'],
  'pubkey-off': ['pubkeyauthentication'],
};

/** Names the foreign Match blocks of the files read that set a finding's keyword (issue #13). */
function attributed(findings: Finding[], o: SshdChrootObserved): Finding[] {
  const settings = [...foreignMatchSettings(SSHD_MAIN, o.main), ...foreignMatchSettings(SSHD_DROPIN, o.dropIn)];
  return findings.map((f) => {
    const setters = nameSetters(settings, KEYWORDS[f.code] ?? []);
    return setters.length === 0 ? f : { ...f, message: `${f.message}; set by a foreign ${setters.join(', ')}` };
  });
}

/** Why a setting finding cannot be fixed by our block; an info (the log socket) is not a setting and stays as it is. */
function explain(f: Finding, why: string): Finding {
  return f.severity === 'info' ? f : { ...f, fixable: false, message: `${f.message} (${why})` };
}
