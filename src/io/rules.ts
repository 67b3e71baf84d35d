/**
 * Semantic checks the OpenAPI schema cannot express, with upstream's messages: object names (the DNS rule
 * each kind uses), label keys and values, quantities, and a workload selector that must match its template.
 * Messages follow k8s.io/apimachinery/pkg/util/validation/validation.go and
 * pkg/apis/apps/validation/validation.go.
 */
import { isValidQuantity } from '../engine';

// The name and label rules are the engine's (src/engine/api/validation.ts): one source for import and
// the inspector's forms.
export { dns1035Label, dns1123Label, dns1123Subdomain, labelValue, nameRule, qualifiedName } from '../engine';

/** Quantity fields: the values of resources.requests/limits, ResourceQuota hard, capacity, sizeLimit. */
export function isQuantityPath(path: string): boolean {
  return (
    /(^|\.)(requests|limits|hard|capacity|allocatable)\.[^.[\]]+$/.test(path) || /\.sizeLimit$/.test(path)
  );
}

/** The quantity message of resource.ParseQuantity's callers. */
export function quantity(v: unknown): string[] {
  if ((typeof v === 'string' || typeof v === 'number') && isValidQuantity(v)) return [];
  return ["quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"];
}

interface Requirement {
  key?: unknown;
  operator?: unknown;
  values?: unknown;
}

/** Whether a LabelSelector (matchLabels and matchExpressions) selects these labels. */
export function selectorMatches(selector: Record<string, unknown>, labels: Record<string, unknown>): boolean {
  const ml = selector['matchLabels'];
  if (ml && typeof ml === 'object')
    for (const [k, v] of Object.entries(ml)) if (labels[k] !== v) return false;
  const me = selector['matchExpressions'];
  if (Array.isArray(me))
    for (const r of me as Requirement[]) {
      const key = String(r.key);
      const has = Object.prototype.hasOwnProperty.call(labels, key);
      const values = Array.isArray(r.values) ? r.values.map(String) : [];
      const ok =
        r.operator === 'In'
          ? has && values.includes(String(labels[key]))
          : r.operator === 'NotIn'
            ? !has || !values.includes(String(labels[key]))
            : r.operator === 'Exists'
              ? has
              : r.operator === 'DoesNotExist'
                ? !has
                : true;
      if (!ok) return false;
    }
  return true;
}
