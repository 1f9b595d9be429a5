/**
 * One authenticated ssh2 Client: host key gate, keys/agent, timeouts, and every failure turned into a
 * classified ConnectError. No agent forwarding (ssh2 forwards only when asked to; we never ask).
 */
import type { Duplex } from 'node:stream';
import ssh2 from 'ssh2';
import type { Client } from 'ssh2';
import { ConnectError } from '../errors.js';
import { toConnectError } from './connect-error.js';
import type { HostKeyGate } from './host-key.js';
import type { AuthPlan } from './identities.js';

export interface OpenClientParams {
  /** hostLabel() of this host, for messages. */
  label: string;
  hostName: string;
  port: number;
  user: string;
  /** A stream to run SSH over (a forward through a jump host) instead of a TCP connection. */
  sock?: Duplex;
  auth: AuthPlan;
  gate: HostKeyGate;
  /** Server host key algorithms in order of preference (preferredHostKeyAlgorithms()). */
  hostKeyAlgorithms: string[];
  /** ssh2 `readyTimeout`: TCP connect, handshake and authentication together. */
  connectTimeoutMs: number;
  keepaliveIntervalMs: number;
  /** Appended to failure messages (e.g. ignored ~/.ssh/config settings). */
  notes: string[];
}

export function openClient(params: OpenClientParams): Promise<Client> {
  const { label, auth } = params;
  if (auth.methods.length === 0) {
    const skipped = auth.skipped.length > 0 ? `: ${auth.skipped.join('; ')}` : '';
    const why = `no usable key: no identity file could be loaded and no agent is in use${skipped}`;
    return Promise.reject(new ConnectError(label, 'auth', why));
  }
  return new Promise((resolve, reject) => {
    const client = new ssh2.Client();
    const agentNotes: string[] = [];
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      client.destroy();
      reject(
        toConnectError(params.gate.refusal ?? error, {
          label,
          connectTimeoutMs: params.connectTimeoutMs,
          notes: failureNotes(error),
        }),
      );
    };
    const failureNotes = (error: unknown): string[] => {
      const isAuth = (error as { level?: string })?.level === 'client-authentication';
      const authNotes = isAuth ? [`user ${JSON.stringify(params.user)}`, `offered: ${auth.offered.join(', ')}`, ...agentNotes] : [];
      const skipped = isAuth && auth.skipped.length > 0 ? [`not offered: ${auth.skipped.join('; ')}`] : [];
      return [...authNotes, ...skipped, ...params.notes];
    };
    client.on('error', (error: Error & { level?: string }) => {
      // ssh2 reports a failing agent as an error and then goes on with the next method; so do we.
      if (!settled && error.level === 'agent') {
        agentNotes.push(`ssh-agent: ${error.message}`);
        return;
      }
      fail(error);
    });
    client.on('close', () => fail(new ConnectError(label, 'protocol', 'the connection closed before it was ready')));
    client.once('ready', () => {
      settled = true;
      resolve(client);
    });
    try {
      client.connect({
        host: params.hostName,
        port: params.port,
        username: params.user,
        ...(params.sock ? { sock: params.sock } : {}),
        authHandler: auth.methods,
        hostVerifier: (key: Buffer, verify: (valid: boolean) => void) => params.gate.verify(key, verify),
        algorithms: { serverHostKey: params.hostKeyAlgorithms as never },
        readyTimeout: params.connectTimeoutMs,
        keepaliveInterval: params.keepaliveIntervalMs,
        keepaliveCountMax: 3,
      });
    } catch (error) {
      fail(error);
    }
  });
}
