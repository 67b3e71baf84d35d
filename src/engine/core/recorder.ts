/**
 * The event recorder: core/v1 Events as `kubectl get events` shows them. Repeats of the same event (same
 * object, type, reason, message and source) are aggregated into one Event whose count and lastTimestamp
 * grow, as client-go's EventCorrelator does. Events older than the API server's default --event-ttl (1h)
 * are removed.
 */
import type { Event, KubeObject } from '../api/types';
import type { EventType } from './controller';
import { lastTimestamp, type ObjectStore } from './objectStore';

const EVENT_TTL_MS = 60 * 60 * 1000;

interface Live {
  key: string;
  lastMs: number;
}

/** The event's involvedObject (an ObjectReference), fields in kubectl's order. */
function involvedRef(o: KubeObject): NonNullable<Event['involvedObject']> {
  const ref: NonNullable<Event['involvedObject']> = {
    apiVersion: o.apiVersion,
    kind: o.kind,
    name: o.metadata.name,
  };
  if (o.metadata.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata.uid) ref.uid = o.metadata.uid;
  if (o.metadata.resourceVersion) ref.resourceVersion = o.metadata.resourceVersion;
  return ref;
}

export class EventRecorder {
  private readonly byAggregate = new Map<string, Live>();
  private readonly fifo: Array<{ aggregate: string; key: string; atMs: number }> = [];
  private fifoHead = 0;
  private counter = 0;
  private readonly timestamp = lastTimestamp();

  constructor(
    private readonly store: ObjectStore,
    private readonly now: () => number,
    private enabled = true,
  ) {}

  /** Turns recording off (benchmarks of raw throughput) or back on. */
  setEnabled(on: boolean): void {
    this.enabled = on;
  }

  record(component: string, involved: KubeObject, type: EventType, reason: string, message: string): void {
    if (!this.enabled) return;
    const now = this.now();
    this.expire(now);
    const ns = involved.metadata.namespace ?? 'default';
    const aggregate = `${involved.metadata.uid}|${type}|${reason}|${message}|${component}`;
    const live = this.byAggregate.get(aggregate);
    const existing = live ? this.store.getByKey<Event & KubeObject>(live.key) : undefined;
    if (live && existing) {
      live.lastMs = now;
      this.store.apply({
        type: 'update',
        object: { ...existing, count: (existing.count ?? 1) + 1, lastTimestamp: this.timestamp(now) },
      });
      return;
    }
    const name = `${involved.metadata.name}.${(++this.counter).toString(16).padStart(16, '0')}`;
    const event: Event & KubeObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns },
      involvedObject: involvedRef(involved),
      type,
      reason,
      message,
      source: { component },
      count: 1,
      firstTimestamp: this.timestamp(now),
      lastTimestamp: this.timestamp(now),
      reportingComponent: component,
    };
    const stored = this.store.apply({ type: 'create', object: event });
    this.byAggregate.set(aggregate, { key: `Event/${ns}/${stored.metadata.name}`, lastMs: now });
    this.fifo.push({ aggregate, key: `Event/${ns}/${stored.metadata.name}`, atMs: now });
  }

  private expire(now: number): void {
    while (this.fifoHead < this.fifo.length) {
      const head = this.fifo[this.fifoHead];
      if (!head || now - head.atMs < EVENT_TTL_MS) break;
      this.fifoHead++;
      const live = this.byAggregate.get(head.aggregate);
      if (!live || live.key !== head.key) continue;
      if (now - live.lastMs < EVENT_TTL_MS) {
        this.fifo.push({ ...head, atMs: live.lastMs }); // seen again since: expires an hour after its last time
        continue;
      }
      this.byAggregate.delete(head.aggregate);
      if (this.store.getByKey(head.key)) this.store.apply({ type: 'remove', key: head.key });
    }
    if (this.fifoHead > 4096 && this.fifoHead * 2 > this.fifo.length) {
      this.fifo.splice(0, this.fifoHead);
      this.fifoHead = 0;
    }
  }
}
