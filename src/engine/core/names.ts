/** Name generation as the API server's SimpleNameGenerator does it: 5 characters from a safe alphabet. */
import type { Prng } from '../../lib';

/** k8s.io/apimachinery/pkg/util/rand: consonants and digits that cannot spell bad words. */
const ALPHANUMS = 'bcdfghjklmnpqrstvwxz2456789';

export function randomSuffix(rng: Prng, length = 5): string {
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHANUMS[rng.int(ALPHANUMS.length)];
  return out;
}

/**
 * A pod-template hash as the Deployment controller labels ReplicaSets with (pod-template-hash): a stable
 * hash of the template rendered in the same alphabet. Upstream hashes with FNV-32a; so do we.
 */
export function templateHash(template: unknown, collisionCount = 0): string {
  // Stored objects are never changed in place (a change is a new object), so a template's hash is
  // worked out once per template object: the Deployment controller asks for it on every sync.
  if (typeof template !== 'object' || template === null) return computeHash(template, collisionCount);
  let byCount = HASHES.get(template);
  if (!byCount) HASHES.set(template, (byCount = new Map()));
  let hash = byCount.get(collisionCount);
  if (hash === undefined) byCount.set(collisionCount, (hash = computeHash(template, collisionCount)));
  return hash;
}

const HASHES = new WeakMap<object, Map<number, string>>();

function computeHash(template: unknown, collisionCount: number): string {
  const text = stableStringify(template) + (collisionCount ? String(collisionCount) : '');
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  let v = h;
  do {
    out += ALPHANUMS[v % ALPHANUMS.length];
    v = Math.floor(v / ALPHANUMS.length);
  } while (v > 0);
  return out;
}

/** JSON with sorted keys, so equal objects hash equally whatever their key order. */
export function stableStringify(value: unknown): string {
  if (typeof value === 'string') return quote(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i ? ',' : '') + stableStringify(value[i]);
    return `${out}]`;
  }
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  let out = '{';
  let first = true;
  for (const k of keys) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${first ? '' : ','}${quote(k)}:${stableStringify(v)}`;
    first = false;
  }
  return `${out}}`;
}

/** Characters JSON.stringify escapes in a string (quotes, backslash, control characters, surrogates). */
// eslint-disable-next-line no-control-regex -- the control characters JSON escapes
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** JSON.stringify of a string, without its cost for the common string that needs no escape. */
function quote(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : `"${s}"`;
}
