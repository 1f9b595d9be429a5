/**
 * Running the installed before_vm_start floppy hook on a hypervisor the way vdsm runs it (facts §2.3, §0.4):
 * as user vdsm with group kvm (vdsmd.service `User=vdsm`, `Group=kvm`), the domain XML in a temporary file
 * named by env `_hook_domxml`, the VM's custom properties as env vars (`floppy=<path>`), `vmId`, and the
 * directory of vdsm's `vdsm.hook` package on PYTHONPATH so the hook can `import hooking`.
 *
 * That directory is found on the host, not assumed: `/usr/lib/python3.6/site-packages/vdsm/hook` on EL8,
 * `python2.7/site-packages` on EL7, `python3/dist-packages` on Debian-like hosts.
 *
 * Output: stdout starts with `@@rc <hook exit code>` followed by the domain XML as the hook left it, or is one
 * line `@@error <what>` when the hook could not be run at all; stderr is the hook's stderr.
 */
import { ParseError } from '../errors.js';
import { quoteArg } from '../shell/quote.js';

/** Where vdsm-hook-floppy installs it, and issue #6's bundled hook too (facts §2.1, §2.4). */
export const BEFORE_VM_START_HOOK = '/usr/libexec/vdsm/hooks/before_vm_start/50_floppy';

export interface HookRunInput {
  hook: string;
  /** The custom property vdsm would pass (`floppy`, or the CD property). @defaultValue "floppy" */
  property?: string;
  /** Its value: the image path. */
  floppy: string;
  vmId: string;
  domainXml: string;
}

const HEREDOC_END = 'OVIRT_FLOPPY_SMOKE_DOMXML';

/** A custom property name as the engine allows it ([A-Za-z0-9_]+, facts §1.4), so it is a valid env name too. */
function propertyName(name = 'floppy'): string {
  if (!/^[A-Za-z0-9_]+$/.test(name)) throw new Error(`not a custom property name: ${JSON.stringify(name)}`);
  return name;
}

export function hookRunScript(input: HookRunInput): string[] {
  if (input.domainXml.split('\n').includes(HEREDOC_END)) throw new Error('domain XML contains the heredoc delimiter');
  const hook = quoteArg(input.hook);
  return [
    `dir=$(mktemp -d /tmp/ovirt-floppy-smoke.XXXXXXXX) || { echo '@@error cannot create a temporary directory'; exit 0; }`,
    `trap 'rm -rf "$dir"' EXIT`,
    `cat >"$dir/domxml" <<'${HEREDOC_END}'`,
    input.domainXml.replace(/\n$/, ''),
    HEREDOC_END,
    // vdsm writes the temp file itself; here root made it, so hand it (and the directory) to vdsm:kvm.
    `chown -R vdsm:kvm "$dir" && chmod 0700 "$dir" && chmod 0600 "$dir/domxml" || { echo '@@error cannot hand the temporary domain XML to vdsm:kvm'; exit 0; }`,
    `if [ ! -f ${hook} ]; then echo '@@error hook-missing'; exit 0; fi`,
    `if ! runuser -u vdsm -- test -x ${hook} </dev/null; then echo '@@error hook-not-executable'; exit 0; fi`,
    `lib=; for d in /usr/lib*/python*/*-packages/vdsm/hook; do if [ -f "$d/hooking.py" ]; then lib=$d; break; fi; done`,
    `if [ -z "$lib" ]; then echo '@@error hooking-missing'; exit 0; fi`,
    `runuser -u vdsm -g kvm -- env PYTHONPATH="$lib" _hook_domxml="$dir/domxml" vmId=${quoteArg(input.vmId)} ${propertyName(input.property)}=${quoteArg(input.floppy)} ${hook} </dev/null`,
    `echo "@@rc $?"`,
    `cat "$dir/domxml"`,
  ];
}

export type HookRun =
  | { kind: 'ran'; exitCode: number; domainXml: string; stderr: string }
  | { kind: 'error'; what: 'hook-missing' | 'hook-not-executable' | 'hooking-missing' | 'other'; text: string };

export function parseHookRun(stdout: string, stderr: string): HookRun {
  const firstEnd = stdout.indexOf('\n');
  const first = firstEnd < 0 ? stdout : stdout.slice(0, firstEnd);
  const error = /^@@error (.*)$/.exec(first);
  if (error) {
    const text = error[1]!;
    const what = text === 'hook-missing' || text === 'hook-not-executable' || text === 'hooking-missing' ? text : 'other';
    return { kind: 'error', what, text };
  }
  const rc = /^@@rc (\d+)$/.exec(first);
  if (!rc) throw new ParseError('hook run', stdout, 'no "@@rc" line');
  return { kind: 'ran', exitCode: Number(rc[1]), domainXml: firstEnd < 0 ? '' : stdout.slice(firstEnd + 1), stderr };
}
