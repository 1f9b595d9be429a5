/**
 * Classification of connection failures. The errors are built the way Node's net/dns layer and ssh2
 * (lib/client.js: `err.level = ...`) build them; the real ones are produced in test/contract where loopback allows.
 */
import { describe, expect, it } from 'vitest';
import { ConnectError, HostKeyError } from '../../../src/errors.js';
import { classifyConnectError, toConnectError } from '../../../src/ssh/connect-error.js';

function nodeError(code: string, message = code): Error {
  return Object.assign(new Error(message), { code, level: 'client-socket' });
}
function ssh2Error(message: string, level: string): Error {
  return Object.assign(new Error(message), { level });
}

describe('classifyConnectError', () => {
  it.each([
    [nodeError('ENOTFOUND', 'getaddrinfo ENOTFOUND nope.invalid'), 'dns'],
    [nodeError('EAI_AGAIN'), 'dns'],
    [ssh2Error("Error while looking up IPv4 address for 'x'", 'client-dns'), 'dns'],
    [nodeError('ECONNREFUSED'), 'refused'],
    [nodeError('EHOSTUNREACH'), 'refused'],
    [nodeError('ETIMEDOUT'), 'timeout'],
    [ssh2Error('Timed out while waiting for handshake', 'client-timeout'), 'timeout'],
    [ssh2Error('Keepalive timeout', 'client-timeout'), 'timeout'],
    [ssh2Error('All configured authentication methods failed', 'client-authentication'), 'auth'],
    [ssh2Error('Host denied (verification failed)', 'handshake'), 'hostkey'],
    [ssh2Error('(SSH) Channel open failure: Connection refused', 'client'), 'refused'],
    [ssh2Error('Handshake failed: no matching host key format', 'handshake'), 'protocol'],
    [nodeError('ECONNRESET'), 'protocol'],
    ['not even an error', 'protocol'],
  ])('%s → %s', (error, reason) => {
    expect(classifyConnectError(error)).toBe(reason);
  });
});

describe('toConnectError', () => {
  const context = { label: 'hv1 (127.0.1.11)', connectTimeoutMs: 1500 };

  it('names the host and reason and keeps the cause', () => {
    const cause = ssh2Error('Timed out while waiting for handshake', 'client-timeout');
    const error = toConnectError(cause, context);
    expect(error).toBeInstanceOf(ConnectError);
    expect(error.message).toBe('hv1 (127.0.1.11): timeout: no SSH handshake within 1500 ms');
    expect(error.cause).toBe(cause);
  });

  it('adds notes and the jump host without repeating the prefix of a wrapped ConnectError', () => {
    const inner = new ConnectError('bastion', 'auth', 'All configured authentication methods failed');
    const error = toConnectError(inner, { ...context, via: 'via jump host bastion', notes: ['offered: key /k'] });
    expect(error.reason).toBe('auth');
    expect(error.message).toBe(
      'hv1 (127.0.1.11): auth: via jump host bastion: All configured authentication methods failed; offered: key /k',
    );
  });

  it('passes host key refusals through unchanged', () => {
    const refusal = new HostKeyError('bastion', 'ssh-ed25519', 'SHA256:x', 'unknown', 'hint');
    expect(toConnectError(refusal, { ...context, via: 'via jump host bastion' })).toBe(refusal);
  });
});
