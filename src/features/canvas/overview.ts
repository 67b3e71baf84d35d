/**
 * The overview of a big design zoomed far out: hundreds or thousands of cards drawn as one element
 * (nodes/OverviewNode.tsx), each card a block in its kind's colour with a bar in its state's colour, as a
 * map is drawn at a small scale. Drawing each card as a React Flow node costs about half a millisecond a
 * card to create, lay out and paint, for text too small to read: a fitted view of 2,000 Deployments was a
 * task of a second. Zoomed in (or with fewer cards) every card is its own node again.
 */
import type {
  DaemonSet,
  Deployment,
  Job,
  KubeObject,
  PersistentVolumeClaim,
  StatefulSet,
} from '../../engine';
import { CARD_H, CARD_W, type OverviewCard } from './layout';

/**
 * A card's state in one letter: g all ready (or done, or bound), a on its way (not all ready, pending),
 * r failed (a rollout past its progress deadline, a failed Job, a lost claim), d being deleted, n nothing
 * to be ready (a Service, a ConfigMap, zero replicas, an object not yet held).
 */
export type CardState = 'g' | 'a' | 'r' | 'd' | 'n';

function hasCondition(obj: KubeObject, type: string, status: string, reason?: string): boolean {
  const conditions = (obj.status as { conditions?: Array<Record<string, unknown>> } | undefined)?.conditions;
  return (
    conditions?.some(
      (c) => c['type'] === type && c['status'] === status && (!reason || c['reason'] === reason),
    ) ?? false
  );
}

/** The state of a card's object, as its card's status line says it (see cardSummary). */
export function cardState(obj: KubeObject | undefined): CardState {
  if (!obj) return 'n';
  if (obj.metadata.deletionTimestamp) return 'd';
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const o = obj as (Deployment | StatefulSet) & KubeObject;
      const want = o.spec?.replicas ?? 1;
      if (want === 0) return 'n';
      if ((o.status?.readyReplicas ?? 0) >= want) return 'g';
      // The deployment controller's words for a rollout that stopped progressing.
      return hasCondition(obj, 'Progressing', 'False', 'ProgressDeadlineExceeded') ? 'r' : 'a';
    }
    case 'DaemonSet': {
      const o = obj as DaemonSet & KubeObject;
      const want = o.status?.desiredNumberScheduled ?? 0;
      if (want === 0) return 'n';
      return (o.status?.numberReady ?? 0) >= want ? 'g' : 'a';
    }
    case 'Job': {
      const o = obj as Job & KubeObject;
      if (hasCondition(obj, 'Failed', 'True')) return 'r';
      return (o.status?.succeeded ?? 0) >= (o.spec?.completions ?? 1) ? 'g' : 'a';
    }
    case 'PersistentVolumeClaim': {
      const phase = (obj as PersistentVolumeClaim & KubeObject).status?.phase ?? 'Pending';
      return phase === 'Bound' ? 'g' : phase === 'Lost' ? 'r' : 'a';
    }
    default:
      return 'n';
  }
}

/** One letter per object, in order (see cardState). */
export function cardStates(objects: ReadonlyArray<KubeObject | undefined>): string {
  let out = '';
  for (const o of objects) out += cardState(o);
  return out;
}

/** The colour of each state's bar. */
export const STATE_COLOURS: Record<CardState, string> = {
  g: '#10b981',
  a: '#f59e0b',
  r: '#f43f5e',
  d: '#475569',
  n: '#64748b',
};

const BAND_W = 36;
const rect = (x: number, y: number, w: number, h: number): string => `M${x} ${y}h${w}v${h}h${-w}z`;

/**
 * The overview's drawing, as SVG paths (one per colour: one element however many cards), in the
 * overview's own units (the flow's, from its top-left corner): every card's body; a band in its kind's
 * colour; a bar where its name is, as long as the name; and a bar in its state's colour.
 */
export function overviewPaths(
  cards: readonly OverviewCard[],
  kindColour: (kind: string) => string,
): { bodies: string; bands: Record<string, string>; names: string } {
  let bodies = '';
  let names = '';
  const bands: Record<string, string> = {};
  for (const c of cards) {
    bodies += rect(c.x, c.y, CARD_W, CARD_H);
    const colour = kindColour(c.kind);
    bands[colour] = (bands[colour] ?? '') + rect(c.x, c.y, BAND_W, CARD_H);
    const name = c.key.slice(c.key.lastIndexOf('/') + 1);
    names += rect(c.x + BAND_W + 12, c.y + 14, Math.min(CARD_W - BAND_W - 24, 12 + name.length * 7), 16);
  }
  return { bodies, bands, names };
}

/** The state bars, one path per state (`states`: one letter per card, see cardStates). */
export function statePaths(
  cards: readonly OverviewCard[],
  states: string,
): Partial<Record<CardState, string>> {
  const out: Partial<Record<CardState, string>> = {};
  cards.forEach((c, i) => {
    const s = (states[i] ?? 'n') as CardState;
    out[s] = (out[s] ?? '') + rect(c.x + BAND_W + 12, c.y + 42, CARD_W - BAND_W - 24, 14);
  });
  return out;
}

/** The outline of the selected cards (an empty path when none is in the overview). */
export function selectionPath(cards: readonly OverviewCard[], selected: ReadonlySet<string>): string {
  if (selected.size === 0) return '';
  let d = '';
  for (const c of cards) if (selected.has(c.key)) d += rect(c.x - 10, c.y - 10, CARD_W + 20, CARD_H + 20);
  return d;
}

/** The card at a point of the overview (its own units), or undefined. */
export function cardAt(cards: readonly OverviewCard[], x: number, y: number): OverviewCard | undefined {
  // Last drawn wins, as on the canvas.
  for (let i = cards.length - 1; i >= 0; i--) {
    const c = cards[i] as OverviewCard;
    if (x >= c.x && x <= c.x + CARD_W && y >= c.y && y <= c.y + CARD_H) return c;
  }
  return undefined;
}

/**
 * The card the keyboard starts on in the overview: the last selected card drawn there, else the top-left
 * one (the first row from the top, the left-most in it), where a reader starts.
 */
export function initialCard(
  cards: readonly OverviewCard[],
  selected: readonly string[],
): OverviewCard | undefined {
  for (let i = selected.length - 1; i >= 0; i--) {
    const c = cards.find((card) => card.key === selected[i]);
    if (c) return c;
  }
  let first: OverviewCard | undefined;
  for (const c of cards) if (!first || c.y < first.y || (c.y === first.y && c.x < first.x)) first = c;
  return first;
}

/**
 * The overview's current card (the one the keyboard is on): `cursor` while it is one of the cards, else
 * where the keyboard starts (initialCard).
 */
export function currentCard(
  cards: readonly OverviewCard[],
  cursor: string | null,
  selected: readonly string[],
): OverviewCard | undefined {
  const at = cursor === null ? undefined : cards.find((c) => c.key === cursor);
  return at ?? initialCard(cards, selected);
}

/** The outline of the current card, drawn clear of its selection outline. */
export function currentPath(card: OverviewCard | undefined): string {
  return card ? rect(card.x - 40, card.y - 40, CARD_W + 80, CARD_H + 80) : '';
}
