/**
 * Ingress rule matching as the Kubernetes docs define it (concepts/services-networking/ingress.md:
 * "Path types", "Examples", "Multiple matches", "Hostname wildcards"), over the merged rules of every
 * Ingress of one class, as an ingress controller merges them into one configuration:
 * - the request's host selects the rules of that exact host, else of a matching wildcard host
 *   (`*.foo.com` covers exactly one more DNS label), else the rules without a host;
 * - among those, the longest matching path wins; on equal length Exact beats Prefix;
 * - Prefix matches element by element on `/` (a trailing slash on either side is ignored);
 *   ImplementationSpecific is matched as Prefix here (ingress-nginx's behaviour without regex);
 * - no match: the Ingress's defaultBackend, else the controller's 404.
 */
import type { Ingress, IngressBackend } from 'kubernetes-types/networking/v1';
import type { KubeObject } from '../api/types';

type Ing = Ingress & KubeObject;

/** The path types of networking.k8s.io/v1. */
export type PathType = 'Exact' | 'Prefix' | 'ImplementationSpecific';

/** Whether a request path matches a rule path of a path type. */
export function pathMatches(pathType: PathType, rulePath: string, requestPath: string): boolean {
  if (pathType === 'Exact') return rulePath === requestPath;
  const rule = rulePath.split('/').filter((e) => e !== '');
  const req = requestPath.split('/').filter((e) => e !== '');
  if (rule.length > req.length) return false;
  for (let i = 0; i < rule.length; i++) if (rule[i] !== req[i]) return false;
  return true;
}

/** Whether a request's Host header matches a rule host (exact, or a one-label wildcard). */
export function hostMatches(ruleHost: string, host: string): boolean {
  const h = host.toLowerCase().replace(/:\d+$/, '');
  const r = ruleHost.toLowerCase();
  if (!r.startsWith('*.')) return r === h;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === r.slice(2);
}

/** The rule that matched a request. */
export interface IngressMatch {
  ingress: Ing;
  /** `host` + `path` as written in the rule, or `defaultBackend`. */
  rule: string;
  host?: string;
  path?: string;
  pathType?: PathType;
  backend: IngressBackend;
  /** Whether the host is one of the Ingress's TLS hosts (served on 443). */
  tls: boolean;
}

interface Candidate {
  ingress: Ing;
  host: string | undefined;
  path: string;
  pathType: PathType;
  backend: IngressBackend;
}

function candidates(ingresses: readonly Ing[]): Candidate[] {
  const out: Candidate[] = [];
  for (const ing of ingresses)
    for (const rule of ing.spec?.rules ?? [])
      for (const p of rule.http?.paths ?? [])
        out.push({
          ingress: ing,
          host: rule.host,
          path: p.path ?? '/',
          pathType: (p.pathType as PathType | undefined) ?? 'ImplementationSpecific',
          backend: p.backend,
        });
  return out;
}

function hostGroup(all: Candidate[], host: string | undefined): Candidate[] {
  if (host) {
    const exact = all.filter(
      (c) => c.host !== undefined && !c.host.startsWith('*.') && hostMatches(c.host, host),
    );
    if (exact.length > 0) return exact;
    const wild = all.filter((c) => c.host?.startsWith('*.') && hostMatches(c.host, host));
    if (wild.length > 0) return wild;
  }
  return all.filter((c) => c.host === undefined || c.host === '');
}

function isTls(ing: Ing, host: string | undefined): boolean {
  if (!host) return false;
  return (ing.spec?.tls ?? []).some((t) => (t.hosts ?? []).some((h) => hostMatches(h, host)));
}

/**
 * Routes a request over the Ingresses of one class. Returns undefined for the controller's 404.
 * `defaultFrom` gives the Ingress whose defaultBackend applies when nothing matches (the first one with
 * a defaultBackend otherwise).
 */
export function matchIngress(
  ingresses: readonly Ing[],
  host: string | undefined,
  path: string,
): IngressMatch | undefined {
  const group = hostGroup(candidates(ingresses), host);
  let best: Candidate | undefined;
  for (const c of group) {
    if (!pathMatches(c.pathType, c.path, path)) continue;
    if (!best || precedes(c, best)) best = c;
  }
  if (best) {
    return {
      ingress: best.ingress,
      rule: `${best.host ?? '*'}${best.path}`,
      ...(best.host ? { host: best.host } : {}),
      path: best.path,
      pathType: best.pathType,
      backend: best.backend,
      tls: isTls(best.ingress, host),
    };
  }
  const withDefault = ingresses.find((i) => i.spec?.defaultBackend);
  if (!withDefault?.spec?.defaultBackend) return undefined;
  return {
    ingress: withDefault,
    rule: 'defaultBackend',
    backend: withDefault.spec.defaultBackend,
    tls: isTls(withDefault, host),
  };
}

function precedes(a: Candidate, b: Candidate): boolean {
  const la = a.path.replace(/\/+$/, '').length;
  const lb = b.path.replace(/\/+$/, '').length;
  if (la !== lb) return la > lb;
  return a.pathType === 'Exact' && b.pathType !== 'Exact';
}
