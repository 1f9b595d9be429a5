"""VM custom properties as the engine handles them (ovirt-facts.md §1.4, §1.7, §4.4, §4.5).

- Definitions per cluster level = PredefinedVMProperties then UserDefinedVMProperties of the RUNNING engine
  (the startup snapshot, facts §1.6), parsed like `CustomPropertiesUtils.parsePropertiesRegex`: split on `;`,
  name before the first `=`, a later definition of the same name wins (`HashMap.put`).
- A VM's properties travel as an ordered list of {name, value}; the API list REPLACES the whole set, and only
  entries with both name and value are kept (`CustomPropertiesParser.parse(List)`, facts §4.4).
- Validation (`CustomPropertiesUtils.validateProperties`): syntax first (name `[a-zA-Z0-9_]+`, value without
  `;`), then per key: not defined → KEY_DOES_NOT_EXIST, value not matching the regex with `String.matches`
  (whole value) → INCORRECT_VALUE. Messages in `ValidationFailureReason` order, keys joined with `,`
  (`getCommaDelimitedKeys`), texts from AppErrors (facts §1.4).
"""
import re

KEY_RE = re.compile(r'[a-zA-Z0-9_]+')

# ValidationFailureReason order (engine common/utils/customprop/ValidationFailureReason.java) and the AppErrors
# texts of their EngineMessages (facts §1.4).
MESSAGES = [
    ('missing', 'Cannot {action} {type} if some of the specified custom properties are not configured by the '
                'system. The keys are: {keys}'),
    ('illegal', 'Cannot {action} {type} if some of the specified custom properties have illegal values. '
                'The keys are: {keys}'),
    ('syntax', 'Cannot {action} {type} if custom properties are in invalid format. Please check the input.'),
]


def parse_definitions(spec):
    """`name=regex;...` → {name: regex}, later names win."""
    defs = {}
    for part in (spec or '').split(';'):
        if not part:
            continue
        name, sep, regex = part.partition('=')
        defs[name] = regex if sep else '[^;]*'  # no regex: any value without `;` (parsePropertiesRegex)
    return defs


def definitions(options, version):
    """The running engine's definitions for one cluster level (VmPropertiesUtils.init)."""
    defs = parse_definitions(options.get('PredefinedVMProperties', version))
    defs.update(parse_definitions(options.get('UserDefinedVMProperties', version)))
    return defs


def from_api(api_value):
    """API `custom_properties` ({"custom_property": [...]}, or a bare list) → [(name, value)], keeping only
    complete entries; a repeated name keeps its first position and its last value."""
    if isinstance(api_value, dict):
        items = api_value.get('custom_property') or []
    else:
        items = api_value or []
    if isinstance(items, dict):  # a single element may come without the list
        items = [items]
    pairs = []
    for item in items:
        if not isinstance(item, dict):
            continue
        name, value = item.get('name'), item.get('value')
        if name is None or value is None:  # isSetName() && isSetValue(): "" counts as set
            continue
        for i, (n, _) in enumerate(pairs):
            if n == name:
                pairs[i] = (name, str(value))
                break
        else:
            pairs.append((str(name), str(value)))
    return pairs


def to_records(pairs):
    return [{'name': n, 'value': v} for n, v in pairs]


def from_records(records):
    return [(r['name'], r['value']) for r in records or []]


def to_api(records):
    """The JAXB wrapper (facts §4.2); None when empty, so the mapper omits the field (facts §4.4)."""
    if not records:
        return None
    return {'custom_property': [{'name': r['name'], 'value': r['value']} for r in records]}


def validate(defs, pairs):
    """→ {'syntax': bool, 'missing': [names], 'illegal': [names]}"""
    result = {'syntax': False, 'missing': [], 'illegal': []}
    for name, value in pairs:
        if not KEY_RE.fullmatch(name) or ';' in value:
            result['syntax'] = True
            return result
    for name, value in pairs:
        if name not in defs:
            result['missing'].append(name)
            continue
        try:
            ok = re.fullmatch(defs[name], value, re.DOTALL) is not None
        except re.error:
            ok = False  # UNVERIFIED: Java throws PatternSyntaxException here; the lab reports an illegal value
        if not ok:
            result['illegal'].append(name)
    return result


def messages(result, action, type_='VM'):
    """Validation result → the engine's message list (the REST fault detail is `[m1, m2]`)."""
    if result['syntax']:
        return [MESSAGES[2][1].format(action=action, type=type_)]
    out = []
    for key, text in MESSAGES[:2]:
        if result[key]:
            out.append(text.format(action=action, type=type_, keys=','.join(result[key])))
    return out
