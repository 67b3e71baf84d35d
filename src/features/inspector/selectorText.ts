/**
 * Labels and selectors as people type them in the inspector, in kubectl's syntax (`app=web,tier=front`,
 * `zone in (a,b),!gpu`), converted to and from the API's shapes: a label map, a metav1.LabelSelector
 * (matchLabels + matchExpressions) and node selector requirements. Parsing and validation are the
 * engine's `parseSelector` (labels.Parse), so messages are upstream's.
 */
import {
  labelsError,
  parseSelector,
  type LabelSelector,
  type LabelSelectorRequirement,
  type NodeSelectorRequirement,
} from '../../engine';

/** A parse result: the value, or the message to show next to the field. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

function requirements(text: string): Parsed<ReturnType<typeof parseSelector>['requirements']> {
  try {
    return { ok: true, value: parseSelector(text).requirements };
  } catch (e) {
    return { ok: false, error: `unable to parse requirement: ${(e as Error).message}` };
  }
}

/** `a=b,c=d` from a label map, keys in the order written. */
export function labelsToText(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/**
 * A label map from `a=b,c=d`: each pair is split at its first `=`; keys and values are then checked as the
 * API server checks labels (ValidateLabels), the message naming `path` in its words, e.g.
 * `metadata.labels: Invalid value: "-bad": name part must consist of ...`.
 */
export function textToLabels(text: string, path = 'metadata.labels'): Parsed<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const raw of text.split(',')) {
    const part = raw.trim();
    if (part === '') continue;
    const eq = part.indexOf('=');
    if (eq < 0) return { ok: false, error: `labels are written key=value; "${part}" is not` };
    out[part.slice(0, eq).trim()] = part.slice(eq + 1).trim();
  }
  const error = labelsError(out, path);
  return error ? { ok: false, error } : { ok: true, value: out };
}

function expressionText(key: string, operator: string, values: readonly string[]): string {
  switch (operator) {
    case 'In':
      return `${key} in (${values.join(',')})`;
    case 'NotIn':
      return `${key} notin (${values.join(',')})`;
    case 'Exists':
      return key;
    case 'DoesNotExist':
      return `!${key}`;
    case 'Gt':
      return `${key}>${values[0] ?? ''}`;
    case 'Lt':
      return `${key}<${values[0] ?? ''}`;
    default:
      return `${key} ${operator} (${values.join(',')})`;
  }
}

/** The text of a LabelSelector: matchLabels as `k=v`, then matchExpressions. */
export function labelSelectorToText(s: LabelSelector | undefined): string {
  if (!s) return '';
  const parts = Object.entries(s.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of s.matchExpressions ?? []) parts.push(expressionText(e.key, e.operator, e.values ?? []));
  return parts.join(',');
}

/** A LabelSelector from text; `!=` becomes NotIn, and `>`/`<` are refused (node selectors only). */
export function textToLabelSelector(text: string): Parsed<LabelSelector> {
  const r = requirements(text);
  if (!r.ok) return r;
  const matchLabels: Record<string, string> = {};
  const matchExpressions: LabelSelectorRequirement[] = [];
  for (const req of r.value) {
    const values = [...req.values];
    switch (req.operator) {
      case '=':
      case '==':
        matchLabels[req.key] = values[0] ?? '';
        break;
      case '!=':
        matchExpressions.push({ key: req.key, operator: 'NotIn', values });
        break;
      case 'In':
      case 'NotIn':
        matchExpressions.push({ key: req.key, operator: req.operator, values });
        break;
      case 'Exists':
      case 'DoesNotExist':
        matchExpressions.push({ key: req.key, operator: req.operator });
        break;
      case 'Gt':
      case 'Lt':
        return { ok: false, error: `"${req.key}": a label selector has no Gt or Lt operator` };
    }
  }
  const out: LabelSelector = {};
  if (Object.keys(matchLabels).length) out.matchLabels = matchLabels;
  if (matchExpressions.length) out.matchExpressions = matchExpressions;
  return { ok: true, value: out };
}

/** The text of node selector requirements (one term's matchExpressions). */
export function nodeRequirementsToText(reqs: readonly NodeSelectorRequirement[] | undefined): string {
  return (reqs ?? []).map((e) => expressionText(e.key, e.operator, e.values ?? [])).join(',');
}

/** Node selector requirements from text: `=` becomes In, `!=` NotIn, `>`/`<` Gt/Lt. */
export function textToNodeRequirements(text: string): Parsed<NodeSelectorRequirement[]> {
  const r = requirements(text);
  if (!r.ok) return r;
  if (r.value.length === 0)
    return { ok: false, error: 'at least one requirement is needed, e.g. zone in (a,b)' };
  return {
    ok: true,
    value: r.value.map((req) => {
      const values = [...req.values];
      switch (req.operator) {
        case '=':
        case '==':
          return { key: req.key, operator: 'In', values };
        case '!=':
          return { key: req.key, operator: 'NotIn', values };
        case 'Exists':
        case 'DoesNotExist':
          return { key: req.key, operator: req.operator };
        default:
          return { key: req.key, operator: req.operator, values };
      }
    }),
  };
}
