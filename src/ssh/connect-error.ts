/**
 * Sorting connection failures into the reasons of ConnectError (pyinfra's ssh connector does the same), from
 * the error codes Node's socket layer sets and the messages/levels ssh2 emits (lib/client.js).
 */
import { ConnectError, HostKeyError, type ConnectReason } from '../errors.js';

type Ssh2Error = Error & { code?: string; level?: string };

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME', 'EAI_FAIL', 'EAI_NODATA']);
// No route to the host answers as promptly as a refused port does, and the fix is the same (address, firewall).
const REFUSED_CODES = new Set(['ECONNREFUSED', 'EHOSTUNREACH', 'ENETUNREACH']);

export function classifyConnectError(error: unknown): ConnectReason {
  if (error instanceof ConnectError) return error.reason;
  const { code, level, message = '' } = (error ?? {}) as Ssh2Error;
  if ((code && DNS_CODES.has(code)) || level === 'client-dns') return 'dns';
  if (code && REFUSED_CODES.has(code)) return 'refused';
  // ssh2: "Timed out while waiting for handshake" and "Keepalive timeout" carry level client-timeout.
  if (code === 'ETIMEDOUT' || level === 'client-timeout') return 'timeout';
  if (level === 'client-authentication' || message.includes('All configured authentication methods failed')) {
    return 'auth';
  }
  if (message.includes('Host denied')) return 'hostkey';
  // A forward through a jump host that the far side refused: "(SSH) Channel open failure: Connection refused".
  if (/Channel open failure: Connection refused/i.test(message)) return 'refused';
  return 'protocol';
}

export interface ConnectFailureContext {
  /** hostLabel() of the host being connected to. */
  label: string;
  connectTimeoutMs: number;
  /** Appended to the message (auth details, ignored ~/.ssh/config settings). */
  notes?: string[];
  /** Prefix such as `via jump host X` when the failure happened on the way. */
  via?: string;
}

/**
 * A ConnectError for `error`. Host-key refusals pass through untouched (they name the host that refused, which
 * may be a jump host, and the notes are irrelevant to them); other ConnectErrors get `via` and notes added.
 */
export function toConnectError(error: unknown, context: ConnectFailureContext): ConnectError {
  const notes = context.notes ?? [];
  if (error instanceof HostKeyError) return error;
  if (error instanceof ConnectError && notes.length === 0 && !context.via) return error;
  const reason = classifyConnectError(error);
  const base =
    error instanceof ConnectError
      ? error.message.slice(`${error.host}: ${error.reason}: `.length)
      : reason === 'timeout' && /handshake/i.test((error as Error)?.message ?? '')
        ? `no SSH handshake within ${context.connectTimeoutMs} ms`
        : ((error as Error)?.message ?? String(error));
  const message = [context.via ? `${context.via}: ${base}` : base, ...notes].join('; ');
  return new ConnectError(context.label, reason, message, { cause: error });
}
