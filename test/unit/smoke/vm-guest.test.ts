/**
 * The guest's console lines (test/lab/guest/init.sh; this sample is the lab guest's real output on an i440fx VM
 * with a floppy made by mkfs.msdos + mcopy), and both vdsm wordings of a hook failure (facts §8.5).
 */
import { describe, expect, it } from 'vitest';
import { guestFloppyName, parseGuestConsole, readGuestView } from '../../../src/smoke/vm-guest.js';
import { explainFailure, hookErrorText } from '../../../src/smoke/vm-wait.js';

const CONSOLE = [
  '[    0.000000] Linux version 6.1.0-57-amd64',
  'OFLAB-GUEST begin',
  'OFLAB-GUEST device fd0 sha256 03edd1b6e2c2dc2e2d2508c4658d290fa7ce71414b4af0dcb148112c307f4cb5 bytes 1474560',
  'OFLAB-GUEST file fd0 A.TXT sha256 5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03',
  'OFLAB-GUEST device sr0 unreadable',
  'OFLAB-GUEST end',
  '',
].join('\n');

describe('guest console', () => {
  it('parses devices, files and the end line', () => {
    expect(parseGuestConsole(CONSOLE)).toEqual({
      complete: true,
      devices: [
        {
          name: 'fd0',
          sha256: '03edd1b6e2c2dc2e2d2508c4658d290fa7ce71414b4af0dcb148112c307f4cb5',
          bytes: 1474560,
          files: [{ path: 'A.TXT', sha256: '5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03' }],
        },
        { name: 'sr0', unreadable: true, files: [] },
      ],
    });
    expect(parseGuestConsole(CONSOLE.split('OFLAB-GUEST end')[0]!).complete).toBe(false);
    expect(parseGuestConsole('no guest lines\n')).toEqual({ devices: [], complete: false });
  });

  it('maps libvirt floppy targets to the guest kernel names', () => {
    expect([guestFloppyName('fda'), guestFloppyName('fdb'), guestFloppyName('hdc'), guestFloppyName(undefined)]).toEqual([
      'fd0',
      'fd1',
      undefined,
      undefined,
    ]);
  });

  it('polls the console file until the end line, bounded', async () => {
    let t = 0;
    const clock = { now: () => t, sleep: async (ms: number) => void (t += ms) };
    const reads = [CONSOLE.split('OFLAB-GUEST device')[0]!, CONSOLE];
    const commands: string[] = [];
    const root = { exec: async (c: string) => (commands.push(c), { exitCode: 0, stdout: reads.shift() ?? CONSOLE, stderr: '' }) };
    const view = await readGuestView(root, '/var/log/lab-vdsm/console/x.log', 30_000, clock, 1000);
    expect(view?.complete).toBe(true);
    expect(commands).toEqual(['cat -- /var/log/lab-vdsm/console/x.log', 'cat -- /var/log/lab-vdsm/console/x.log']);
    const never = { exec: async () => ({ exitCode: 1, stdout: '', stderr: 'No such file' }) };
    t = 0;
    expect(await readGuestView(never, '/x', 3000, clock, 1000)).toBeUndefined();
    expect(t).toBe(3000);
  });
});

describe('hook failure wording', () => {
  it('vdsm ≤ 4.30 plain, vdsm 4.40+ bytes tuple', () => {
    expect(hookErrorText('Exit message: Hook Error: floppy: file not exists: /x.vfd.')).toBe('floppy: file not exists: /x.vfd');
    expect(hookErrorText("Exit message: Hook Error: (b'floppy: file not exists: /x.vfd\\n',).")).toBe('floppy: file not exists: /x.vfd');
    expect(hookErrorText('Hook Error: (b"it\'s \\xc3\\xa4",)')).toBe("it's Ã¤");
    expect(hookErrorText('internal error: qemu unexpectedly closed the monitor')).toBeUndefined();
  });

  it('explainFailure shows the hook stderr in both wordings, and the host the engine tried', () => {
    const events = (d: string) => [
      { id: 43, description: `VM v is down with error. Exit message: ${d}.`, severity: 'error' },
      { id: 44, description: 'Failed to run VM v on Host hv1.', severity: 'warning' },
    ];
    expect(explainFailure(events("Hook Error: (b'bad floppy\\n',)"))).toBe(
      'on host hv1: VM v is down with error. Exit message: Hook Error: bad floppy',
    );
    expect(explainFailure(events('Hook Error: bad floppy'))).toBe(
      'on host hv1: VM v is down with error. Exit message: Hook Error: bad floppy.',
    );
  });
});
