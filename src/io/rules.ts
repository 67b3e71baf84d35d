/**
 * Semantic checks the OpenAPI schema cannot express, with upstream's messages: object names (the DNS rule
 * each kind uses), label keys and values, quantities, and a workload selector that must match its template.
 * Messages follow k8s.io/apimachinery/pkg/util/validation/validation.go and
 * pkg/apis/apps/validation/validation.go.
 */
import { isValidQuantity } from '../engine';

const LABEL_RE = '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]';
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = `${DNS1123_LABEL}(\\.${DNS1123_LABEL})*`;
const DNS1035_LABEL = '[a-z]([-a-z0-9]*[a-z0-9])?';
const full = (re: string): RegExp => new RegExp(`^${re}$`);
const labelRe = full(LABEL_RE);
const dns1123LabelRe = full(DNS1123_LABEL);
const dns1123SubdomainRe = full(DNS1123_SUBDOMAIN);
const dns1035LabelRe = full(DNS1035_LABEL);

/** IsDNS1123Subdomain: the problems with a value, empty when valid. */
export function dns1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!dns1123SubdomainRe.test(v))
    errs.push(
      `a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN}')`,
    );
  return errs;
}

/** IsDNS1123Label. */
export function dns1123Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!dns1123LabelRe.test(v))
    errs.push(
      `a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '${DNS1123_LABEL}')`,
    );
  return errs;
}

/** IsDNS1035Label. */
export function dns1035Label(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!dns1035LabelRe.test(v))
    errs.push(
      `a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '${DNS1035_LABEL}')`,
    );
  return errs;
}

/**
 * The name rule of a kind: Namespace names are DNS-1123 labels (ValidateNamespaceName), Service names
 * DNS-1035 labels (ValidateServiceName); most other kinds use DNS-1123 subdomains (NameIsDNSSubdomain).
 */
export function nameRule(kind: string): (v: string) => string[] {
  if (kind === 'Namespace') return dns1123Label;
  if (kind === 'Service') return dns1035Label;
  return dns1123Subdomain;
}

/** IsQualifiedName: a label or annotation key, `[prefix/]name`. */
export function qualifiedName(key: string): string[] {
  const parts = key.split('/');
  const errs: string[] = [];
  let name = key;
  if (parts.length === 2) {
    const [prefix, n] = parts as [string, string];
    name = n;
    if (prefix.length === 0) errs.push('prefix part must be non-empty');
    else for (const e of dns1123Subdomain(prefix)) errs.push(`prefix part ${e}`);
  } else if (parts.length > 2) {
    return [
      `a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${LABEL_RE}') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ];
  }
  if (name.length === 0) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (name.length > 0 && !labelRe.test(name))
    errs.push(
      `name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '${LABEL_RE}')`,
    );
  return errs;
}

/** IsValidLabelValue. */
export function labelValue(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (v.length > 0 && !labelRe.test(v))
    errs.push(
      `a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(${LABEL_RE})?')`,
    );
  return errs;
}

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
