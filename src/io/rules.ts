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

const BASE64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const BASE64_VALUE = new Map([...BASE64_ALPHABET].map((c, i) => [c.charCodeAt(0), i]));

/**
 * Where Go's base64.StdEncoding.Decode (encoding/base64 decodeQuantum, which the API server's JSON decoder
 * uses for `[]byte` fields such as a Secret's `data`) stops with `illegal base64 data at input byte N`:
 * N, a byte offset into the UTF-8 text, or undefined when the value decodes. Like Go: padding is
 * required, `\r` and `\n` are skipped, nothing may follow the padding.
 */
export function base64ErrorOffset(value: string): number | undefined {
  const src = new TextEncoder().encode(value);
  const NL = 10;
  const CR = 13;
  const PAD = 61;
  let si = 0;
  while (si < src.length) {
    // One quantum of up to four characters.
    for (let j = 0; j < 4; j++) {
      if (si === src.length) {
        if (j === 0) return undefined;
        return si - j;
      }
      const c = src[si] as number;
      si++;
      if (BASE64_VALUE.has(c)) continue;
      if (c === NL || c === CR) {
        j--;
        continue;
      }
      if (c !== PAD) return si - 1;
      // Padding: the end of the data.
      if (j === 0 || j === 1) return si - 1;
      if (j === 2) {
        while (si < src.length && (src[si] === NL || src[si] === CR)) si++;
        if (si === src.length) return src.length;
        if (src[si] !== PAD) return si - 1;
        si++;
      }
      while (si < src.length && (src[si] === NL || src[si] === CR)) si++;
      return si < src.length ? si : undefined;
    }
  }
  return undefined;
}

/** A quantity as an exact decimal: `mantissa × 10^exponent`, with the format its suffix implies. */
interface ExactQuantity {
  mantissa: bigint;
  exponent: number;
  format: 'DecimalSI' | 'BinarySI' | 'DecimalExponent';
}

const QUANTITY_PARTS = /^([+-]?)(\d*)(?:\.(\d*))?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E|[eE][+-]?\d+)?$/;
const DECIMAL_SUFFIX: Record<string, number> = {
  n: -9,
  u: -6,
  m: -3,
  '': 0,
  k: 3,
  M: 6,
  G: 9,
  T: 12,
  P: 15,
  E: 18,
};
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * resource.ParseQuantity, exactly (no floating point): undefined when the text is not a quantity. Values
 * finer than nano are rounded up to it, as upstream does.
 */
export function exactQuantity(input: string | number): ExactQuantity | undefined {
  const text = typeof input === 'number' ? String(input) : input;
  // A manifest repeats a few quantities (100m, 64Mi...) thousands of times: each is read once (frozen).
  const known = QUANTITIES.get(text);
  if (known !== undefined || QUANTITIES.has(text)) return known;
  const q = readQuantity(text);
  if (QUANTITIES.size >= 10_000) QUANTITIES.clear();
  QUANTITIES.set(text, q && Object.freeze(q));
  return q;
}

const QUANTITIES = new Map<string, Readonly<ExactQuantity> | undefined>();

function readQuantity(text: string): ExactQuantity | undefined {
  const m = QUANTITY_PARTS.exec(text);
  if (!m) return undefined;
  const [, sign = '', whole = '', frac = '', suffix = ''] = m;
  if (whole === '' && frac === '') return undefined;
  let mantissa = BigInt(`${whole}${frac}` || '0');
  let exponent = -frac.length;
  let format: ExactQuantity['format'] = 'DecimalSI';
  if (suffix in BINARY_SUFFIX) {
    mantissa *= 2n ** BigInt(BINARY_SUFFIX[suffix] as number);
    format = 'BinarySI';
  } else if (suffix in DECIMAL_SUFFIX) exponent += DECIMAL_SUFFIX[suffix] as number;
  else {
    exponent += Number(suffix.slice(1));
    format = 'DecimalExponent';
  }
  if (exponent < -9) {
    const div = 10n ** BigInt(-9 - exponent);
    mantissa = (mantissa + div - 1n) / div;
    exponent = -9;
  }
  return { mantissa: sign === '-' ? -mantissa : mantissa, exponent, format };
}

/** Compares two exact quantities (-1, 0 or 1), as Quantity.Cmp. */
export function compareQuantities(a: ExactQuantity, b: ExactQuantity): number {
  const e = Math.min(a.exponent, b.exponent);
  const x = a.mantissa * 10n ** BigInt(a.exponent - e);
  const y = b.mantissa * 10n ** BigInt(b.exponent - e);
  return x < y ? -1 : x > y ? 1 : 0;
}

const SI_BY_EXPONENT: Record<number, string> = {
  [-9]: 'n',
  [-6]: 'u',
  [-3]: 'm',
  0: '',
  3: 'k',
  6: 'M',
  9: 'G',
  12: 'T',
  15: 'P',
  18: 'E',
};
const BINARY_NAMES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];

/**
 * Quantity.String(): the canonical form the API server prints in messages (CanonicalizeBytes): a binary
 * quantity as the largest whole binary unit (`1024Mi` is `1Gi`) unless it is below 1024 or not whole;
 * otherwise the largest power of 1000 that keeps the number whole (`2000m` is `2`, `1.5` is `1500m`).
 */
export function canonicalQuantity(q: ExactQuantity): string {
  if (q.mantissa === 0n) return '0';
  const neg = q.mantissa < 0n;
  const abs = neg ? -q.mantissa : q.mantissa;
  const sign = neg ? '-' : '';
  if (q.format === 'BinarySI') {
    const whole = q.exponent >= 0 ? abs * 10n ** BigInt(q.exponent) : undefined;
    const exact = whole !== undefined || abs % 10n ** BigInt(-q.exponent) === 0n;
    const n = whole ?? abs / 10n ** BigInt(-q.exponent);
    if (exact && n >= 1024n) {
      let unit = 0;
      let v = n;
      while (unit < 6 && v % 1024n === 0n) {
        v /= 1024n;
        unit++;
      }
      return `${sign}${v}${BINARY_NAMES[unit]}`;
    }
  }
  // Decimal: the largest exponent, a multiple of 3, that leaves a whole mantissa.
  let mantissa = abs;
  let exponent = q.exponent;
  while (exponent % 3 !== 0) {
    mantissa *= 10n;
    exponent--;
  }
  while (mantissa % 1000n === 0n && exponent < 18) {
    mantissa /= 1000n;
    exponent += 3;
  }
  if (q.format === 'DecimalExponent') return `${sign}${mantissa}${exponent === 0 ? '' : `e${exponent}`}`;
  const suffix = SI_BY_EXPONENT[exponent];
  return suffix === undefined ? `${sign}${mantissa}e${exponent}` : `${sign}${mantissa}${suffix}`;
}

/**
 * IsOvercommitAllowed (pkg/apis/core/helper): native resources (no domain, or a `kubernetes.io/` one)
 * other than hugepages may have requests below their limits; extended resources (GPUs) may not.
 */
export function isOvercommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  return native && !name.startsWith('hugepages-');
}
