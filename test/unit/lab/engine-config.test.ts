// The lab's engine-config stand-in copies upstream behaviour (ovirt-facts.md §1.1–§1.5, §1.7). Each case runs
// the real stand-in against a freshly seeded vdc_options file in a temp dir.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PYTHON, STANDINS, py, sleep, start, stop, tempDir } from './standins-helpers.js';

const KEY = 'UserDefinedVMProperties';
const HOSTUSB = 'hostusb=^0x[0-9a-fA-F]{4}:0x[0-9a-fA-F]{4}$';
const VALIDATION_STR = '((([a-z_A-Z0-9])+)=(([^;])*)(;(([a-z_A-Z0-9])+)=(([^;])*))*;?)?';

interface Row {
  option_name: string;
  option_value: string;
  version: string;
  default_value: string;
}

let dir: { path: string; remove: () => void };
let env: Record<string, string>;
const ec = (args: string[], input = '') => py('engine/engine_config.py', args, { env, input });
const rows = (): Row[] => (JSON.parse(readFileSync(env.LAB_ENGINE_VDC_OPTIONS!, 'utf8')) as { rows: Row[] }).rows;
const stored = (version: string) => rows().find((r) => r.option_name === KEY && r.version === version)?.option_value;

beforeEach(() => {
  dir = tempDir('ec-');
  env = { LAB_ENGINE_VDC_OPTIONS: join(dir.path, 'vdc_options.json') };
  expect(py('engine/vdc_options.py', ['--seed'], { env }).status).toBe(0);
});
afterEach(() => dir.remove());

describe('engine-config -g (facts §1.2)', () => {
  it('without --cver prints `KEY: VALUE version: V` per row, empty values with two spaces, not sorted', () => {
    const r = ec(['-g', KEY]);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain('UserDefinedVMProperties:  version: 4.7');
    const parsed = lines.map((l) => /^UserDefinedVMProperties: (.*) version: (\S+)$/.exec(l));
    expect(parsed.every(Boolean)).toBe(true);
    const byVersion = Object.fromEntries(parsed.map((m) => [m![2], m![1]]));
    // The stock lab (docs/dev/team-contract.md): hostusb on 4.3/4.5, hostusb+floppy on 4.6, others empty.
    expect(byVersion).toEqual({
      '4.2': '',
      '4.3': HOSTUSB,
      '4.4': '',
      '4.5': HOSTUSB,
      '4.6': `${HOSTUSB};floppy=^.*$`,
      '4.7': '',
    });
    const versions = parsed.map((m) => m![2]!);
    expect(versions).not.toEqual([...versions].sort());
  });

  it('an UPDATE moves the row to the end, like PostgreSQL without ORDER BY', () => {
    expect(ec(['-s', `${KEY}=a=1`, '--cver=4.2']).status).toBe(0);
    const versions = ec(['-g', KEY])
      .stdout.trimEnd()
      .split('\n')
      .map((l) => l.split(' version: ')[1]);
    expect(versions.at(-1)).toBe('4.2');
  });

  it('with --cver=V or --cver V prints only the value', () => {
    for (const args of [
      ['-g', KEY, '--cver=4.3'],
      ['-g', KEY, '--cver', '4.3'],
      ['--get=' + KEY, '--cver=4.3'],
    ]) {
      expect(ec(args)).toMatchObject({ status: 0, stdout: `${HOSTUSB}\n`, stderr: '' });
    }
    expect(ec(['-g', KEY, '--cver=4.7'])).toMatchObject({ status: 0, stdout: '\n' });
  });

  it('a missing version prints the error on stdout and exits 1', () => {
    expect(ec(['-g', KEY, '--cver=4.1'])).toMatchObject({
      status: 1,
      stderr: '',
      stdout: "Error fetching UserDefinedVMProperties value: no such entry with version '4.1'.\n",
    });
  });

  it('a key that is not in engine-config.properties prints the NPE message `null` (facts §1.2, §1.7)', () => {
    expect(ec(['-g', 'PredefinedVMProperties'])).toMatchObject({ status: 1, stdout: 'null\n' });
  });
});

describe('engine-config -s (facts §1.3, §1.4)', () => {
  it('sets an existing version silently', () => {
    const r = ec(['-s', `${KEY}=${HOSTUSB};floppy=^/rhev/[a-z0-9_]+\\.vfd$`, '--cver=4.7']);
    expect(r).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(stored('4.7')).toBe(`${HOSTUSB};floppy=^/rhev/[a-z0-9_]+\\.vfd$`);
    expect(ec(['-s', `${KEY}=`, '--cver', '4.7'])).toMatchObject({ status: 0, stdout: '' });
    expect(stored('4.7')).toBe('');
  });

  it('rejects a value that does not match the CustomPropertiesUtils syntax, with the exact message', () => {
    for (const bad of ['floppy', 'floppy-x=^.*$', 'a=1;;b=2', 'bad name=x']) {
      expect(ec(['-s', `${KEY}=${bad}`, '--cver=4.7'])).toMatchObject({
        status: 1,
        stderr: '',
        stdout: `Cannot set value ${bad} to key UserDefinedVMProperties. Invalid syntax, user defined VM properties specification should conform to ${VALIDATION_STR}\n`,
      });
    }
    expect(stored('4.7')).toBe('');
  });

  it('accepts an invalid Java regex, since only the syntax is checked (facts §1.4)', () => {
    expect(ec(['-s', `${KEY}=floppy=^[.*$;`, '--cver=4.7']).status).toBe(0);
    expect(stored('4.7')).toBe('floppy=^[.*$;');
  });

  it('never inserts a missing version', () => {
    expect(ec(['-s', `${KEY}=floppy=^.*$`, '--cver=4.1'])).toMatchObject({
      status: 1,
      stdout: "Error setting UserDefinedVMProperties's value. No such entry with version 4.1.\n",
    });
    expect(rows().some((r) => r.version === '4.1')).toBe(false);
  });

  it('needs KEY=VALUE as the second argument', () => {
    expect(ec(['-s', KEY, '--cver=4.7'])).toMatchObject({
      status: 1,
      stdout: 'Argument for set/merge action must be in format of key=value.\n',
    });
  });

  it('without --cver and several versions: prompts and never returns on a closed stdin (hang hazard)', async () => {
    const before = readFileSync(env.LAB_ENGINE_VDC_OPTIONS!, 'utf8');
    const child = start(PYTHON, [join(STANDINS, 'engine/engine_config.py'), '-s', `${KEY}=floppy=^.*$`], env); // stdin is /dev/null: EOF at once
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
    });
    try {
      await sleep(1500);
      expect(child.exitCode).toBeNull();
      expect(child.signalCode).toBeNull();
      expect(out.startsWith('Please select a version:\n1. ')).toBe(true);
      expect(out.split('Please select a version:').length).toBeGreaterThan(2); // it keeps asking
    } finally {
      await stop(child);
    }
    expect(readFileSync(env.LAB_ENGINE_VDC_OPTIONS!, 'utf8')).toBe(before);
  });

  it('without --cver the answer picks the row by its position in table order', () => {
    const order = ec(['-g', KEY])
      .stdout.trimEnd()
      .split('\n')
      .map((l) => l.split(' version: ')[1]!);
    const r = ec(['-s', `${KEY}=x=1`], 'abc\n2\n');
    expect(r.status).toBe(0);
    expect(r.stdout.split('Please select a version:\n').length).toBe(3); // asked again after "abc"
    expect(stored(order[1]!)).toBe('x=1');
  });
});

describe('engine-config -m (facts §1.5)', () => {
  it('appends only tokens that are not present as exact strings', () => {
    expect(ec(['-m', `${KEY}=floppy=^.*$`, '--cver=4.3'])).toMatchObject({ status: 0, stdout: '' });
    expect(stored('4.3')).toBe(`${HOSTUSB};floppy=^.*$`);
    expect(ec(['-m', `${KEY}=floppy=^.*$;${HOSTUSB}`, '--cver=4.3'])).toMatchObject({
      status: 0,
      stdout: 'Merge operation cancelled as value is unchanged.\n',
    });
  });

  it('adds a second definition of the same name when the regex differs', () => {
    expect(ec(['-m', `${KEY}=floppy=^/x/.*$`, '--cver=4.6']).status).toBe(0);
    expect(stored('4.6')).toBe(`${HOSTUSB};floppy=^.*$;floppy=^/x/.*$`);
  });

  it('stores the value as given when the row is empty', () => {
    expect(ec(['-m', `${KEY}=a=1;b=2`, '--cver=4.2']).status).toBe(0);
    expect(stored('4.2')).toBe('a=1;b=2');
  });

  it("a missing version prints upstream's unformatted message", () => {
    expect(ec(['-m', `${KEY}=a=1`, '--cver=4.1'])).toMatchObject({
      status: 1,
      stdout: 'setValue: error merging %s value. No such entry%s.\n',
    });
  });

  it('validates the merged value', () => {
    expect(ec(['-m', `${KEY}=bad-name=1`, '--cver=4.3']).status).toBe(1);
    expect(stored('4.3')).toBe(HOSTUSB);
  });
});

describe('engine-config -l, -h and argument errors (facts §1.1, §1.7)', () => {
  it('-l lists `key: "description" (Value Type: type)`', () => {
    const r = ec(['-l']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('UserDefinedVMProperties: "User defined VM properties" (Value Type: UserDefinedVMProperties)\n');
  });

  it('-h anywhere prints the wrapper usage and exits 0', () => {
    for (const args of [['-h'], ['--help'], ['-g', KEY, '-h']]) {
      const r = ec(args);
      expect(r.status).toBe(0);
      expect(r.stdout.startsWith('Usage: engine-config <action> [<args>]\n')).toBe(true);
      expect(r.stdout).toContain('-m KEY=VALUE, --merge KEY=VALUE');
    }
  });

  it("--help=KEY prints the key's help note", () => {
    expect(ec(['--help=' + KEY]).stdout).toBe(`User defined VM properties specification should conform to ${VALIDATION_STR}\n`);
  });

  it('rejects a missing or unknown action', () => {
    expect(ec([])).toMatchObject({
      status: 1,
      stdout: 'Error: at least 1 argument needed for configuration utility to run.\n',
    });
    expect(ec(['-x'])).toMatchObject({
      status: 1,
      stdout: "Action verb must come first, and '-x' is not an action.\nPlease tell me what to do: list? get? set? get-all?\n",
    });
    expect(ec([KEY])).toMatchObject({
      status: 1,
      stdout: "First argument must be an action, and start with '-' or '--'\n",
    });
    expect(ec(['-g'])).toMatchObject({ status: 1, stdout: 'Missing key for get action.\n' });
  });

  it('-d shows rows that differ from their default', () => {
    const r = ec(['-d']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`Name: UserDefinedVMProperties\nVersion: 4.3\nCurrent: ${HOSTUSB}\nDefault: \n\n`);
    expect(r.stdout).not.toContain('Version: 4.7\n');
  });

  it('fails like a lost DB connection when the table is missing', () => {
    env.LAB_ENGINE_VDC_OPTIONS = join(dir.path, 'missing.json');
    expect(ec(['-g', KEY]).stdout).toMatch(/^Connection to the Database failed\./);
  });
});
