/**
 * A small YAML writer for `kubectl get -o yaml` (the engine may not use a YAML library): keys sorted as
 * sigs.k8s.io/yaml writes them (it goes through a map), two-space indent, sequences at their key's
 * indent, strings quoted when plain style would read back as something else. Not a general emitter.
 */

const PLAIN_UNSAFE =
  /^(?:|true|false|yes|no|on|off|y|n|null|~|[-+]?(?:\d[\d_]*)?\.?\d*(?:e[-+]?\d+)?|0x[0-9a-f]+|0o[0-7]+|\.inf|-\.inf|\.nan)$/i;

function scalar(v: string): string {
  const unsafe =
    PLAIN_UNSAFE.test(v) ||
    /^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(v) ||
    /\s$/.test(v) ||
    v.includes(': ') ||
    v.includes(' #') ||
    v.endsWith(':') ||
    /[\n\t]/.test(v) ||
    /^\d{4}-\d{2}-\d{2}(?:[Tt ].*)?$/.test(v);
  return unsafe ? JSON.stringify(v) : v;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function inline(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return scalar(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.length === 0) return '[]';
  if (isPlainObject(v) && Object.keys(v).length === 0) return '{}';
  return undefined;
}

function lines(v: unknown, indent: string, out: string[]): void {
  if (Array.isArray(v)) {
    for (const item of v) {
      const s = inline(item);
      if (s !== undefined) {
        out.push(`${indent}- ${s}`);
        continue;
      }
      const sub: string[] = [];
      lines(item, `${indent}  `, sub);
      const first = sub[0] ?? '';
      out.push(`${indent}- ${first.slice(indent.length + 2)}`, ...sub.slice(1));
    }
    return;
  }
  const obj = v as Record<string, unknown>;
  for (const key of Object.keys(obj).sort()) {
    const value = obj[key];
    if (value === undefined) continue;
    const s = inline(value);
    if (s !== undefined) out.push(`${indent}${scalar(key)}: ${s}`);
    else {
      out.push(`${indent}${scalar(key)}:`);
      lines(value, Array.isArray(value) ? indent : `${indent}  `, out);
    }
  }
}

/** YAML text of a JSON-like value (an object or list), ending with a newline. */
export function toYaml(value: unknown): string {
  const s = inline(value);
  if (s !== undefined) return `${s}\n`;
  const out: string[] = [];
  lines(value, '', out);
  return `${out.join('\n')}\n`;
}
