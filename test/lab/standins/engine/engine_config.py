#!/usr/bin/python3
"""Lab stand-in for `engine-config` (installed as /usr/bin/engine-config → /usr/share/lab-engine/engine_config.py).

Copies the upstream tool's behaviour as ovirt-facts.md §1.1–§1.5 and §1.7 record it (engine
`packaging/bin/engine-config.sh`, `EngineConfigExecutor`, `EngineConfigCLIParser`, `EngineConfigLogic`,
`ConfigKey`, `ConfigDaoImpl`, `ToolConsole`):
- every message, errors included, goes to STDOUT; any error exits 1 (EngineConfigExecutor.main);
- `-h|-help|--help` anywhere (up to the first empty argument) prints the wrapper's usage and exits 0;
- `-g KEY` prints `KEY: VALUE version: V` per row in table order (not sorted, see vdc_options.py);
  `-g KEY --cver=V` (or `--cver V`) prints only the value;
- `-s KEY=VALUE --cver=V` validates (UserDefinedVMProperties: syntax only), updates an existing row only,
  prints nothing on success;
- `-s`/`-m` without --cver and with several rows for the key prompt `Please select a version:` and, on a
  closed stdin, loop forever (facts §1.3 hang hazard: callers must pass --cver and use a timeout);
- `-m` merges whole `;`-separated tokens as exact strings (facts §1.5).
The table lives in $LAB_ENGINE_VDC_OPTIONS (default /var/lib/lab-engine/vdc_options.json).
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.realpath(__file__)))
import config_keys  # noqa: E402
import vdc_options  # noqa: E402

# packaging/bin/engine-config.sh (engine 4.4+), printed by the wrapper for -h/--help.
USAGE = """Usage: engine-config <action> [<args>]

AVAILABLE ACTIONS
       -l, --list
           List available configuration keys.

       -a, --all
           Get all available configuration values.

       -g KEY, --get=KEY
           Get the value of the given key for the given version. If a version is not given, the values of all existing versions are returned.

       -s KEY=VALUE, --set KEY=VALUE
           Set the value of the given key for the given version. The version is required for this action only when the version is not 'general'.

       -m KEY=VALUE, --merge KEY=VALUE
           Merge the value of the given key for the given version with the value in the database. The version is required for this action only when the version is not 'general'.

       -h, --help
           Show this help message and exit.

OPTIONS
       --cver=VERSION
           Relevant configuration version to use.

       -p PROP_FILE, --properties=PROP_FILE
           Use the given alternate properties file.

       -c CFG_FILE, --config=CFG_FILE
           Use the given alternate configuration file.

       --log-file=LOG_FILE
           Sets file to write logging into (if not set nothing is logged).

       --log-level=LOG_LEVEL
           Sets log level, one of FINE, INFO (default), WARNING, SEVERE (case insensitive).

SETTING PASSWORDS
       Passwords can be set in interactive mode:

           engine-config -s PasswordEntry=interactive

       or via file with one of the following options:

           engine-config -s PasswordEntry --admin-pass-file=/tmp/mypass
           engine-config -s PasswordEntry=/tmp/mypass

       PasswordEntry varies between the different password options.

CUSTOM LOGGING
       If you need custom logging setup, please create your own java.util.logging properties file,
       set a path to this file into OVIRT_LOGGING_PROPERTIES environment variable and execute engine-config.

NOTE
       In order for your change(s) to take effect, restart the oVirt engine.
"""

ACTIONS = {
    '-a': 'all', '--all': 'all', '-l': 'list', '--list': 'list', '-g': 'get', '--get': 'get',
    '-s': 'set', '--set': 'set', '-h': 'help', '--help': 'help', '-r': 'reload', '--reload': 'reload',
    '-m': 'merge', '--merge': 'merge', '-d': 'diff', '--diff': 'diff',
}
NOT_AN_ACTION = "Action verb must come first, and '%s' is not an action.\nPlease tell me what to do: list? get? set? get-all?"
MERGE_SAME_VALUE_MSG = 'Merge operation cancelled as value is unchanged.'
# EngineConfigLogic formats this with java.text.MessageFormat, which ignores %s: the text is printed as is.
MERGE_PERSIST_ERR_MSG = 'setValue: error merging %s value. No such entry%s.'
DB_CONNECT_ERR = ('Connection to the Database failed. Please check that the hostname and port number are correct '
                  'and that the Database service is up and running.')


class ToolError(Exception):
    """An exception whose message EngineConfigExecutor prints before exit 1. None prints `null`."""

    def __init__(self, message):
        super().__init__(message)
        self.text = 'null' if message is None else message


def out(text):
    """ToolConsole.write: System.out.print + flush. Java's PrintStream swallows write errors, so a closed pipe
    does not end the tool either."""
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except OSError:
        pass


def read_line():
    """ToolConsole.readLine: bytes up to '\\n' or EOF (EOF gives what was read, usually ''); no stripping."""
    buf = bytearray()
    eof = False
    while True:
        c = sys.stdin.buffer.read(1) if sys.stdin else b''
        if not c:
            eof = True
            break
        if c == b'\n':
            break
        buf += c
    return buf.decode('utf-8', 'replace'), eof


def java_parse_int(text):
    if not re.fullmatch(r'[+-]?[0-9]+', text):
        raise ValueError(text)
    n = int(text)
    if not -2**31 <= n < 2**31:
        raise ValueError(text)
    return n


def java_split(text, delimiter):
    """String.split(regex): trailing empty strings removed; "" splits to [""]."""
    if text == '':
        return ['']
    parts = re.split(delimiter, text)
    while parts and parts[-1] == '':
        parts.pop()
    return parts


# ---------------------------------------------------------------------------------------------------- parsing
def wrapper_wants_usage(args):
    """engine-config.sh parseArgs: stops at the first empty argument; `-c` consumes its value."""
    i = 0
    while i < len(args) and args[i] != '':
        x = args[i]
        i += 1
        if x == '-c':
            i += 1
        elif x in ('-h', '-help', '--help'):
            return True
    return False


def before_eq(arg, idx):
    return arg[:idx] if idx > 0 else arg


def after_eq(arg, idx):
    return arg[idx + 1:] if idx > 0 else ''


def parse(args):
    """EngineConfigCLIParser.parse → dict(action, key, value, version, ...)."""
    if not args:
        raise ToolError('Error: at least 1 argument needed for configuration utility to run.')
    m = {'action': None, 'key': None, 'value': None}
    first = args[0]
    if not first.startswith('-'):
        raise ToolError("First argument must be an action, and start with '-' or '--'")
    idx = first.find('=')
    action, key = before_eq(first, idx), after_eq(first, idx)
    m['action'] = ACTIONS.get(action)
    if key:
        if action in ('--get', '--help'):
            m['key'] = key
        else:
            raise ToolError(NOT_AN_ACTION % (action + '=' + key))
    elif m['action'] is None:
        raise ToolError(NOT_AN_ACTION % action)

    opts = {}
    pass_file = any(a.startswith('--admin-pass-file') for a in args)
    skip = True
    for i, arg in enumerate(args):
        if skip:
            skip = False
            continue
        if arg.startswith('-'):
            idx = arg.find('=')
            k, v = before_eq(arg, idx), after_eq(arg, idx)
            if k in ('-o', '--only-reloadable'):
                opts[k] = 'true'
            elif k:
                if v:
                    opts[k] = v
                elif len(args) > i + 1:
                    opts[k] = args[i + 1]
                    skip = True
        elif i == 1:
            parse_second_arg(m, arg, pass_file)
    m['version'] = opts.get('--cver')
    return m


def parse_second_arg(m, arg, pass_file):
    set_or_merge = m['action'] in ('set', 'merge')
    idx = arg.find('=')
    if set_or_merge and idx == -1 and not pass_file:
        raise ToolError('Argument for set/merge action must be in format of key=value.')
    key, value = before_eq(arg, idx), after_eq(arg, idx)
    if not key:
        return
    if value:
        if not set_or_merge:
            raise ToolError('Illegal second argument: ' + arg + '.')
        m['key'], m['value'] = key, value
    elif set_or_merge and m['key'] is None:
        m['key'], m['value'] = key, value
    elif m['action'] in ('get', 'help') and m['key'] is None:
        m['key'] = arg


def validate(m):
    """ConfigActionType validators (GetValidator, SetValidator)."""
    if m['action'] == 'get' and m['key'] is None:
        raise ToolError('Missing key for get action.')
    if m['action'] in ('set', 'merge') and (m['key'] is None or m['value'] is None):
        raise ToolError('Missing key or value for set action, make sure arguments are in proper order.')


# ---------------------------------------------------------------------------------------------------- actions
def key_info(name):
    info = config_keys.KEYS.get(name)
    if info is None:
        raise ToolError(None)  # NullPointerException in ConfigKeyFactory.generateByPropertiesKey
    return info


def print_all_values_for_key(rows, key):
    found = vdc_options.rows_for_name(rows, key)
    if not found:
        raise ToolError('Error fetching ' + key + ' value: no such entry with default version.')
    for r in found:
        out(key + ': ' + r['option_value'] + ' ' + 'version: ' + r['version'] + '\n')


def version_dialog(rows, key):
    """EngineConfigLogic.startVersionDialog: one row → its version; several → prompt until a valid number.
    On EOF readLine returns '' and parseInt fails, so the loop never ends (facts §1.3)."""
    keys = vdc_options.rows_for_name(rows, key)
    if len(keys) == 1:
        return keys[0]['version']
    if not keys:
        return None
    while True:
        out('Please select a version:\n')
        for i, r in enumerate(keys):
            out('%d. %s\n' % (i + 1, r['version']))
        line, eof = read_line()
        try:
            index = java_parse_int(line)
        except ValueError:
            if eof:
                time.sleep(0.05)  # upstream spins at full speed; a pause keeps the lab machine usable
            continue
        if 1 <= index <= len(keys):
            return keys[index - 1]['version']


def persist(path, key, value, version):
    """EngineConfigLogic.persist: validate, then update one existing row; True if a row changed."""
    info = key_info(key)
    ok, details = info.validate(value)
    if not ok:
        raise ToolError('Cannot set value ' + str(value) + ' to key ' + key + '. ' + (details or ''))
    with vdc_options.locked(path):
        rows = vdc_options.load(path)
        count = vdc_options.update(rows, key, version or 'general', value)
        if count:
            vdc_options.save(path, rows)
    return count == 1


def action_get(path, rows, m):
    key, version = m['key'], m['version']
    key_info(key)
    if version is None or version.strip() == '':
        print_all_values_for_key(rows, key)
        return
    r = vdc_options.get(rows, key, version)
    if r is None:
        raise ToolError('Error fetching ' + key + " value: no such entry with version '" + version + "'.")
    out(r['option_value'] + '\n')


def action_set(path, rows, m):
    key, value, version = m['key'], m['value'], m['version']
    if version is None:
        version = version_dialog(rows, key)
    if not persist(path, key, value, version):
        raise ToolError("Error setting " + key + "'s value. No such entry"
                        + ('' if version is None else ' with version ' + version) + '.')


def action_merge(path, rows, m):
    key, value = m['key'], m['value']
    info = key_info(key)
    if not info.mergable:
        out('%s does not support merge of values. ' + key + '\n')
        return
    version = m['version']
    if version is None:
        version = version_dialog(rows, key)
    r = vdc_options.get(rows, key, version or 'general')
    if r is not None and r['option_value'].strip():
        in_db = r['option_value'].strip()
        delimiter = info.delimiter or ';'
        merged = in_db
        for token in java_split(value, delimiter):
            if token not in java_split(merged, delimiter):
                if not merged.endswith(delimiter):
                    merged += delimiter
                merged += token
        value = merged
        if in_db == value:
            out(MERGE_SAME_VALUE_MSG + '\n')
            return
    if not persist(path, key, value, version):
        raise ToolError(MERGE_PERSIST_ERR_MSG)


def action_list(path, rows, m):
    for info in config_keys.KEYS.values():
        out('%s: %s (Value Type: %s)\n' % (info.name, info.description, info.type))


def action_all(path, rows, m):
    for name in config_keys.KEYS:
        try:
            print_all_values_for_key(rows, name)
        except ToolError:
            pass  # upstream only logs per-key errors


def action_diff(path, rows, m):
    for r in rows:
        if r['option_name'] in config_keys.KEYS and r['option_value'] != r['default_value']:
            out('Name: %s\nVersion: %s\nCurrent: %s\nDefault: %s\n\n'
                % (r['option_name'], r['version'], r['option_value'], r['default_value']))


def action_help(path, rows, m):
    info = config_keys.KEYS.get(m['key'] or '')
    if info is None:
        out('Cannot display help for key %s. The key does not exist at the configuration file of engine-config.'
            % m['key'])
        return
    out(info.help_note() + '\n')


def action_reload(path, rows, m):
    # reloadConfigurations: without -u it asks for a user until one is given (another endless prompt on a
    # closed stdin); with one it throws UnsupportedOperationException (message null).
    while True:
        out('Please enter user: \n')
        line, eof = read_line()
        if line.strip():
            break
        if eof:
            time.sleep(0.05)
    raise ToolError(None)


HANDLERS = {'get': action_get, 'set': action_set, 'merge': action_merge, 'list': action_list,
            'all': action_all, 'diff': action_diff, 'help': action_help, 'reload': action_reload}


def main(args):
    if wrapper_wants_usage(args):
        out(USAGE)
        return 0
    try:
        m = parse(args)
        validate(m)
        path = vdc_options.path_from_env()
        try:
            rows = vdc_options.load(path)
        except (OSError, ValueError, KeyError):
            raise ToolError(DB_CONNECT_ERR)
        HANDLERS[m['action']](path, rows, m)
    except ToolError as e:
        out(e.text + '\n')
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
