/**
 * The Job controller (pkg/controller/job/job_controller.go), the basics: keeps min(parallelism,
 * remaining completions) pods active, counts succeeded and failed pods, completes with the Complete
 * condition, fails with BackoffLimitExceeded when failures exceed backoffLimit (default 6).
 * Not done: indexed completion, pod failure policy, backoff delays, activeDeadlineSeconds, TTL.
 */
import type { Job, KubeObject, Pod } from '../../api/types';
import { controllerRef, keyOf } from '../../api/meta';
import { timestamp } from '../../api/time';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { ownedOf, ownerKeyOf, sameJson } from '../util/owned';

type J = Job & KubeObject;
type P = Pod & KubeObject;
type Condition = NonNullable<NonNullable<Job['status']>['conditions']>[number];

function finished(job: J): boolean {
  return (job.status?.conditions ?? []).some(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
}

/** The job-controller. */
export class JobController implements Controller {
  readonly name = 'job-controller';

  setup(s: ControllerSetup): void {
    s.watch('Job', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Pod', (e) => {
      const k = ownerKeyOf(s.store, e.object, 'Job');
      if (k) s.enqueue(k);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const job = ctx.store.getByKey<J>(key);
    if (!job || job.metadata.deletionTimestamp || finished(job) || job.spec?.suspend) return;
    const pods = ownedOf<P>(ctx.store, job, 'Pod');
    const succeeded = pods.filter((p) => p.status?.phase === 'Succeeded').length;
    const failed = pods.filter((p) => p.status?.phase === 'Failed').length;
    const active = pods.filter(
      (p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed',
    );
    const parallelism = job.spec?.parallelism ?? 1;
    const completions = job.spec?.completions ?? undefined;
    const backoffLimit = job.spec?.backoffLimit ?? 6;
    const now = timestamp(ctx.now);
    const condition = (type: string, reason: string, message: string): Condition => ({
      type,
      status: 'True',
      reason,
      message,
      lastProbeTime: now,
      lastTransitionTime: now,
    });
    let conditions = job.status?.conditions ?? [];
    let completionTime: string | undefined;
    let activeCount = active.length;
    if (failed > backoffLimit) {
      for (const p of active) ctx.delete(p);
      activeCount = 0;
      conditions = [
        ...conditions,
        condition('Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'),
      ];
      ctx.event(job, 'Warning', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit');
    } else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && active.length === 0) {
      conditions = [
        ...conditions,
        { type: 'Complete', status: 'True', lastProbeTime: now, lastTransitionTime: now },
      ];
      completionTime = now;
      ctx.event(job, 'Normal', 'Completed', 'Job completed');
    } else {
      const want =
        completions !== undefined
          ? Math.min(parallelism, completions - succeeded)
          : succeeded > 0
            ? 0
            : parallelism;
      for (let i = activeCount; i < want; i++) {
        const p = ctx.create(jobPod(job));
        ctx.event(job, 'Normal', 'SuccessfulCreate', `Created pod: ${p.metadata.name}`);
      }
      activeCount = Math.max(activeCount, want);
    }
    const status = {
      ...job.status,
      startTime: job.status?.startTime ?? now,
      active: activeCount,
      succeeded,
      failed,
      ...(conditions.length ? { conditions } : {}),
      ...(completionTime ? { completionTime } : {}),
    };
    if (!sameJson(status, job.status)) ctx.update({ ...job, status });
  }
}

function jobPod(job: J): P {
  const tmpl = job.spec?.template;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: '',
      generateName: `${job.metadata.name}-`,
      ...(job.metadata.namespace ? { namespace: job.metadata.namespace } : {}),
      labels: {
        ...tmpl?.metadata?.labels,
        'batch.kubernetes.io/job-name': job.metadata.name,
        'job-name': job.metadata.name,
      },
      ownerReferences: [controllerRef(job)],
    },
    spec: structuredClone(tmpl?.spec ?? { containers: [] }),
    status: { phase: 'Pending' },
  };
}
