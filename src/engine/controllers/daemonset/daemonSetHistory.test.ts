import { describe, expect, it } from 'vitest';
import type { DaemonSet, KubeObject, Pod } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { aNode } from '../../testing/builders';
import { TestKubelet } from '../testing/testKubelet';
import { listRevisions, REVISION_HASH } from '../util/history';
import { rollbackWorkload, workloadHistory } from '../util/workloadRollout';
import { DaemonSetController } from './daemonSetController';

type DS = DaemonSet & KubeObject;

function ds(image: string, revisionHistoryLimit?: number): DS {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'kube-system' },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'agent', image }] } },
      ...(revisionHistoryLimit !== undefined ? { revisionHistoryLimit } : {}),
    },
  };
}

function setup(): Simulation {
  const s = new Simulation({
    controllers: [new DaemonSetController(), new TestKubelet({ readyAfterMs: 1000, terminateAfterMs: 500 })],
  });
  s.apply(aNode({ name: 'n0' }));
  s.apply(aNode({ name: 'n1' }));
  return s;
}

const daemon = (s: Simulation): DS => s.store.get<DS>('DaemonSet', 'kube-system', 'agent') as DS;
const pods = (s: Simulation): Array<Pod & KubeObject> =>
  s.store.list<Pod & KubeObject>('Pod', 'kube-system').filter((p) => !p.metadata.deletionTimestamp);
const revisionImages = (s: Simulation): Array<[number, string]> =>
  listRevisions(s.store, daemon(s)).map((r) => [
    r.revision,
    (r.data as { spec: { template: { spec: { containers: Array<{ image: string }> } } } }).spec.template.spec
      .containers[0]?.image ?? '',
  ]);

// Upstream pkg/controller/daemon/update.go constructHistory and cleanupHistory (update_test.go
// TestConstructHistory-style expectations): one revision per template, pods labelled with its hash.
describe('DaemonSet ControllerRevisions', () => {
  it('snapshots each template as a numbered revision and labels pods with its hash', () => {
    const s = setup();
    s.apply(ds('agent:1'));
    s.advance(10_000);
    s.apply(ds('agent:2'));
    s.advance(30_000);
    expect(revisionImages(s)).toEqual([
      [1, 'agent:1'],
      [2, 'agent:2'],
    ]);
    const newest = listRevisions(s.store, daemon(s))[1];
    expect(newest?.metadata.name).toBe(`agent-${newest?.metadata.labels?.[REVISION_HASH] ?? ''}`);
    expect(pods(s).map((p) => p.metadata.labels?.[REVISION_HASH])).toEqual([
      newest?.metadata.labels?.[REVISION_HASH],
      newest?.metadata.labels?.[REVISION_HASH],
    ]);
  });

  it('renumbers an old revision when its template comes back, and cleans history beyond the limit', () => {
    const s = setup();
    for (const image of ['a', 'b', 'c', 'b']) {
      s.apply(ds(image, 1));
      s.advance(30_000);
    }
    expect(revisionImages(s)).toEqual([
      [3, 'c'],
      [4, 'b'],
    ]);
  });

  it('rolls back with kubectl rollout undo and lists the history', () => {
    const s = setup();
    s.apply(ds('agent:1'));
    s.advance(10_000);
    s.apply(ds('agent:2'));
    s.advance(30_000);
    expect(rollbackWorkload(s, 'DaemonSet', 'kube-system', 'agent')).toBe('rolled back');
    s.advance(30_000);
    expect(pods(s).map((p) => p.spec?.containers[0]?.image)).toEqual(['agent:1', 'agent:1']);
    expect(workloadHistory(s, 'DaemonSet', 'kube-system', 'agent').map((r) => r.revision)).toEqual([2, 3]);
    expect(() => rollbackWorkload(s, 'DaemonSet', 'kube-system', 'nope')).toThrow(
      'daemonsets.apps "nope" not found',
    );
  });
});
