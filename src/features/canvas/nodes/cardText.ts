/**
 * A card's status line and its spoken name, read from its object: the card draws them (CardNode.tsx), and
 * the overview of cards says the current card's name in the same words (OverviewNode.tsx, keyboard.tsx).
 */
import type { KubeObject, ReplicaSet } from '../../../engine';
import { getSimulation } from '../../../store';
import { cardLabel, objectWords } from './a11y';
import { cardSummary } from './cardSummary';

/**
 * A Deployment's ReplicaSets that still have pods, newest last, as `hash n/m` (during a rollout the old one
 * shrinks while the new one grows). Read when the Deployment changes, which its status does on every step.
 */
function replicaSetsOf(deployment: KubeObject): string {
  const uid = deployment.metadata.uid;
  if (!uid) return '';
  const sets = getSimulation()
    .store.dependents(uid)
    .filter((o): o is ReplicaSet & KubeObject => o.kind === 'ReplicaSet')
    .filter((rs) => (rs.spec?.replicas ?? 0) > 0 || (rs.status?.replicas ?? 0) > 0);
  if (sets.length < 2) return '';
  return sets
    .map(
      (rs) =>
        `${rs.metadata.name.split('-').pop() ?? ''} ${rs.status?.readyReplicas ?? 0}/${rs.spec?.replicas ?? 0}`,
    )
    .join(' → ');
}

/** A card's status line and its spoken name. */
export function cardText(obj: KubeObject): { status: string; detail: string; more: string; label: string } {
  const summary = cardSummary(obj);
  const rollout = obj.kind === 'Deployment' ? replicaSetsOf(obj) : '';
  const detail = rollout || summary.detail;
  const more = summary.more ?? '';
  const { name, namespace, deletionTimestamp } = obj.metadata;
  const said = [detail, more].filter(Boolean).join(' · ');
  return {
    status: summary.status,
    detail,
    more,
    label: cardLabel(obj.kind, name, namespace, summary.status, said, !!deletionTimestamp),
  };
}

/** The spoken name of a card's object now, by key (`Kind name` while the simulation does not hold it). */
export function cardLabelOf(key: string): string {
  const obj = getSimulation().store.getByKey<KubeObject>(key);
  return obj ? cardText(obj).label : objectWords(key);
}
