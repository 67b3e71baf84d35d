/**
 * Label selectors as k8s.io/apimachinery/pkg/labels (selector.go: Parse, NewRequirement,
 * Requirement.Matches) and metav1.LabelSelectorAsSelector (apis/meta/v1/helpers.go), plus node selector
 * terms as component-helpers/scheduling/corev1/nodeaffinity matches them (Gt and Lt included).
 */
import type { LabelSelector, Node, NodeSelector, NodeSelectorTerm } from './types';

/** selection.Operator: the operators of a requirement, in both their word and symbol forms. */
export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt' | '=' | '==' | '!=';

/** One `key op values` condition of a selector. */
export interface Requirement {
  readonly key: string;
  readonly operator: Operator;
  readonly values: readonly string[];
}

export type Labels = Readonly<Record<string, string>>;

/** An AND of requirements; `nothing` matches no labels at all (labels.Nothing()). */
export class Selector {
  constructor(
    readonly requirements: readonly Requirement[],
    readonly nothing = false,
  ) {}

  /** True when every requirement matches the labels. */
  matches(labels: Labels | undefined): boolean {
    if (this.nothing) return false;
    const l = labels ?? {};
    for (const r of this.requirements) if (!requirementMatches(r, l)) return false;
    return true;
  }

  /** labels.Everything(): no requirement and not Nothing. */
  get empty(): boolean {
    return !this.nothing && this.requirements.length === 0;
  }

  /** The selector's string form as Selector.String() writes it (requirements sorted by key). */
  toString(): string {
    return this.requirements.map(requirementString).join(',');
  }
}

export const EVERYTHING = new Selector([]);
export const NOTHING = new Selector([], true);

const NAME_RE = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN_RE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const INT_RE = /^[+-]?\d+$/;

/** validation.IsQualifiedName: an optional DNS-subdomain prefix and `/`, then a name of up to 63 chars. */
export function isQualifiedName(key: string): boolean {
  const parts = key.split('/');
  if (parts.length > 2) return false;
  const name = parts[parts.length - 1] as string;
  if (parts.length === 2) {
    const prefix = parts[0] as string;
    if (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN_RE.test(prefix)) return false;
  }
  return name.length > 0 && name.length <= 63 && NAME_RE.test(name);
}

/** validation.IsValidLabelValue: empty, or up to 63 chars of [A-Za-z0-9._-] with alphanumeric ends. */
export function isValidLabelValue(v: string): boolean {
  return v === '' || (v.length <= 63 && NAME_RE.test(v));
}

/** labels.NewRequirement: validates as upstream does and throws an Error with the reason. */
export function newRequirement(key: string, operator: Operator, values: readonly string[]): Requirement {
  if (!isQualifiedName(key)) throw new Error(`invalid label key "${key}"`);
  switch (operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) throw new Error("for 'in', 'notin' operators, values set can't be empty");
      break;
    case '=':
    case '==':
    case '!=':
      if (values.length !== 1) throw new Error('exact-match compatibility requires one single value');
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length !== 0) throw new Error('values set must be empty for exists and does not exist');
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) throw new Error("for 'Gt', 'Lt' operators, exactly one value is required");
      if (!INT_RE.test(values[0] as string))
        throw new Error("for 'Gt', 'Lt' operators, the value must be an integer");
      break;
  }
  for (const v of values) if (!isValidLabelValue(v)) throw new Error(`invalid label value: "${v}"`);
  return { key, operator, values: [...values] };
}

/** Requirement.Matches. */
export function requirementMatches(r: Requirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.operator) {
    case 'In':
    case '=':
    case '==':
      return has && r.values.includes(v as string);
    case 'NotIn':
    case '!=':
      return !has || !r.values.includes(v as string);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !INT_RE.test(v as string)) return false;
      const left = Number(v);
      const right = Number(r.values[0]);
      return r.operator === 'Gt' ? left > right : left < right;
    }
  }
}

function requirementString(r: Requirement): string {
  switch (r.operator) {
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'In':
      return `${r.key} in (${[...r.values].sort().join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${[...r.values].sort().join(',')})`;
    case 'Gt':
      return `${r.key}>${r.values[0] ?? ''}`;
    case 'Lt':
      return `${r.key}<${r.values[0] ?? ''}`;
    default:
      return `${r.key}${r.operator}${r.values[0] ?? ''}`;
  }
}

function sorted(reqs: Requirement[]): Selector {
  return new Selector([...reqs].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)));
}

/** labels.SelectorFromSet: `k = v` for every pair (an empty set selects everything). */
export function selectorFromSet(set: Labels | undefined): Selector {
  return sorted(Object.entries(set ?? {}).map(([k, v]) => newRequirement(k, '=', [v])));
}

const cache = new WeakMap<object, Selector>();

/**
 * metav1.LabelSelectorAsSelector: nil selects nothing, an empty selector everything; matchLabels and
 * matchExpressions (In, NotIn, Exists, DoesNotExist) are ANDed. Throws on an invalid selector. Cached per
 * selector object (stored objects are immutable).
 */
export function labelSelectorAsSelector(ls: LabelSelector | null | undefined): Selector {
  if (ls === null || ls === undefined) return NOTHING;
  const hit = cache.get(ls);
  if (hit) return hit;
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) reqs.push(newRequirement(k, '=', [v]));
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator as Operator;
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(op))
      throw new Error(`"${e.operator}" is not a valid label selector operator`);
    reqs.push(newRequirement(e.key, op, e.values ?? []));
  }
  const sel = reqs.length === 0 ? EVERYTHING : sorted(reqs);
  cache.set(ls, sel);
  return sel;
}

/** Like labelSelectorAsSelector, but an invalid selector selects nothing (as the scheduler treats errors). */
export function safeSelector(ls: LabelSelector | null | undefined): Selector {
  try {
    return labelSelectorAsSelector(ls);
  } catch {
    return NOTHING;
  }
}

export { parseSelector } from './labelParser';

const termCache = new WeakMap<object, ((node: Node) => boolean) | null>();

/**
 * nodeaffinity: a term matches when all its matchExpressions match the node's labels and all its
 * matchFields (metadata.name, In/NotIn) match; an empty term, or one that cannot be parsed, matches nothing.
 */
export function nodeSelectorTermMatches(term: NodeSelectorTerm, node: Node): boolean {
  let fn = termCache.get(term);
  if (fn === undefined) {
    fn = compileTerm(term);
    termCache.set(term, fn);
  }
  return fn !== null && fn(node);
}

function compileTerm(term: NodeSelectorTerm): ((node: Node) => boolean) | null {
  const exprs = term.matchExpressions ?? [];
  const fields = term.matchFields ?? [];
  if (exprs.length === 0 && fields.length === 0) return null;
  try {
    const labelReqs = exprs.map((e) => newRequirement(e.key, e.operator as Operator, e.values ?? []));
    const fieldReqs = fields.map((f) => {
      if (f.key !== 'metadata.name') throw new Error(`not a valid field selector key: ${f.key}`);
      if (f.operator !== 'In' && f.operator !== 'NotIn') throw new Error(`bad field operator ${f.operator}`);
      if ((f.values ?? []).length !== 1) throw new Error('field selectors need exactly one value');
      return { operator: f.operator, value: (f.values ?? [])[0] as string };
    });
    return (node: Node) => {
      const labels = node.metadata?.labels ?? {};
      for (const r of labelReqs) if (!requirementMatches(r, labels)) return false;
      const name = node.metadata?.name ?? '';
      for (const f of fieldReqs) if ((name === f.value) !== (f.operator === 'In')) return false;
      return true;
    };
  } catch {
    return null;
  }
}

/** A NodeSelector's terms are ORed; no terms matches nothing. */
export function nodeSelectorMatches(selector: NodeSelector, node: Node): boolean {
  for (const t of selector.nodeSelectorTerms ?? []) if (nodeSelectorTermMatches(t, node)) return true;
  return false;
}
