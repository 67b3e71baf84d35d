import { describe, expect, it } from 'vitest';
import type { CronJob, Job, KubeObject } from '../../api/types';
import { Simulation } from '../../core/simulation';
import { SIM_EPOCH_UNIX_MS } from '../../api/time';
import { CronJobController } from './cronJobController';
import { matches, nextAfter, parseSchedule } from './schedule';

type CJ = CronJob & KubeObject;

function cron(schedule: string, concurrencyPolicy?: string): CJ {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule,
      ...(concurrencyPolicy ? { concurrencyPolicy } : {}),
      jobTemplate: {
        spec: {
          template: {
            spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox' }] },
          },
        },
      },
    },
  };
}

describe('cron schedules', () => {
  it.each([
    ['*/5 * * * *', 0, true],
    ['*/5 * * * *', 3, false],
    ['0 * * * *', 60, true],
    ['@daily', 1440, true],
    ['@daily', 60, false],
    ['0 0 * * thu', 0, true],
    ['0 0 * * 5', 0, false],
  ])('%s at minute %i of the epoch (a Thursday) fires: %s', (text, minute, want) => {
    expect(matches(parseSchedule(text), minute)).toBe(want);
  });

  it('refuses a schedule without five fields', () => {
    expect(() => parseSchedule('* * *')).toThrow('expected exactly 5 fields');
  });

  it('finds the next firing minute', () => {
    expect(nextAfter(parseSchedule('30 2 * * *'), 0)).toBe(150);
  });
});

describe('CronJobController', () => {
  const minutesToNextBoundary = (): number => 5 - (Math.floor(SIM_EPOCH_UNIX_MS / 60_000) % 5);

  it('creates a Job named after the scheduled minute each time the schedule fires', () => {
    const s = new Simulation({ controllers: [new CronJobController()] });
    s.apply(cron('*/5 * * * *'));
    s.advance((minutesToNextBoundary() + 10) * 60_000 + 1000);
    const names = s.store.list<Job & KubeObject>('Job', 'default').map((j) => j.metadata.name);
    expect(names).toHaveLength(3);
    for (const n of names) expect(Number(n.slice('hello-'.length)) % 5).toBe(0);
    expect(s.store.get<CJ>('CronJob', 'default', 'hello')?.status?.active).toHaveLength(3);
  });

  it('with concurrencyPolicy Forbid, skips a run while the previous Job is still active', () => {
    const s = new Simulation({ controllers: [new CronJobController()] });
    s.apply(cron('*/5 * * * *', 'Forbid'));
    s.advance((minutesToNextBoundary() + 10) * 60_000 + 1000);
    expect(s.store.list('Job', 'default')).toHaveLength(1);
  });

  it('with concurrencyPolicy Replace, replaces the active Job', () => {
    const s = new Simulation({ controllers: [new CronJobController()] });
    s.apply(cron('*/5 * * * *', 'Replace'));
    s.advance((minutesToNextBoundary() + 10) * 60_000 + 1000);
    const jobs = s.store.list('Job', 'default').filter((j) => !j.metadata.deletionTimestamp);
    expect(jobs).toHaveLength(1);
  });
});
