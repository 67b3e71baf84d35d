import { describe, expect, it } from 'vitest';
import type { Job, KubeObject, Pod } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { JobController } from './jobController';

type J = Job & KubeObject;
type P = Pod & KubeObject;

function job(spec: Partial<NonNullable<J['spec']>>): J {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', namespace: 'default' },
    spec: {
      template: { spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl' }] } },
      ...spec,
    },
  };
}

/** Ends every active pod with the given phase (the test's kubelet). */
function finishAll(s: Simulation, phase: 'Succeeded' | 'Failed'): void {
  for (const p of s.store.list<P>('Pod', 'default')) {
    if (p.status?.phase === 'Pending') s.store.apply({ type: 'update', object: { ...p, status: { phase } } });
  }
  s.advance(1);
}

const activePods = (s: Simulation): number =>
  s.store.list<P>('Pod', 'default').filter((p) => p.status?.phase === 'Pending').length;
const status = (s: Simulation): J['status'] => s.store.get<J>('Job', 'default', 'pi')?.status;

describe('JobController', () => {
  it('a Job with completions 4 and parallelism 2 runs two pods at a time and completes after four successes', () => {
    const s = new Simulation({ controllers: [new JobController()] });
    s.apply(job({ completions: 4, parallelism: 2 }));
    s.advance(1);
    expect(activePods(s)).toBe(2);
    finishAll(s, 'Succeeded');
    expect(activePods(s)).toBe(2);
    finishAll(s, 'Succeeded');
    expect(activePods(s)).toBe(0);
    expect(status(s)).toMatchObject({ succeeded: 4, failed: 0, active: 0 });
    expect(status(s)?.conditions?.map((c) => [c.type, c.status])).toEqual([['Complete', 'True']]);
  });

  it('a Job whose pods keep failing stops with BackoffLimitExceeded once failures exceed backoffLimit', () => {
    const s = new Simulation({ controllers: [new JobController()] });
    s.apply(job({ backoffLimit: 2 }));
    for (let i = 0; i < 3; i++) {
      s.advance(1);
      finishAll(s, 'Failed');
    }
    expect(status(s)?.failed).toBe(3);
    expect(status(s)?.conditions?.[0]).toMatchObject({
      type: 'Failed',
      status: 'True',
      reason: 'BackoffLimitExceeded',
      message: 'Job has reached the specified backoff limit',
    });
    expect(activePods(s)).toBe(0);
  });
});
