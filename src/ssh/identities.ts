/**
 * Which authentication methods a connection offers, in order: the identity files (explicitly configured keys
 * first, so an agent full of keys cannot exhaust the server's MaxAuthTries before them), then the agent.
 * Key material is read into memory and handed to ssh2 only; nothing here logs or prints it.
 * Passphrases are not prompted for in this version: an encrypted key is skipped with a note saying so.
 */
import { readFile } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { AgentAuthMethod, PublicKeyAuthMethod } from 'ssh2';

export type AuthAttempt = PublicKeyAuthMethod | AgentAuthMethod;

export interface AuthPlan {
  methods: AuthAttempt[];
  /** What is offered, for messages: `key <path>` / `agent <socket>`. */
  offered: string[];
  /** What could not be offered and why, for messages. Never contains key material. */
  skipped: string[];
}

export interface AuthInput {
  user: string;
  identityFiles: string[];
  /** ssh's default key locations: missing ones are expected and not noted. */
  identityFilesAreDefaults: boolean;
  agent: boolean;
  /** $SSH_AUTH_SOCK */
  agentSocket: string | undefined;
}

export async function planAuthentication(input: AuthInput): Promise<AuthPlan> {
  const plan: AuthPlan = { methods: [], offered: [], skipped: [] };
  for (const file of input.identityFiles) {
    const outcome = await loadIdentity(file);
    if (typeof outcome === 'string') {
      if (!(input.identityFilesAreDefaults && outcome === 'not found')) plan.skipped.push(`${file} (${outcome})`);
      continue;
    }
    plan.methods.push({ type: 'publickey', username: input.user, key: outcome });
    plan.offered.push(`key ${file}`);
  }
  if (input.agent) {
    if (input.agentSocket) {
      plan.methods.push({ type: 'agent', username: input.user, agent: input.agentSocket });
      plan.offered.push(`agent ${input.agentSocket}`);
    } else {
      plan.skipped.push('ssh-agent (SSH_AUTH_SOCK is not set)');
    }
  }
  return plan;
}

/** The key file's contents, or why it cannot be used. */
async function loadIdentity(file: string): Promise<Buffer | string> {
  let data: Buffer;
  try {
    data = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'not found' : `cannot read it: ${code ?? (error as Error).message}`;
  }
  const parsed = ssh2.utils.parseKey(data);
  if (parsed instanceof Error) {
    return /encrypted|passphrase/i.test(parsed.message)
      ? 'encrypted; passphrases are not prompted for in this version: ' +
          'load it into ssh-agent with ssh-add and set agent: true'
      : 'not a private key this tool can read';
  }
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return 'a public key, not a private key';
  return data;
}
