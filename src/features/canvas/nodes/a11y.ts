/**
 * What a screen reader says for each drawn object and link. React Flow gives every node the role
 * description "node" and every edge "edge" (its NodeWrapper and EdgeWrapper): here each object says its
 * kind instead (`aria-roledescription` through React Flow's `domAttributes`, which it spreads after its
 * own attributes), and takes its name from its card (`aria-labelledby` the element that draws it, whose
 * `aria-label` follows the object's status: "Pod web-7d4…, Running, ready, on node-1"). A link says what
 * it means: "Service web selects Pod web-7d4…", "Deployment web owns Pod web-7d4… through its
 * ReplicaSet".
 *
 * The attribute objects are made once per object (cached by key): a layout over thousands of pods labels
 * each with a map look-up, and an unchanged node keeps the very same object.
 */
import type { Edge, Node } from '@xyflow/react';

type NodeAttrs = NonNullable<Node['domAttributes']>;
type EdgeAttrs = NonNullable<Edge['domAttributes']>;

/** Bound on each cache (long sessions make and delete many objects). */
const MAX_CACHED = 50_000;

function cached<T>(cache: Map<string, T>, key: string, make: () => T): T {
  let v = cache.get(key);
  if (v === undefined) {
    if (cache.size > MAX_CACHED) cache.clear();
    v = make();
    cache.set(key, v);
  }
  return v;
}

const ids = new Map<string, string>();

/** The id of the element that names a drawn object (its card), from the object's key. */
export function labelIdOf(key: string): string {
  return cached(ids, key, () => `kc-name-${key.replace(/\s/g, '_')}`);
}

/** `Kind name` (and `in ns` when not default) from an object key `Kind/ns/name` or `Kind//name`. */
export function objectWords(key: string): string {
  const [kind = '', ns = '', ...rest] = key.split('/');
  const name = rest.join('/');
  return ns && ns !== 'default' ? `${kind} ${name} in ${ns}` : `${kind} ${name}`;
}

const nodeAttrs = new Map<string, NodeAttrs>();
/** The Unscheduled area is a region of its own (its section), not an object: no role description. */
const AREA_ATTRS: NodeAttrs = { 'aria-roledescription': undefined };

/** The element that names the overview's current card (nodes/OverviewNode.tsx). */
export const OVERVIEW_CURRENT_ID = 'kc-overview-current';
/** The element that says what the overview is and its keys. */
export const OVERVIEW_KEYS_ID = 'kc-overview-keys';
/**
 * The overview of cards takes the focus as one element: it is named by its current card, in the card's
 * own words ("Deployment web, 3/3 ready, web:1.0"), and described by its keys.
 */
const OVERVIEW_ATTRS: NodeAttrs = {
  'aria-roledescription': 'overview of cards',
  'aria-labelledby': OVERVIEW_CURRENT_ID,
  'aria-describedby': OVERVIEW_KEYS_ID,
};

/**
 * Gives a drawn object its role description (its kind) and its name (its card's label), keeping the
 * attributes it has (a card's description of the C key).
 */
export function describeNode(n: Node): void {
  if (n.type === 'unscheduled' || n.type === 'overview') {
    n.domAttributes = n.type === 'overview' ? OVERVIEW_ATTRS : AREA_ATTRS;
    return;
  }
  const described = n.domAttributes?.['aria-describedby'];
  // Cached by key (no string made per object and layout); made again if its description changed.
  let attrs = nodeAttrs.get(n.id);
  if (!attrs || attrs['aria-describedby'] !== described) {
    if (nodeAttrs.size > MAX_CACHED) nodeAttrs.clear();
    attrs = {
      'aria-roledescription': n.type === 'clients' ? 'Clients' : n.id.slice(0, n.id.indexOf('/')),
      'aria-labelledby': labelIdOf(n.id),
      ...(described ? { 'aria-describedby': described } : {}),
    };
    nodeAttrs.set(n.id, attrs);
  }
  n.domAttributes = attrs;
}

/** Role descriptions of the links, by the prefix of their id (layout.ts and clients.ts). */
const EDGE_ROLE: Record<string, string> = {
  own: 'owner reference',
  svc: 'Service selector',
  pvc: 'volume claim',
  ing: 'Ingress backend',
  src: 'requests',
};
const edgeAttrs = new Map<string, EdgeAttrs>(
  Object.entries(EDGE_ROLE).map(([k, role]) => [k, { 'aria-roledescription': role }]),
);
/** Names of links to ready pods (and every other link), and of links to pods not ready. */
const edgeNames = new Map<string, string>();
const notReadyNames = new Map<string, string>();

/** What an owner reaches its pods through, when the canvas folds it (a Deployment's ReplicaSets). */
const THROUGH: Record<string, string> = {
  Deployment: ' through its ReplicaSet',
  CronJob: ' through its Job',
};

function edgeName(kind: string, e: Edge, ready: boolean): string {
  const from = objectWords(e.source);
  const to = objectWords(e.target);
  switch (kind) {
    case 'own':
      return `${from} owns ${to}${THROUGH[e.source.slice(0, e.source.indexOf('/'))] ?? ''}`;
    case 'svc':
      return `${from} selects ${to}${ready ? '' : ', not ready: no requests sent to it'}`;
    case 'pvc':
      return `${from} uses ${to}`;
    case 'ing':
      return `${from} routes to ${to}`;
    case 'src':
      return `Clients send requests to ${to}`;
    default:
      return `${from} to ${to}`;
  }
}

/** Gives a drawn link its role description and a name that says what it means. */
export function describeEdge(e: Edge): void {
  const kind = e.id.slice(0, e.id.indexOf('|'));
  const ready = (e.data as { ready?: boolean } | undefined)?.ready !== false;
  e.ariaLabel = cached(ready ? edgeNames : notReadyNames, e.id, () => edgeName(kind, e, ready));
  const attrs = edgeAttrs.get(kind);
  if (attrs) e.domAttributes = attrs;
}

/** ` in ns` when the namespace is not default. */
const inNamespace = (ns: string | undefined): string => (ns && ns !== 'default' ? ` in ${ns}` : '');

/** States with no running containers to be ready or not. */
const ENDED = new Set(['Completed', 'Failed', 'Evicted']);

/** A pod's name: "Pod web-7d4…, Running, ready, on node-1" (kubectl's STATUS word, READY, NODE). */
export function podLabel(
  name: string,
  namespace: string | undefined,
  node: string,
  d: { state: string; status: string; ready: boolean; restarts: number },
): string {
  const ready = node && !ENDED.has(d.state) ? (d.ready ? ', ready' : ', not ready') : '';
  const restarts = d.restarts ? `, ${d.restarts} restart${d.restarts === 1 ? '' : 's'}` : '';
  return `Pod ${name}${inNamespace(namespace)}, ${d.status}${ready}${restarts}, ${node ? `on ${node}` : 'not scheduled'}`;
}

/** A card's name: "Service web, ClusterIP, 10.96.0.12, 80/TCP"; "Deployment web, 3/3 ready, web:1.0". */
export function cardLabel(
  kind: string,
  name: string,
  namespace: string | undefined,
  status: string,
  detail: string,
  deleting: boolean,
): string {
  const parts = [`${kind} ${name}${inNamespace(namespace)}`];
  if (status) parts.push(status);
  if (detail) parts.push(detail.replace(/ · /g, ', '));
  if (deleting) parts.push('being deleted');
  return parts.join(', ');
}
