/**
 * A deep copy of plain API data (objects, arrays, strings, numbers, booleans, null, undefined): what
 * structuredClone gives for such values, without its per-call cost, which dominates for the many small
 * copies the controllers make (a pod spec per pod, a template per ReplicaSet, the live copy per apply).
 * `__proto__` keys stay own data properties, as structuredClone keeps them.
 */
export function copyJson<T>(value: T): T {
  return copy(value) as T;
}

function copy(v: unknown): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    const out: unknown[] = new Array<unknown>(v.length);
    for (let i = 0; i < v.length; i++) out[i] = copy(v[i]);
    return out;
  }
  const src = v as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(src)) {
    if (k === '__proto__')
      Object.defineProperty(out, k, {
        value: copy(src[k]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[k] = copy(src[k]);
  }
  return out;
}
