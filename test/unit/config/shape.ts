/**
 * A runtime description of the Config type, checked against types.ts by the compiler: `Shape<T>` needs an entry
 * for every key of T (and `satisfies` refuses extra ones), so a field added to types.ts without a matching entry
 * here fails `tsc`. Tests then use it to check loaded configs (every required field filled, nothing extra) and
 * to compare the schema with the types (schema.test.ts).
 */
import type {
  Config,
  DiscoverConfig,
  EngineApiConfig,
  FloppyConfig,
  HostConfig,
  ManagerConfig,
  SftpConfig,
  SmokeConfig,
  SshSettings,
} from '../../../src/config/types.js';

export type Leaf = 'string' | 'number' | 'boolean';
export type Desc<V> = [V] extends [string]
  ? 'string'
  : [V] extends [number]
    ? 'number'
    : [V] extends [boolean]
      ? 'boolean'
      : [V] extends [readonly (infer E)[]]
        ? { list: Desc<E> }
        : [V] extends [object]
          ? Shape<V>
          : never;
export type Shape<T> = {
  [K in keyof T]-?: undefined extends T[K] ? { optional: Desc<Exclude<T[K], undefined>> } : Desc<T[K]>;
};

export const sshShape = {
  user: 'string',
  port: 'number',
  identityFiles: { list: 'string' },
  agent: 'boolean',
  knownHostsFile: 'string',
  useSshConfig: 'boolean',
  become: 'string',
  connectTimeout: 'number',
  execTimeout: 'number',
  concurrency: 'number',
} satisfies Shape<SshSettings>;

export const hostShape = {
  host: 'string',
  name: 'string',
  user: { optional: 'string' },
  port: { optional: 'number' },
  identityFiles: { optional: { list: 'string' } },
  become: { optional: 'string' },
} satisfies Shape<HostConfig>;

export const managerShape = {
  ...hostShape,
  engineService: 'string',
  healthUrl: 'string',
  restartTimeout: 'number',
  engineConfigTimeout: 'number',
} satisfies Shape<ManagerConfig>;

export const sftpShape = {
  ...hostShape,
  uploadUser: 'string',
  chrootDir: 'string',
  floppySubdir: 'string',
  authorizedKeys: { list: 'string' },
  uploadFrom: { list: 'string' },
  uploadIdentityFile: { optional: 'string' },
} satisfies Shape<SftpConfig>;

export const floppyShape = {
  serverPath: 'string',
  clientPath: 'string',
  propertyRegex: 'string',
  cdProperty: 'string',
  cdPropertyRegex: 'string',
  sharedFsTypes: { list: 'string' },
  maxAgeHours: 'number',
} satisfies Shape<FloppyConfig>;

export const engineApiShape = {
  url: 'string',
  user: 'string',
  passwordEnv: { optional: 'string' },
  passwordFile: { optional: 'string' },
  caFile: { optional: 'string' },
} satisfies Shape<EngineApiConfig>;

export const smokeShape = {
  vm: { optional: 'string' },
  vmTimeout: 'number',
} satisfies Shape<SmokeConfig>;

export const discoverShape = {
  clusters: { optional: { list: 'string' } },
} satisfies Shape<DiscoverConfig>;

export const configShape = {
  ssh: sshShape,
  payload: 'string',
  manager: { optional: managerShape },
  hypervisors: { list: hostShape },
  sftp: { optional: sftpShape },
  floppy: floppyShape,
  engineApi: { optional: engineApiShape },
  discover: { optional: discoverShape },
  smoke: { optional: smokeShape },
} satisfies Shape<Config>;

export type AnyShape = Leaf | { list: AnyShape } | { optional: AnyShape } | { [key: string]: AnyShape };

export function isList(s: AnyShape): s is { list: AnyShape } {
  return typeof s === 'object' && Object.keys(s).length === 1 && 'list' in s;
}
export function isOptional(s: AnyShape): s is { optional: AnyShape } {
  return typeof s === 'object' && Object.keys(s).length === 1 && 'optional' in s;
}

/** Every place where `value` does not have the described shape (missing or extra keys, wrong leaf types). */
export function shapeProblems(value: unknown, shape: AnyShape, path = '(config)'): string[] {
  if (typeof shape === 'string') return typeof value === shape ? [] : [`${path}: expected ${shape}, got ${JSON.stringify(value)}`];
  if (isOptional(shape)) return value === undefined ? [] : shapeProblems(value, shape.optional, path);
  if (isList(shape)) {
    if (!Array.isArray(value)) return [`${path}: expected a list`];
    return value.flatMap((v, i) => shapeProblems(v, shape.list, `${path}[${i}]`));
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${path}: expected an object`];
  const obj = value as Record<string, unknown>;
  const problems: string[] = [];
  for (const [key, sub] of Object.entries(shape)) {
    if (!(key in obj) && !isOptional(sub)) problems.push(`${path}.${key}: missing`);
    else problems.push(...shapeProblems(obj[key], sub, `${path}.${key}`));
  }
  for (const key of Object.keys(obj)) if (!(key in shape)) problems.push(`${path}.${key}: not in the Config type`);
  return problems;
}
