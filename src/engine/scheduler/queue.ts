/**
 * The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go): activeQ ordered by PrioritySort
 * (priority, then the order pods were first queued), a backoff queue, and unschedulable pods waiting for a
 * cluster event that may help them (or for the 5-minute leftover flush).
 */
import { BinaryHeap } from '../../lib';

/** DefaultPodInitialBackoffDuration and DefaultPodMaxBackoffDuration. */
export const INITIAL_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 10_000;
/** DefaultPodMaxInUnschedulablePodsDuration. */
export const MAX_IN_UNSCHEDULABLE_MS = 5 * 60_000;

export interface QueuedPod {
  key: string;
  priority: number;
  seq: number;
  attempts: number;
  backoffUntil: number;
  unschedulableSince: number;
  /** Plugins that rejected the pod in its last cycle (queueing hints): only events they care about move it. */
  plugins: Set<string>;
}

/** calculateBackoffDuration: 1s doubling per attempt, at most 10s. */
export function backoffDuration(attempts: number): number {
  let d = INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts && d < MAX_BACKOFF_MS; i++) d *= 2;
  return Math.min(d, MAX_BACKOFF_MS);
}

export class SchedulingQueue {
  private readonly active = new BinaryHeap<QueuedPod>(
    (a, b) => a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq),
  );
  private readonly where = new Map<string, 'active' | 'backoff' | 'unschedulable'>();
  private readonly backoff = new Map<string, QueuedPod>();
  private readonly unschedulable = new Map<string, QueuedPod>();
  private seq = 0;

  has(key: string): boolean {
    return this.where.has(key);
  }

  get activeSize(): number {
    return this.active.size;
  }

  /** Adds a new pod to activeQ (a no-op for a pod already queued). */
  add(key: string, priority: number): void {
    if (this.where.has(key)) return;
    this.where.set(key, 'active');
    this.active.push({
      key,
      priority,
      seq: this.seq++,
      attempts: 0,
      backoffUntil: 0,
      unschedulableSince: 0,
      plugins: new Set(),
    });
  }

  /** Pops the next pod; skips entries removed meanwhile. */
  pop(): QueuedPod | undefined {
    for (;;) {
      const q = this.active.pop();
      if (!q) return undefined;
      if (this.where.get(q.key) !== 'active') continue;
      this.where.delete(q.key);
      return q;
    }
  }

  delete(key: string): void {
    this.where.delete(key);
    this.backoff.delete(key);
    this.unschedulable.delete(key);
  }

  /** AddUnschedulableIfNotPresent after a failed attempt. */
  addUnschedulable(q: QueuedPod, now: number, plugins: Set<string>): void {
    q.attempts++;
    q.backoffUntil = now + backoffDuration(q.attempts);
    q.unschedulableSince = now;
    q.plugins = plugins;
    this.where.set(q.key, 'unschedulable');
    this.unschedulable.set(q.key, q);
  }

  /** A pod whose attempt ended in an error (not a plugin's rejection): straight to the backoff queue. */
  addBackoff(q: QueuedPod, now: number): void {
    q.attempts++;
    q.backoffUntil = now + backoffDuration(q.attempts);
    q.plugins = new Set();
    this.where.set(q.key, 'backoff');
    this.backoff.set(q.key, q);
  }

  /**
   * MoveAllToActiveOrBackoffQueue for an event: pods rejected by a plugin in `interested` (or by none) move.
   * Returns the earliest backoff expiry among pods moved to the backoff queue, if any.
   */
  move(
    now: number,
    interested: (plugin: string) => boolean,
    only?: (q: QueuedPod) => boolean,
  ): number | undefined {
    let wake: number | undefined;
    for (const q of this.unschedulable.values()) {
      if (only && !only(q)) continue;
      if (q.plugins.size > 0 && ![...q.plugins].some(interested)) continue;
      this.unschedulable.delete(q.key);
      if (q.backoffUntil > now) {
        this.where.set(q.key, 'backoff');
        this.backoff.set(q.key, q);
        wake = Math.min(wake ?? Infinity, q.backoffUntil);
      } else this.toActive(q);
    }
    return wake;
  }

  /** flushBackoffQCompleted and flushUnschedulablePodsLeftover. */
  flush(now: number): void {
    for (const q of this.backoff.values())
      if (q.backoffUntil <= now) {
        this.backoff.delete(q.key);
        this.toActive(q);
      }
    for (const q of this.unschedulable.values())
      if (now - q.unschedulableSince >= MAX_IN_UNSCHEDULABLE_MS) {
        this.unschedulable.delete(q.key);
        if (q.backoffUntil > now) {
          this.where.set(q.key, 'backoff');
          this.backoff.set(q.key, q);
        } else this.toActive(q);
      }
  }

  private toActive(q: QueuedPod): void {
    this.where.set(q.key, 'active');
    this.active.push(q);
  }

  /** Keys waiting as unschedulable (for the UI). */
  pending(): string[] {
    return [...this.unschedulable.keys(), ...this.backoff.keys()];
  }
}
