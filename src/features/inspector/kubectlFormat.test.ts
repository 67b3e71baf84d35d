import { describe, expect, it } from 'vitest';
import { timestamp, type Event, type KubeObject } from '../../engine';
import { age, eventRow } from './kubectlFormat';

const S = 1000;

describe('age, as translateTimestampSince', () => {
  it.each<[string, string | undefined, number, string]>([
    ['An unset timestamp is <unknown>', undefined, 0, '<unknown>'],
    ['Ninety seconds after creation is 90s', timestamp(10 * S), 100 * S, '90s'],
    ['Three minutes ten seconds reads 3m10s', timestamp(0), 190 * S, '3m10s'],
  ])('%s', (_name, ts, now, want) => {
    expect(age(ts, now)).toBe(want);
  });
});

describe('eventRow, as kubectl get events prints it', () => {
  it('prints LAST SEEN as an age, the object as kind/name lower-cased, and keeps the message', () => {
    const e: Event & KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web-1.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web-1' },
      type: 'Warning',
      reason: 'FailedScheduling',
      message: '0/3 nodes are available: 3 Insufficient cpu.',
      firstTimestamp: timestamp(0),
      lastTimestamp: timestamp(5 * S),
      count: 2,
    };
    expect(eventRow(e, 95 * S)).toEqual({
      key: 'Event/default/web-1.1',
      lastSeen: '90s',
      lastMs: 5 * S,
      type: 'Warning',
      reason: 'FailedScheduling',
      object: 'pod/web-1',
      objectKey: 'Pod/default/web-1',
      message: '0/3 nodes are available: 3 Insufficient cpu.',
      count: 2,
    });
  });
});
