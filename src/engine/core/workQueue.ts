/**
 * A work queue as client-go's workqueue behaves for one worker: a key enqueued many times before it is
 * processed is processed once; keys come out in the order they first went in.
 */
export class WorkQueue {
  private readonly keys = new Set<string>();

  add(key: string): void {
    this.keys.add(key);
  }

  get size(): number {
    return this.keys.size;
  }

  /** The oldest key, removed from the queue. */
  take(): string | undefined {
    for (const k of this.keys) {
      this.keys.delete(k);
      return k;
    }
    return undefined;
  }

  clear(): void {
    this.keys.clear();
  }
}
