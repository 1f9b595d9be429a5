import { describe, expect, it } from 'vitest';
import { parseAccel } from '../../lab/accel.js';

describe('parseAccel (the KVM probe verdict line)', () => {
  it('reads kvm and tcg with its reason', () => {
    expect(parseAccel('kvm\n')).toEqual({ accel: 'kvm' });
    expect(parseAccel('tcg this machine has no /dev/kvm\n')).toEqual({ accel: 'tcg', why: 'this machine has no /dev/kvm' });
    expect(parseAccel('tcg')).toEqual({ accel: 'tcg', why: 'no reason given' });
  });

  it('treats anything else as TCG and says so (a VM under KVM is only asked for where KVM was proven)', () => {
    expect(parseAccel('')).toEqual({ accel: 'tcg', why: 'unreadable verdict ""' });
    expect(parseAccel('kvm maybe')).toEqual({ accel: 'tcg', why: 'unreadable verdict "kvm maybe"' });
  });
});
