import { describe, expect, it } from 'vitest';
import { descendants, kbField, parseProcStat, summarizeFleetMemory } from '../../../bench/fleet-memory.js';

describe('bench fleet memory: /proc parsing', () => {
  it('reads pid and ppid from /proc/PID/stat, also when comm holds spaces or parentheses (captured lines)', () => {
    expect(parseProcStat('1 (process_api) S 0 0 0 0 -1 4194560 45453 10369965 0 1810 502 1091 43431 27074')).toEqual({ pid: 1, ppid: 0 });
    expect(parseProcStat('25109 (npm exec vitest) S 25021 25021 29901 0 -1 4194304 10335 0 0 0 46 20 0 0 20 0 11 0 1')).toEqual({
      pid: 25109,
      ppid: 25021,
    });
    expect(parseProcStat('4242 (a) b (c)) R 17 4242 4242 0 -1 4194304')).toEqual({ pid: 4242, ppid: 17 });
    expect(parseProcStat('')).toBeUndefined();
  });

  it('reads kB fields of status, smaps_rollup and meminfo', () => {
    expect(kbField('Name:\tsshd\nVmHWM:\t   17000 kB\nVmRSS:\t   16020 kB\n', 'VmRSS')).toBe(16020);
    expect(kbField('Rss:  900 kB\nPss:  123 kB\nPss_Anon:  50 kB\n', 'Pss')).toBe(123);
    expect(kbField('MemTotal:       24683684 kB\nMemAvailable:   23303428 kB\n', 'MemAvailable')).toBe(23303428);
    expect(kbField('VmRSS missing', 'VmRSS')).toBeNaN();
  });
});

describe('bench fleet memory: per host', () => {
  it('gives each host its whole process tree and nothing of other trees', () => {
    // unshare 100 → sshd 101 → engine 103 (double-forked daemons end up under the host's PID 1); 200 another host.
    const parentOf = new Map([
      [100, 50],
      [101, 100],
      [102, 101],
      [103, 101],
      [104, 103],
      [200, 50],
      [201, 200],
      [300, 1],
      [301, 300], // not a lab host
    ]);
    const tree = descendants([100, 200], parentOf);
    expect(tree.get(100)!.sort()).toEqual([100, 101, 102, 103, 104]);
    expect(tree.get(200)!.sort()).toEqual([200, 201]);
  });

  it('survives a parent loop in a racing /proc read', () => {
    const tree = descendants(
      [10],
      new Map([
        [10, 1],
        [11, 12],
        [12, 11],
        [13, 10],
      ]),
    );
    expect(tree.get(10)!.sort()).toEqual([10, 13]);
  });

  it('averages per role and divides the MemAvailable drop by hosts', () => {
    const m = summarizeFleetMemory(
      [
        { name: 'bmgr', role: 'manager', processes: 3, rssKb: 34_000, pssKb: 18_000 },
        { name: 'bhv1', role: 'hypervisor', processes: 4, rssKb: 38_000, pssKb: 18_000 },
        { name: 'bhv2', role: 'hypervisor', processes: 4, rssKb: 38_400, pssKb: 18_432 },
        { name: 'bsftp', role: 'sftp', processes: 3, rssKb: 21_000, pssKb: 5_700 },
      ],
      10_000_000,
      9_795_200,
    );
    expect(m.byRole.hypervisor).toEqual({ hosts: 2, processesPerHost: 4, rssMbPerHost: 37.3, pssMbPerHost: 17.8 });
    expect(m.hosts).toBe(4);
    expect(m.memAvailableDeltaMbPerHost).toBe(50);
    expect(summarizeFleetMemory([], null, 1024).memAvailableDeltaMbPerHost).toBeNull();
  });
});
