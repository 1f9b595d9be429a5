"""The part of engine-config.properties and its value helpers that the lab's engine-config stand-in knows
(ovirt-facts.md §1.4, §1.5, §1.7; engine `packaging/etc/engine-config/engine-config.properties`,
`config/entity/helper/{UserDefinedVMProperties,Integer,String}ValueHelper.java`).

A key missing here (e.g. PredefinedVMProperties) is "not in engine-config.properties": upstream then
dereferences a null JSON node and prints the exception message, which on the engine's Java 11 is `null`
(facts §1.2 marks the exact text UNVERIFIED).
"""
import re

# CustomPropertiesUtils (facts §1.4): VALIDATION_STR, printed verbatim in the validation error.
_KEY_CHAR = '[a-z_A-Z0-9]'
_VALUE_CHAR = '[^;]'
_KEY_VALUE = '((' + _KEY_CHAR + ')+)=((' + _VALUE_CHAR + ')*)'
VALIDATION_STR = '(' + _KEY_VALUE + '(;' + _KEY_VALUE + ')*;?)?'
_VALIDATION_RE = re.compile(VALIDATION_STR, re.DOTALL)  # Java's [^;] matches newlines too


class KeyInfo:
    def __init__(self, name, description, type_='', mergable=False, delimiter=None, valid_values=()):
        self.name = name
        self.description = description  # keeps its quotes, as read from the properties file (facts §1.7)
        self.type = type_ or 'String'   # ConfigKeyFactory: blank type -> "String"
        self.mergable = mergable
        self.delimiter = delimiter
        self.valid_values = list(valid_values)

    def validate(self, value):
        """ValueHelper.validate → (ok, details or None)."""
        if self.type == 'UserDefinedVMProperties':
            # UserDefinedVMPropertiesValueHelper: syntax only, the regexes are NOT compiled (facts §1.4).
            if value is not None and not _VALIDATION_RE.fullmatch(value):
                return False, ('Invalid syntax, user defined VM properties specification should conform to '
                               + VALIDATION_STR)
            return True, None
        if self.type == 'Integer':
            return _validate_integer(value, self.valid_values), None
        return True, None

    def help_note(self):
        if self.type == 'UserDefinedVMProperties':
            return 'User defined VM properties specification should conform to ' + VALIDATION_STR
        # UNVERIFIED: the other helpers' notes are not copied into the lab.
        return 'Value Type: ' + self.type


def _validate_integer(value, valid_values):
    """IntegerValueHelper: Integer.parseInt, then the optional list of values / `a..b` ranges."""
    if value is None or not re.fullmatch(r'[+-]?[0-9]+', value):
        return False
    n = int(value)
    if not -2**31 <= n < 2**31:
        return False
    if not valid_values:
        return True
    for vv in valid_values:
        m = re.fullmatch(r'(\d+)\.\.(\d+)', vv)
        if m and int(m.group(1)) <= n <= int(m.group(2)):
            return True
        if not m and re.fullmatch(r'[+-]?[0-9]+', vv) and n == int(vv):
            return True
    return False


# Iteration order of upstream's HashMap is not the file order; a fixed non-sorted order stands for it.
KEYS = {k.name: k for k in [
    KeyInfo('ServerRebootTimeout', '"Host Reboot Timeout (in seconds)"', 'Integer'),
    KeyInfo('UserDefinedVMProperties', '"User defined VM properties"', 'UserDefinedVMProperties',
            mergable=True, delimiter=';'),
    KeyInfo('ProductRPMVersion', '"oVirt Engine RPM Version"'),
]}
