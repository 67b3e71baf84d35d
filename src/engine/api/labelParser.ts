/**
 * labels.Parse: the string syntax of label selectors (`a=b,c!=d,e in (f,g),!h,i>3`), tokenized and parsed
 * as k8s.io/apimachinery/pkg/labels/selector.go's Lexer and Parser do. Requirements come out sorted by key.
 */
import { newRequirement, Selector, type Operator, type Requirement } from './labels';

type Token =
  | { t: 'id'; v: string }
  | { t: 'op'; v: string }
  | { t: 'open' }
  | { t: 'close' }
  | { t: 'comma' }
  | { t: 'not' }
  | { t: 'end' };

const SPECIAL = '=!(),<>';
const OPERATORS = ['==', '!=', '=', '>', '<', '!', '(', ')', ','];

function lex(s: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (SPECIAL.includes(c)) {
      const two = s.slice(i, i + 2);
      const op = OPERATORS.find((o) => (o.length === 2 ? two === o : c === o)) as string;
      i += op.length;
      if (op === '(') out.push({ t: 'open' });
      else if (op === ')') out.push({ t: 'close' });
      else if (op === ',') out.push({ t: 'comma' });
      else if (op === '!') out.push({ t: 'not' });
      else out.push({ t: 'op', v: op });
      continue;
    }
    let j = i;
    while (j < s.length && !/\s/.test(s[j] as string) && !SPECIAL.includes(s[j] as string)) j++;
    out.push({ t: 'id', v: s.slice(i, j) });
    i = j;
  }
  out.push({ t: 'end' });
  return out;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] as Token;
  }
  private next(): Token {
    return this.tokens[this.pos++] as Token;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'end') return reqs;
      if (tok.t !== 'id' && tok.t !== 'not')
        throw new Error(`found '${describe(tok)}', expected: !, identifier, or 'end of string'`);
      reqs.push(this.requirement());
      const after = this.next();
      if (after.t === 'end') return reqs;
      if (after.t !== 'comma')
        throw new Error(`found '${describe(after)}', expected: ',' or 'end of string'`);
      if (this.peek().t === 'end') throw new Error("found 'end of string', expected: identifier");
    }
  }

  private requirement(): Requirement {
    let negated = false;
    if (this.peek().t === 'not') {
      this.next();
      negated = true;
    }
    const keyTok = this.next();
    if (keyTok.t !== 'id') throw new Error(`found '${describe(keyTok)}', expected: identifier`);
    const key = keyTok.v;
    const following = this.peek();
    if (following.t === 'comma' || following.t === 'end')
      return newRequirement(key, negated ? 'DoesNotExist' : 'Exists', []);
    if (negated) throw new Error(`found '${describe(following)}', expected: ',' or 'end of string'`);
    const opTok = this.next();
    const op = operatorOf(opTok);
    if (op === 'In' || op === 'NotIn') return newRequirement(key, op, this.valueSet());
    const valueTok = this.peek();
    let value = '';
    if (valueTok.t === 'id') {
      this.next();
      value = valueTok.v;
    } else if (valueTok.t !== 'comma' && valueTok.t !== 'end') {
      throw new Error(`found '${describe(valueTok)}', expected: identifier`);
    }
    return newRequirement(key, op, [value]);
  }

  private valueSet(): string[] {
    const open = this.next();
    if (open.t !== 'open') throw new Error(`found '${describe(open)}', expected: '('`);
    const values: string[] = [];
    for (;;) {
      const tok = this.next();
      if (tok.t === 'id') {
        values.push(tok.v);
        const sep = this.next();
        if (sep.t === 'close') return values;
        if (sep.t !== 'comma') throw new Error(`found '${describe(sep)}', expected: ',' or ')'`);
        if (this.peek().t === 'close') {
          this.next();
          values.push('');
          return values;
        }
      } else if (tok.t === 'close') {
        values.push('');
        return values;
      } else if (tok.t === 'comma') {
        values.push('');
      } else {
        throw new Error(`found '${describe(tok)}', expected: ',', ')' or identifier`);
      }
    }
  }
}

function operatorOf(tok: Token): Operator {
  if (tok.t === 'op') {
    const map: Record<string, Operator> = { '=': '=', '==': '==', '!=': '!=', '>': 'Gt', '<': 'Lt' };
    const op = map[tok.v];
    if (op) return op;
  }
  if (tok.t === 'id' && tok.v === 'in') return 'In';
  if (tok.t === 'id' && tok.v === 'notin') return 'NotIn';
  throw new Error(`found '${describe(tok)}', expected: in, notin, =, ==, !=, gt, lt`);
}

function describe(tok: Token): string {
  switch (tok.t) {
    case 'id':
    case 'op':
      return tok.v;
    case 'open':
      return '(';
    case 'close':
      return ')';
    case 'comma':
      return ',';
    case 'not':
      return '!';
    case 'end':
      return 'end of string';
  }
}

/** labels.Parse: a selector from its string form; throws on a syntax or validation error. */
export function parseSelector(input: string): Selector {
  const reqs = new Parser(lex(input)).parse();
  return new Selector([...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}
