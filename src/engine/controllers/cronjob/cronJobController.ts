/**
 * The CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go), the basics: evaluates the
 * schedule in simulated UTC time, creates Job `<cronjob>-<scheduled minutes since the epoch>`, honours
 * suspend, startingDeadlineSeconds and concurrencyPolicy (Allow, Forbid, Replace), and keeps
 * successfulJobsHistoryLimit (3) and failedJobsHistoryLimit (1) finished Jobs.
 * Not done: timeZone, the "too many missed start times" warning.
 */
import type { CronJob, Job, KubeObject } from '../../api/types';
import { controllerRef, keyOf } from '../../api/meta';
import { parseTimestamp, SIM_EPOCH_UNIX_MS, timestamp } from '../../api/time';
import type { Controller, ControllerContext, ControllerSetup } from '../../core/controller';
import { ownedOf, ownerKeyOf, sameJson } from '../util/owned';
import { nextAfter, parseSchedule, type Schedule } from './schedule';

type CJ = CronJob & KubeObject;
type J = Job & KubeObject;

const toMinute = (simMs: number): number => Math.floor((simMs + SIM_EPOCH_UNIX_MS) / 60_000);
const toSimMs = (minute: number): number => minute * 60_000 - SIM_EPOCH_UNIX_MS;

function finishedType(job: J): 'Complete' | 'Failed' | undefined {
  const c = (job.status?.conditions ?? []).find(
    (x) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True',
  );
  return c?.type as 'Complete' | 'Failed' | undefined;
}

/** The cronjob-controller. */
export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';

  setup(s: ControllerSetup): void {
    s.watch('CronJob', (e) => s.enqueue(keyOf(e.object)));
    s.watch('Job', (e) => {
      const k = ownerKeyOf(s.store, e.object, 'CronJob');
      if (k) s.enqueue(k);
    });
  }

  sync(key: string, ctx: ControllerContext): void {
    const cj = ctx.store.getByKey<CJ>(key);
    if (!cj || cj.metadata.deletionTimestamp) return;
    let schedule: Schedule;
    try {
      schedule = parseSchedule(cj.spec?.schedule ?? '');
    } catch (e) {
      ctx.event(
        cj,
        'Warning',
        'UnparseableSchedule',
        `unparseable schedule: ${JSON.stringify(cj.spec?.schedule)} : ${(e as Error).message}`,
      );
      return;
    }
    const jobs = ownedOf<J>(ctx.store, cj, 'Job');
    let active = jobs.filter((j) => !finishedType(j));
    const nowMin = toMinute(ctx.now);
    const since = cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp;
    const lastMin = since ? toMinute(parseTimestamp(since)) : nowMin - 1;
    let due: number | undefined;
    for (let t = nextAfter(schedule, lastMin); t !== undefined && t <= nowMin; t = nextAfter(schedule, t))
      due = t;
    let lastScheduleTime = cj.status?.lastScheduleTime;
    const deadline = cj.spec?.startingDeadlineSeconds;
    const tooLate = due !== undefined && deadline !== undefined && toSimMs(due) < ctx.now - deadline * 1000;
    if (due !== undefined && !cj.spec?.suspend && !tooLate) {
      const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
      if (policy === 'Forbid' && active.length > 0) {
        ctx.event(
          cj,
          'Normal',
          'JobAlreadyActive',
          'Not starting job because prior execution is running and concurrency policy is Forbid',
        );
      } else {
        if (policy === 'Replace') {
          for (const j of active) {
            ctx.delete(j, { propagationPolicy: 'Background' });
            ctx.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
          }
          active = [];
        }
        active.push(this.createJob(cj, due, ctx));
        lastScheduleTime = timestamp(toSimMs(due));
      }
    }
    this.cleanup(cj, jobs, ctx);
    const next = nextAfter(schedule, nowMin);
    if (next !== undefined) ctx.enqueueAfter(Math.max(1, toSimMs(next) - ctx.now), key);
    const status = {
      ...cj.status,
      active: active.map((j) => ({
        apiVersion: 'batch/v1',
        kind: 'Job',
        name: j.metadata.name,
        namespace: j.metadata.namespace ?? 'default',
        uid: j.metadata.uid ?? '',
      })),
      ...(lastScheduleTime ? { lastScheduleTime } : {}),
    };
    if (status.active.length === 0) delete (status as { active?: unknown }).active;
    if (!sameJson(status, cj.status)) ctx.update({ ...cj, status });
  }

  private createJob(cj: CJ, minute: number, ctx: ControllerContext): J {
    const tmpl = cj.spec?.jobTemplate;
    const job: J = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: `${cj.metadata.name}-${minute}`,
        ...(cj.metadata.namespace ? { namespace: cj.metadata.namespace } : {}),
        labels: { ...tmpl?.metadata?.labels },
        annotations: {
          ...tmpl?.metadata?.annotations,
          'batch.kubernetes.io/cronjob-scheduled-timestamp': timestamp(toSimMs(minute)),
        },
        ownerReferences: [controllerRef(cj)],
      },
      spec: structuredClone(tmpl?.spec ?? { template: {} }),
    };
    const created = ctx.create(job);
    ctx.event(cj, 'Normal', 'SuccessfulCreate', `Created job ${created.metadata.name}`);
    return created;
  }

  /** cleanupFinishedJobs: the oldest finished Jobs beyond the history limits go. */
  private cleanup(cj: CJ, jobs: J[], ctx: ControllerContext): void {
    const limits = {
      Complete: cj.spec?.successfulJobsHistoryLimit ?? 3,
      Failed: cj.spec?.failedJobsHistoryLimit ?? 1,
    };
    for (const type of ['Complete', 'Failed'] as const) {
      const done = jobs
        .filter((j) => finishedType(j) === type)
        .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
      for (const j of done.slice(0, Math.max(0, done.length - limits[type]))) {
        ctx.delete(j, { propagationPolicy: 'Background' });
        ctx.event(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`);
      }
    }
  }
}
