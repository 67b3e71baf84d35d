/**
 * Parses manifest text (multi-document YAML, JSON, `kind: List` and the `*List` kinds of `kubectl get -o
 * yaml`) into plain objects with the line and column of every field path. Hostile input is bounded: alias
 * expansion, nesting depth and file size have limits, and `__proto__`/`constructor` keys become plain own
 * properties (never prototypes). It does not validate against the schema (see ./validate.ts).
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import { deepNesting } from './depth';
import type { Issue } from './issues';

/** A position in the source text, 1-based. */
export interface Position {
  line: number;
  column: number;
}

/** One object found in a manifest, with where each of its fields is written. */
export interface ParsedObject {
  object: Record<string, unknown>;
  file: string;
  /** Position of each field path ('' is the object itself), e.g. `spec.replicas`, `spec.containers[0]`. */
  positions: Map<string, Position>;
}

/** What parsing found: the objects, and problems that stop the import. */
export interface ParseResult {
  objects: ParsedObject[];
  issues: Issue[];
}

/** Bounds on hostile input. */
export const LIMITS = {
  maxBytes: 32 * 1024 * 1024,
  /** Nested collections (real manifests, CRD schemas included, stay far below). */
  maxDepth: 200,
  /** Values per file. */
  maxNodes: 5_000_000,
  /** Values made by expanding aliases, per file (stops "billion laughs" alias bombs). */
  maxAliasValues: 100_000,
} as const;

/** The one message for text nested deeper than LIMITS.maxDepth. */
export const DEPTH_MESSAGE = `nesting deeper than ${LIMITS.maxDepth} levels is not supported`;

class LimitError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const HELM = /\{\{[\s\S]*?\}\}/;

/** Parses manifest text; `file` is used in issues. Never throws on bad input: problems come back as issues. */
export function parseManifests(text: string, file: string): ParseResult {
  const lc = new LineCounter();
  const at = (offset: number): Position => {
    const p = lc.linePos(offset);
    return { line: p.line, column: p.col };
  };
  const fail = (offset: number, message: string): ParseResult => {
    const p = offset >= 0 ? at(offset) : { line: 1, column: 1 };
    return { objects: [], issues: [{ file, ...p, object: '', path: '', message, severity: 'error' }] };
  };
  if (text.length > LIMITS.maxBytes)
    return fail(-1, `file is too large (${text.length} characters; the limit is ${LIMITS.maxBytes})`);
  // Deep nesting is refused before the parser (which recurses) sees it: one message, in linear time.
  const deep = deepNesting(text, LIMITS.maxDepth);
  if (deep)
    return {
      objects: [],
      issues: [{ file, ...deep, object: '', path: '', message: DEPTH_MESSAGE, severity: 'error' }],
    };
  const docs = parseAllDocuments(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const helm = findHelm(text);
  if (helm >= 0)
    return fail(
      helm,
      'Helm template syntax ({{ ... }}) is not YAML: run `helm template` on the chart first and import its output',
    );
  const list = Array.isArray(docs) ? docs : [docs];
  const issues: Issue[] = [];
  for (const d of list)
    for (const e of d.errors) {
      issues.push({
        file,
        ...at(e.pos[0]),
        object: '',
        path: '',
        message: e.message.split('\n')[0] ?? e.message,
        severity: 'error',
      });
    }
  if (issues.length) return { objects: [], issues };
  const objects: ParsedObject[] = [];
  const budget = { nodes: 0, aliased: 0 };
  try {
    for (const d of list) {
      const root = d.contents;
      if (!root || (isScalar(root) && (root.value === null || root.value === undefined))) continue;
      const conv = new Converter(d, at, budget);
      for (const { node, pos } of documentObjects(root, conv)) {
        const positions = new Map<string, Position>();
        const value = conv.toJs(node, '', positions, 0);
        if (!isRecord(value)) {
          issues.push({
            file,
            ...pos,
            object: '',
            path: '',
            message: 'a document must be a mapping with apiVersion and kind',
            severity: 'error',
          });
          continue;
        }
        objects.push({ object: value, file, positions });
      }
    }
  } catch (e) {
    if (e instanceof LimitError) return fail(e.offset, e.message);
    throw e;
  }
  return { objects, issues };
}

/** Offset of the first `{{ ... }}` outside a comment, or -1. */
function findHelm(text: string): number {
  if (!text.includes('{{')) return -1;
  let offset = 0;
  for (const line of text.split('\n')) {
    const code = line.trimStart().startsWith('#') ? '' : line;
    const m = HELM.exec(code);
    if (m) return offset + m.index;
    offset += line.length + 1;
  }
  return -1;
}

/** The top-level nodes that are objects: the document itself, or the items of a List. */
function documentObjects(root: Node, conv: Converter): { node: Node; pos: Position }[] {
  if (isMap(root)) {
    const kind = root.get('kind');
    const items = root.get('items', true);
    if (typeof kind === 'string' && kind.endsWith('List') && isSeq(items)) {
      return items.items.map((n) => ({ node: n as Node, pos: conv.pos(n as Node) }));
    }
  }
  return [{ node: root, pos: conv.pos(root) }];
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

type Doc = ReturnType<typeof parseAllDocuments> extends infer R ? (R extends (infer D)[] ? D : never) : never;

class Converter {
  constructor(
    private readonly doc: Doc,
    private readonly at: (offset: number) => Position,
    private readonly budget: { nodes: number; aliased: number },
  ) {}

  private readonly resolved = new Map<Node, Node | undefined>();

  pos(node: Node | null | undefined): Position {
    return this.at(node?.range?.[0] ?? 0);
  }

  /** Converts a node to a plain value, recording the position of each path (not inside aliases). */
  toJs(
    node: unknown,
    path: string,
    positions: Map<string, Position>,
    depth: number,
    inAlias = false,
  ): unknown {
    const n = node as Node;
    const offset = n?.range?.[0] ?? 0;
    if (++this.budget.nodes > LIMITS.maxNodes)
      throw new LimitError(`too many values (more than ${LIMITS.maxNodes})`, offset);
    if (inAlias && ++this.budget.aliased > LIMITS.maxAliasValues)
      throw new LimitError(
        `aliases expand to too many values (more than ${LIMITS.maxAliasValues}; a YAML alias bomb?)`,
        offset,
      );
    if (depth > LIMITS.maxDepth) throw new LimitError(DEPTH_MESSAGE, offset);
    if (!inAlias && n?.range && !positions.has(path)) positions.set(path, this.at(offset));
    if (isAlias(n)) {
      // Resolving walks the document, so each alias is resolved once.
      if (!this.resolved.has(n)) this.resolved.set(n, n.resolve(this.doc) as Node | undefined);
      const target = this.resolved.get(n);
      return target ? this.toJs(target, path, positions, depth + 1, true) : null;
    }
    if (isScalar(n)) return n.value;
    if (isSeq(n))
      return n.items.map((item, i) => this.toJs(item, `${path}[${i}]`, positions, depth + 1, inAlias));
    if (isMap(n)) {
      const out: Record<string, unknown> = {};
      for (const pair of n.items) {
        const k = isScalar(pair.key)
          ? String(pair.key.value)
          : String(this.toJs(pair.key, path, new Map(), depth + 1));
        const childPath = path ? `${path}.${k}` : k;
        if (!inAlias && isScalar(pair.key) && pair.key.range)
          positions.set(childPath, this.at(pair.key.range[0]));
        // defineProperty keeps `__proto__` an own data property instead of setting the prototype.
        Object.defineProperty(out, k, {
          value: this.toJs(pair.value, childPath, positions, depth + 1, inAlias),
          enumerable: true,
          writable: true,
          configurable: true,
        });
      }
      return out;
    }
    return n === null || n === undefined ? null : n;
  }
}
