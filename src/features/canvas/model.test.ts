import { describe, expect, it } from 'vitest';
import { getSimulation, loadDesign, objectKeys, runCommand, scaleCluster, stepBy } from '../../store';
import { readModel } from './model';

/** The keys of `a` that are also in `b`, in `a`'s order. */
const common = (a: string[], b: string[]): string[] => a.filter((k) => b.includes(k));

describe('readModel in the runtime’s creation order', () => {
  it('keeps each pod’s place while pods change (the store lists a changed object last)', () => {
    loadDesign(scaleCluster(5, 50), { seed: 1 });
    stepBy(3_000);
    const before = readModel(getSimulation().store, objectKeys).pods.map((p) => p.key);
    // Pods are pulled, started and become ready meanwhile: every one of them changes.
    stepBy(20_000);
    const after = readModel(getSimulation().store, objectKeys).pods.map((p) => p.key);
    expect(common(before, after)).toHaveLength(50);
    expect(common(after, before)).toEqual(common(before, after));
    // The store's own order is the order of last change: not the order pods were made in.
    const storeOrder = readModel(getSimulation().store).pods.map((p) => p.key);
    expect(storeOrder).not.toEqual(after);
  });

  it('drops a deleted pod from its place and adds new pods at the end', async () => {
    loadDesign(scaleCluster(2, 6), { seed: 1 });
    stepBy(10_000);
    const before = objectKeys('Pod');
    const victim = before[2] ?? '';
    await runCommand(`kubectl delete pod ${victim.split('/').pop()}`);
    stepBy(10_000);
    const after = objectKeys('Pod');
    expect(after).not.toContain(victim);
    expect(after.slice(0, before.length - 1)).toEqual(before.filter((k) => k !== victim));
    expect(after).toHaveLength(before.length);
  });
});
