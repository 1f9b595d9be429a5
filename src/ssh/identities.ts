/**
 * Which authentication methods a connection offers, in order: the identity files (explicitly configured keys
 * first, so an agent full of keys cannot exhaust the server's MaxAuthTries before them), then the agent.
 * Key material is read into memory and handed to ssh2 only; nothing here logs or prints it.
 * Passphrases are not prompted for in this version: an encrypted key is skipped with a note saying so.
 *
 * Every host of a run offers the same few files: each is read and parsed once per file version (size, mtime,
 * ctime, inode), not once per host (bench/README.md "What would help"), and ssh2 is handed the parsed key so it
 * does not parse it again either. A file that cannot be read is not remembered: it is tried again for the next host.
 */
import { readFile, stat } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { AgentAuthMethod, ParsedKey, PublicKeyAuthMethod } from 'ssh2';
import { cachePerFileVersion, type FileVersion } from './file-version-cache.js';

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

/** The file system calls identity loading makes (node:fs/promises by default; tests inject their own). */
export interface IdentityFs {
  stat(path: string): Promise<FileVersion>;
  readFile(path: string): Promise<Buffer>;
}

/** A usable private key, or why the file cannot be used (never key material). */
export type IdentityOutcome = ParsedKey | string;

/** Loads identity files, each once per file version. One per run (Ssh2Connector holds one). */
export type IdentityLoader = (file: string) => Promise<IdentityOutcome>;

const nodeFs: IdentityFs = { stat, readFile: (path) => readFile(path) };

export function createIdentityLoader(fs: IdentityFs = nodeFs): IdentityLoader {
  const load = cachePerFileVersion(
    (file) => fs.readFile(file).then(parseIdentity),
    (file) => fs.stat(file),
  );
  return (file) => load(file).catch(unreadable);
}

/** For callers without a connector (one loader for the whole process). */
const processLoader = createIdentityLoader();

export async function planAuthentication(input: AuthInput, load: IdentityLoader = processLoader): Promise<AuthPlan> {
  const plan: AuthPlan = { methods: [], offered: [], skipped: [] };
  for (const file of input.identityFiles) {
    const outcome = await load(file);
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

function unreadable(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'not found' : `cannot read it: ${code ?? (error as Error).message}`;
}

/** The parsed private key, or why it cannot be used. */
function parseIdentity(data: Buffer): IdentityOutcome {
  const parsed = ssh2.utils.parseKey(data);
  if (parsed instanceof Error) {
    return /encrypted|passphrase/i.test(parsed.message)
      ? 'encrypted; passphrases are not prompted for in this version: ' + 'load it into ssh-agent with ssh-add and set agent: true'
      : 'not a private key this tool can read';
  }
  const key = Array.isArray(parsed) ? (parsed as ParsedKey[])[0] : parsed;
  if (!key?.isPrivateKey()) return 'a public key, not a private key';
  return key;
}
