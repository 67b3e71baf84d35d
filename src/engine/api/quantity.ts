/**
 * resource.Quantity parsing, as k8s.io/apimachinery/pkg/api/resource does it for the values people write:
 * decimal SI suffixes (m, k, M, G, T, P, E), binary suffixes (Ki, Mi, Gi, Ti, Pi, Ei) and exponents (1e3).
 * The engine accounts CPU in millicores and everything else in whole units (bytes, pods, GPUs), rounding
 * up as upstream's MilliValue() and Value() do.
 */

const DECIMAL: Record<string, number> = { '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60,
};

const QUANTITY_RE = /^([+-]?(?:\d+\.?\d*|\.\d+))(?:(Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)|[eE]([+-]?\d+))?$/;

/** The numeric value of a quantity, or undefined when it is not a valid quantity. */
export function parseQuantity(input: string | number): number | undefined {
  if (typeof input === 'number') return Number.isFinite(input) ? input : undefined;
  // No trimming: upstream refuses " 1" and "1 " (quantity_test.go TestQuantityParse, invalid cases).
  const m = QUANTITY_RE.exec(input);
  if (!m) return undefined;
  const n = Number(m[1]);
  if (m[3] !== undefined) return n * 10 ** Number(m[3]);
  const suffix = m[2] ?? '';
  return n * (BINARY[suffix] ?? DECIMAL[suffix] ?? 1);
}

export function isValidQuantity(input: string | number): boolean {
  return parseQuantity(input) !== undefined;
}

/** Millicores (or milli-units) of a quantity, rounded up as Quantity.MilliValue() rounds. */
export function milliValue(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const v = parseQuantity(input);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e9) / 1e6);
}

/** Whole units of a quantity (bytes, pods), rounded up as Quantity.Value() rounds. */
export function value(input: string | number | undefined): number {
  if (input === undefined) return 0;
  const v = parseQuantity(input);
  return v === undefined ? 0 : Math.ceil(Math.round(v * 1e6) / 1e6);
}

/** A human form of millicores, as kubectl prints CPU: `250m`, `2`. */
export function formatMilliCpu(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
}

/** A human form of bytes with a binary suffix, as kubectl prints memory: `256Mi`, `4Gi`. */
export function formatBytes(bytes: number): string {
  for (const [suffix, size] of [
    ['Ei', 2 ** 60],
    ['Pi', 2 ** 50],
    ['Ti', 2 ** 40],
    ['Gi', 2 ** 30],
    ['Mi', 2 ** 20],
    ['Ki', 2 ** 10],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size}${suffix}`;
  }
  return String(bytes);
}
