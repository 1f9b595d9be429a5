/**
 * Where and why JSON.parse failed. V8's messages name the position only for some errors ("Unexpected token"
 * gives a source excerpt instead) and say nothing about the usual human mistakes, so a failed parse is
 * re-scanned here: a small JSON grammar walk that stops at the first error and names it in JSON's terms
 * (trailing comma, comment, single quotes). Only runs when JSON.parse already failed.
 */

export interface JsonSyntaxError {
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

export function locateJsonError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (message: string, at = i): never => {
    throw new Stop(at, message);
  };
  const ws = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text[i] ?? '')) i++;
    if (text.startsWith('//', i) || text.startsWith('/*', i)) fail('comments are not allowed in JSON (use YAML for a commented config)');
  };
  const describe = (): string => (i >= text.length ? 'the end of the file' : JSON.stringify(text[i]));
  const string = (): void => {
    if (text[i] === "'") fail('strings must use double quotes (") in JSON');
    if (text[i] !== '"') fail(`expected a string in double quotes, found ${describe()}`);
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail(c === 10 ? 'string not closed before the end of the line' : 'control character inside a string');
      if (text[i] === '\\') {
        const n = text[i + 1] ?? '';
        if (n === 'u') {
          if (!/^[0-9A-Fa-f]{4}$/.test(text.slice(i + 2, i + 6))) fail('bad \\u escape (needs 4 hex digits)');
          i += 6;
          continue;
        }
        if (!'"\\/bfnrt'.includes(n) || n === '') fail(`bad escape "\\${n}" in a string (write "\\\\" for a backslash)`);
        i += 2;
        continue;
      }
      i++;
    }
    if (i >= text.length) fail('string not closed', start);
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"' || c === "'") return string();
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    if (m && m[0] !== '' && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    if (i >= text.length) fail('unexpected end of the file: a value is missing');
    fail(`expected a value (string, number, true, false, null, {...} or [...]), found ${describe()}`);
  };
  const object = (): void => {
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === '}') fail('trailing comma before "}" is not allowed in JSON');
      if (text[i] !== '"' && text[i] !== "'") fail(`expected a property name in double quotes, found ${describe()}`);
      string();
      ws();
      if (text[i] !== ':') fail(`expected ":" after the property name, found ${describe()}`);
      i++;
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === '}') {
        i++;
        return;
      }
      if (i >= text.length) fail('unexpected end of the file: a "}" is missing');
      fail(`expected "," or "}" after a property value, found ${describe()}`);
    }
  };
  const array = (): void => {
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      ws();
      if (text[i] === ']') fail('trailing comma before "]" is not allowed in JSON');
      value();
      ws();
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text[i] === ']') {
        i++;
        return;
      }
      if (i >= text.length) fail('unexpected end of the file: a "]" is missing');
      fail(`expected "," or "]" after a list item, found ${describe()}`);
    }
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON document`);
    return undefined;
  } catch (e) {
    if (e instanceof Stop) return { offset: e.offset, message: e.message };
    throw e;
  }
}
