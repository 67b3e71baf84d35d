/**
 * Dragging the scrubber: each seek back is a replay from time 0, so while the thumb moves, seeks run at
 * most once per `intervalMs` of wall time (always to the latest position, the last one trailing), and
 * exactly once more where the thumb is released.
 */
export class Scrub {
  private lastAt = Number.NEGATIVE_INFINITY;
  private pending: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly seek: (ms: number) => void,
    private readonly intervalMs = 120,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** The thumb moved to `ms`. */
  move(ms: number): void {
    this.pending = ms;
    const wait = this.lastAt + this.intervalMs - this.clock();
    if (wait <= 0) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), wait);
  }

  /** The thumb was released at `ms`: seek there now. */
  release(ms: number): void {
    this.pending = ms;
    this.flush();
  }

  /** Drops a pending seek (unmount). */
  cancel(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.pending = null;
  }

  private flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending === null) return;
    const ms = this.pending;
    this.pending = null;
    this.lastAt = this.clock();
    this.seek(ms);
  }
}
