import { describe, expect, it } from 'vitest';
import { proportionalScale } from './proportion';

// The example of the Deployment concept page ("Proportional scaling"): 10 replicas, maxSurge 3,
// maxUnavailable 2, a rollout stuck at 8 old and 5 new; scaling to 15 adds 5 split 3 to the old
// ReplicaSet and 2 to the new one.
describe('proportionalScale (sync.go scale)', () => {
  it('scaling a stuck 10-replica rollout to 15 gives the old ReplicaSet 3 more and the new one 2 more', () => {
    const got = proportionalScale(
      [
        { name: 'old', replicas: 8, maxReplicas: 13, created: 0 },
        { name: 'new', replicas: 5, maxReplicas: 13, created: 1 },
      ],
      15,
      3,
      13,
    );
    expect(Object.fromEntries(got)).toEqual({ old: 11, new: 7 });
  });
});
