/**
 * Plays a slide's scene on the virtual clock. The runner owns the scene's time: it asks its host to stop
 * exactly at each step's moment before running the step, so a rehearsed scene runs the same way live
 * (same design, same seed, same commands at the same simulated milliseconds), whatever the frame rate.
 */
import type { Scene, SceneStep } from './types';

/** What the runner drives: the app's store in the browser, a bare Simulation in tests. */
export interface SceneHost {
  /** Replaces the design by the scene's objects with its seed, at simulated time 0. */
  load(scene: Scene): void;
  /** Advances the simulation to this simulated time (never backwards). */
  advanceTo(simMs: number): void;
  /** The simulation's time, in ms. */
  now(): number;
  /**
   * Runs one command line; returns its output, or throws an Error with kubectl's message. A host whose
   * engine answers later (a Web Worker) returns a promise: the step still runs at its moment, in order,
   * and its log entry is filled in when the answer comes.
   */
  run(line: string): string | Promise<string>;
}

/** What happened to one step. */
export interface StepLog {
  atMs: number;
  run: string;
  ok: boolean;
  output: string;
}

interface Timed {
  atMs: number;
  step: SceneStep;
}

export class SceneRunner {
  private timed: Timed[] = [];
  private clicks: SceneStep[] = [];
  private readonly logs: StepLog[] = [];
  private logChanges = 0;

  constructor(
    private readonly host: SceneHost,
    readonly scene: Scene,
  ) {}

  /** Loads the design and queues the steps; also what reset does. */
  start(): void {
    this.host.load(this.scene);
    this.logs.length = 0;
    this.timed = this.scene.steps.filter((s) => !s.click).map((step) => ({ atMs: step.atMs, step }));
    this.timed.sort((a, b) => a.atMs - b.atMs);
    this.clicks = this.scene.steps.filter((s) => s.click);
  }

  /** Plays `wallMs` of wall time at the scene's speed. */
  tick(wallMs: number): void {
    this.advanceTo(this.host.now() + wallMs * this.scene.speed);
  }

  /** Advances to a simulated time, running every timed step due on the way, each at its moment. */
  advanceTo(simMs: number): void {
    for (let next = this.timed[0]; next && next.atMs <= simMs; next = this.timed[0]) {
      this.timed.shift();
      this.host.advanceTo(next.atMs);
      this.runStep(next.step);
    }
    this.host.advanceTo(simMs);
  }

  /** The command the next click runs, or null when no click step is left. */
  get nextClick(): string | null {
    return this.clicks[0]?.run ?? null;
  }

  /** Clicks left before the slide may move on. */
  get clicksLeft(): number {
    return this.clicks.length;
  }

  /** Runs (or schedules, when it has a delay) the next click step; false when there is none. */
  click(): boolean {
    const step = this.clicks.shift();
    if (!step) return false;
    if (step.atMs === 0) this.runStep(step);
    else this.insertTimed({ atMs: this.host.now() + step.atMs, step });
    return true;
  }

  /** What each step did so far, in order. */
  get log(): readonly StepLog[] {
    return this.logs;
  }

  /** Grows when an entry is added to the log or an answer fills one in. */
  get logVersion(): number {
    return this.logChanges;
  }

  private insertTimed(t: Timed): void {
    const i = this.timed.findIndex((x) => x.atMs > t.atMs);
    if (i < 0) this.timed.push(t);
    else this.timed.splice(i, 0, t);
  }

  private runStep(step: SceneStep): void {
    const atMs = this.host.now();
    this.logChanges++;
    let output: string | Promise<string>;
    try {
      output = this.host.run(step.run);
    } catch (e) {
      this.logs.push({ atMs, run: step.run, ok: false, output: (e as Error).message });
      return;
    }
    if (typeof output === 'string') {
      this.logs.push({ atMs, run: step.run, ok: true, output });
      return;
    }
    const logs = this.logs;
    const entry: StepLog = { atMs, run: step.run, ok: true, output: '' };
    logs.push(entry);
    const fill = (ok: boolean, text: string): void => {
      const i = logs.indexOf(entry);
      if (i < 0) return; // the scene started over
      logs[i] = { ...entry, ok, output: text };
      this.logChanges++;
    };
    output.then(
      (text) => fill(true, text),
      (e: unknown) => fill(false, e instanceof Error ? e.message : String(e)),
    );
  }
}
