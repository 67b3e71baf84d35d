/**
 * The API server's rules for names, label keys and label values, with upstream's messages
 * (k8s.io/apimachinery/pkg/util/validation/validation.go IsDNS1123Subdomain, IsDNS1123Label, IsDNS1035Label,
 * IsQualifiedName, IsValidLabelValue) and field.Error's wording (`<path>: Invalid value: "<v>": <detail>`).
 * The io layer's import validation and the inspector's forms both use them.
 */
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

/** A Go %q of a string, as field.Invalid prints a string value. */
export function goQuote(v: string): string {
  return JSON.stringify(v);
}

/** field.Invalid's text: `path: Invalid value: <value>: <detail>`. */
export function invalidValue(path: string, value: string, detail: string): string {
  return `${path}: Invalid value: ${value}: ${detail}`;
}

/** A Go %#v of a map[string]string (keys sorted, as fmt prints maps). */
export function goStringMap(m: Record<string, string>): string {
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(m[k] ?? '')}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/**
 * ValidateLabels (apimachinery/pkg/apis/meta/v1/validation): the first problem of a label map at `path`,
 * in the API server's words, or undefined when every key and value is valid.
 */
export function labelsError(labels: Record<string, string>, path: string): string | undefined {
  for (const [k, v] of Object.entries(labels)) {
    const key = qualifiedName(k);
    if (key.length) return invalidValue(path, goQuote(k), key.join(', '));
    const val = labelValue(v);
    if (val.length) return invalidValue(path, goQuote(v), val.join(', '));
  }
  return undefined;
}

/** ValidateObjectMeta's name check for a kind: `metadata.name: Invalid value: "x": ...`, or undefined. */
export function nameError(kind: string, name: string): string | undefined {
  if (name === '') return 'metadata.name: Required value: name or generateName is required';
  const errs = nameRule(kind)(name);
  return errs.length ? invalidValue('metadata.name', goQuote(name), errs.join(', ')) : undefined;
}
