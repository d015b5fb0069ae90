// CRD `pattern`s are Go regular expressions (RE2 syntax), which the API server compiles with
// Go's regexp package. JavaScript's `u` mode is stricter about escapes and lacks some RE2 syntax,
// so a pattern is translated token by token before it is compiled.

// Characters that are special in a JavaScript `u`-mode pattern (outside a class): escaped as is.
const JS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/']);
// Inside a class, `u` mode accepts escapes of these only.
const JS_CLASS_SYNTAX = new Set([...'^$\\.*+?()[]{}|/-']);

// RE2 escapes that mean the same in JavaScript.
const SAME_ESCAPES = new Set([...'dDwWbBtnrfv0123456789']);
const GO_SPACE = '\\t\\n\\f\\r ';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`\\{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

// Flags RE2 allows in `(?flags)`: i, m and s exist in JavaScript; U (ungreedy) has no equivalent.
const FLAGS = new Set(['i', 'm', 's']);

export interface Translated {
  readonly source: string;
  readonly flags: string;
}

const escapeLiteral = (c: string, inClass: boolean): string => ((inClass ? JS_CLASS_SYNTAX : JS_SYNTAX).has(c) ? `\\${c}` : c);

/** A `{n}`, `{n,}` or `{n,m}` repetition at `i`, else undefined (RE2 then reads `{` literally). */
function repetitionAt(p: string, i: number): string | undefined {
  return /^\{\d+(?:,\d*)?\}/.exec(p.slice(i))?.[0];
}

/**
 * Translates an RE2 pattern into a JavaScript `u`-mode pattern with the same meaning, or throws
 * when it uses RE2 syntax that JavaScript cannot express (then the pattern is not checked).
 */
export function translateRe2(pattern: string): Translated {
  let out = '';
  let flags = '';
  let inClass = false;
  let classStart = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      const n = pattern[i + 1];
      if (n === undefined) throw new Error('trailing backslash');
      i++;
      if (n === 'Q') {
        const end = pattern.indexOf('\\E', i + 1);
        const literal = end < 0 ? pattern.slice(i + 1) : pattern.slice(i + 1, end);
        out += [...literal].map((ch) => escapeLiteral(ch, inClass)).join('');
        i = end < 0 ? pattern.length : end + 1;
      } else if (n === 'A' && !inClass) out += '(?<![\\s\\S])';
      else if (n === 'z' && !inClass) out += '(?![\\s\\S])';
      else if (n === 'x' && pattern[i + 1] === '{') {
        // \x{10FFFF}: a code point, \u{10FFFF} in JavaScript.
        const end = pattern.indexOf('}', i + 1);
        if (end < 0) throw new Error('missing } in \\x{');
        out += `\\u{${pattern.slice(i + 2, end)}}`;
        i = end;
      } else if (n === 's' || n === 'S') {
        // Go's \s is ASCII whitespace only; JavaScript's also matches Unicode spaces.
        out += inClass ? (n === 's' ? GO_SPACE : '\\S') : n === 's' ? `[${GO_SPACE}]` : `[^${GO_SPACE}]`;
      } else if ((n === 'p' || n === 'P') && pattern[i + 1] !== '{') {
        out += `\\${n}{${pattern[i + 1] ?? ''}}`;
        i++;
      } else if (n === 'p' || n === 'P' || n === 'x' || SAME_ESCAPES.has(n)) out += `\\${n}`;
      else if (/[A-Za-z]/.test(n)) throw new Error(`unsupported escape \\${n}`);
      else out += escapeLiteral(n, inClass); // RE2 lets any punctuation be escaped
      classStart = false;
      continue;
    }
    if (inClass) {
      if (c === '[' && pattern[i + 1] === ':') {
        const m = /^\[:(\^?)([a-z]+):\]/.exec(pattern.slice(i));
        const set = m && POSIX_CLASSES[m[2]!];
        if (!m || !set) throw new Error('unknown POSIX class');
        if (m[1]) throw new Error('negated POSIX class');
        out += set;
        i += m[0].length - 1;
      } else if (c === ']' && !classStart) {
        out += ']';
        inClass = false;
      } else if (c === ']' || c === '[' || c === '/' || c === '{' || c === '}' || c === '(' || c === ')' || c === '|') {
        out += `\\${c}`;
      } else out += c;
      classStart = classStart && c === '^';
      continue;
    }
    if (c === '[') {
      inClass = true;
      classStart = true;
      out += '[';
      if (pattern[i + 1] === '^') {
        out += '^';
        i++;
      }
      continue;
    }
    if (c === '(' && pattern[i + 1] === '?') {
      const rest = pattern.slice(i + 2);
      const named = /^P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
      if (named) {
        out += `(?<${named[1]}>`;
        i += 1 + named[0].length;
        continue;
      }
      if (rest.startsWith(':')) {
        out += '(?:';
        i += 2;
        continue;
      }
      const setFlags = /^([a-zA-Z]+)\)/.exec(rest);
      // Flags set at the very start apply to the whole pattern, as JavaScript flags do.
      if (setFlags && out === '' && [...setFlags[1]!].every((f) => FLAGS.has(f))) {
        flags += setFlags[1];
        i += 1 + setFlags[0].length;
        continue;
      }
      throw new Error('unsupported group flags');
    }
    if (c === '{') {
      const rep = repetitionAt(pattern, i);
      if (rep) {
        out += rep;
        i += rep.length - 1;
      } else out += '\\{';
      continue;
    }
    if (c === '}' || c === ']') {
      out += `\\${c}`;
      continue;
    }
    // Go's . is any character but \n (JavaScript's also excludes \r, \u2028 and \u2029).
    if (c === '.' && !flags.includes('s')) {
      out += '[^\\n]';
      continue;
    }
    out += c;
  }
  if (inClass) throw new Error('missing ]');
  return { source: out, flags: [...new Set(flags)].join('') };
}

const compiled = new Map<string, RegExp | Error>();

/** The JavaScript RegExp of an RE2 pattern (cached), or an Error saying why there is none. */
export function re2(pattern: string): RegExp | Error {
  let re = compiled.get(pattern);
  if (re === undefined) {
    try {
      const t = translateRe2(pattern);
      re = new RegExp(t.source, `u${t.flags}`);
    } catch (e) {
      re = e instanceof Error ? e : new Error(String(e));
    }
    compiled.set(pattern, re);
  }
  return re;
}
