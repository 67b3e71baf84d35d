/**
 * The kubelet's back-off (k8s.io/client-go/util/flowcontrol/backoff.go, used by
 * pkg/kubelet/kuberuntime/kuberuntime_manager.go doBackOff and by the image puller): per key, a delay
 * that starts at 10 s and doubles up to 5 min; an entry not touched for twice the maximum (10 min) has
 * expired and starts over. Times are simulated milliseconds.
 */

/** kubelet's backOffPeriod and MaxContainerBackOff (pkg/kubelet/kubelet.go). */
export const INITIAL_BACKOFF_MS = 10_000;
/** The cap of the back-off (MaxContainerBackOff, 5 min). */
export const MAX_BACKOFF_MS = 300_000;

interface Entry {
  backoffMs: number;
  lastUpdateMs: number;
}

/** flowcontrol.Backoff with the kubelet's parameters. */
export class Backoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = INITIAL_BACKOFF_MS,
    private readonly maxMs = MAX_BACKOFF_MS,
  ) {}

  private expired(eventMs: number, entry: Entry): boolean {
    return eventMs - entry.lastUpdateMs > this.maxMs * 2;
  }

  /** Next: starts or doubles the delay of a key at `nowMs` (hasExpired entries start over). */
  next(key: string, nowMs: number): void {
    const e = this.entries.get(key);
    if (!e || this.expired(nowMs, e)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdateMs: nowMs });
      return;
    }
    e.backoffMs = Math.min(e.backoffMs * 2, this.maxMs);
    e.lastUpdateMs = nowMs;
  }

  /** IsInBackOffSince: whether `nowMs` is still within the delay counted from `eventMs`. */
  isInBackOffSince(key: string, eventMs: number, nowMs: number): boolean {
    const e = this.entries.get(key);
    if (!e || this.expired(eventMs, e)) return false;
    return nowMs - eventMs < e.backoffMs;
  }

  /** The current delay of a key (0 when it has none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Forgets a key (the pod is gone). */
  reset(key: string): void {
    this.entries.delete(key);
  }
}
