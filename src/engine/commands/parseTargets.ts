/**
 * Resource arguments as kubectl's resource builder reads them: `kind/name ...`, `kind name ...`,
 * `kind1,kind2 [name]`, and `all`. Errors in kubectl's words.
 */
import { ALL_CATEGORY, resolveResource } from './resources';
import type { Target } from './types';

/** Targets, or an error line. */
export type TargetsResult = { ok: true; targets: Target[] } | { ok: false; error: string };

function kindsOf(text: string): { kinds: string[] } | { error: string } {
  const kinds: string[] = [];
  for (const part of text.split(',')) {
    if (part === 'all') {
      kinds.push(...ALL_CATEGORY);
      continue;
    }
    const t = resolveResource(part);
    if (!t) return { error: `error: the server doesn't have a resource type "${part}"` };
    kinds.push(t.kind);
  }
  return { kinds };
}

/** Reads the resource arguments of get, describe, delete, scale, label... */
export function parseTargets(args: readonly string[]): TargetsResult {
  if (args.length === 0) return { ok: true, targets: [] };
  const first = args[0] as string;
  if (first.includes('/')) {
    const targets: Target[] = [];
    for (const a of args) {
      const slash = a.indexOf('/');
      if (slash < 0)
        return {
          ok: false,
          error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
        };
      const r = kindsOf(a.slice(0, slash));
      if ('error' in r) return { ok: false, error: r.error };
      const name = a.slice(slash + 1);
      if (!name)
        return {
          ok: false,
          error: `error: arguments in resource/name form must have a single resource and name`,
        };
      for (const kind of r.kinds) targets.push({ kind, names: [name] });
    }
    return { ok: true, targets };
  }
  const r = kindsOf(first);
  if ('error' in r) return { ok: false, error: r.error };
  const names = args.slice(1);
  if (names.some((n) => n.includes('/')))
    return {
      ok: false,
      error: `error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'`,
    };
  return { ok: true, targets: r.kinds.map((kind) => ({ kind, names: [...names] })) };
}
