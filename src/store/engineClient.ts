/**
 * The page's side of the engine: sends EngineInputs to the engine host and applies the deltas it sends to
 * the runtime's mirror. Two transports with one API:
 * - in-process (inProcessEngine.ts; Node, the tests, and the browser's fallback when Worker is missing or
 *   the URL has `?engine=main`): the host runs in this thread, each input takes effect and is committed
 *   before `send` returns, and while playing the driver (driver.ts) advances time once per animation frame;
 * - Web Worker (the browser's default): the host runs in src/store/engine.worker.ts with its own clock;
 *   deltas are applied as they arrive and committed once per animation frame, so no main-thread task does
 *   the simulation's work.
 * This module does not load the engine's controllers: the page's initial JavaScript stays without them
 * (the worker has its own copy; the in-process transport is loaded when it is needed). Until a transport
 * is chosen, inputs wait in order.
 */
import type { EngineDelta, EngineHost, EngineInput, EngineResult } from './engineHost';
import type { WorkerMessage, WorkerRequest } from './engine.worker';
import { applyDelta, commit, hasPendingChanges } from './runtime';
import { applyTimelineInfo, restoreApplied } from './timelineState';

/** What the store does with a delta beyond the mirror: authored copies for the document, engine errors. */
export interface DeltaHooks {
  authored(changes: NonNullable<EngineDelta['authored']>): void;
  stopped(message: string): void;
  /** The worker failed (it could not load or crashed): the store starts over in-process. */
  lost(message: string): void;
}

/** Where the engine runs ('starting' until a transport is chosen). */
export type EngineKind = 'in-process' | 'worker' | 'starting';

/** A way to the engine host. */
export interface Transport {
  readonly kind: EngineKind;
  send(input: EngineInput, then?: (r: EngineResult) => void): Promise<EngineResult>;
  /** Requests sent and not answered yet. */
  readonly pending: number;
  /** In-process: plays `wallMs` of wall time (the driver's frame) and publishes the result. */
  tick?(wallMs: number): void;
  /** In-process: the host itself. */
  readonly host?: EngineHost;
  dispose(): void;
}

let hooks: DeltaHooks = {
  authored: () => undefined,
  stopped: () => undefined,
  lost: () => undefined,
};

/** Sets what happens with authored copies and engine errors (commands.ts does, once). */
export function setDeltaHooks(h: DeltaHooks): void {
  hooks = h;
}

/** Applies a delta to the page: the mirror, the timeline's state, the store's hooks. */
export function take(delta: EngineDelta): void {
  applyDelta(delta);
  applyTimelineInfo(delta.timeline);
  if (delta.restore !== undefined) restoreApplied(delta.restore);
  if (delta.authored) hooks.authored(delta.authored);
  if (delta.stopped !== undefined) hooks.stopped(delta.stopped);
}

/** The JSON text of objects the page read from JSON (an import), by object: objects are never changed. */
const wireJson = new WeakMap<object, string>();

/**
 * Remembers that `obj` is JSON.parse(json) (an imported object), so a `sync` that applies it can send the
 * text instead of cloning the object (for a big import, tens of ms of the main thread per step).
 */
export function rememberWireJson(obj: object, json: string): void {
  wireJson.set(obj, json);
}

/** The request for an input: a `sync` whose objects all have their JSON sends them as one JSON array. */
function request(id: number, input: EngineInput): WorkerRequest {
  if (input.op !== 'sync' || input.apply.length === 0) return { id, input };
  const texts: string[] = [];
  for (const o of input.apply) {
    const json = wireJson.get(o);
    if (json === undefined) return { id, input };
    texts.push(json);
  }
  return { id, input: { ...input, apply: [] }, applyJson: `[${texts.join(',')}]` };
}

/** Timings of the page's commits (for the performance note and `?stats`). */
export const commitStats = { commits: 0, commitMs: 0, maxCommitMs: 0, deltas: 0, applyMs: 0, maxApplyMs: 0 };

const wallNow = (): number => (typeof performance === 'undefined' ? 0 : performance.now());

/** Commits the mirror's changes (runtime.ts), timed. */
export function timedCommit(): void {
  const t0 = wallNow();
  commit();
  const ms = wallNow() - t0;
  commitStats.commits++;
  commitStats.commitMs += ms;
  commitStats.maxCommitMs = Math.max(commitStats.maxCommitMs, ms);
}

/** Inputs sent before a transport is chosen (or while the in-process one loads), kept in order. */
class Starting implements Transport {
  readonly kind = 'starting';
  private readonly queue: Array<{
    input: EngineInput;
    then: ((r: EngineResult) => void) | undefined;
    resolve: (r: EngineResult) => void;
  }> = [];

  get pending(): number {
    return this.queue.length;
  }

  send(input: EngineInput, then?: (r: EngineResult) => void): Promise<EngineResult> {
    return new Promise((resolve) => this.queue.push({ input, then, resolve }));
  }

  /** Sends the waiting inputs, in order, to the chosen transport. */
  drainInto(next: Transport): void {
    for (const q of this.queue.splice(0)) void next.send(q.input, q.then).then(q.resolve);
  }

  dispose(): void {
    for (const q of this.queue.splice(0)) q.resolve({ ok: false, output: 'the engine stopped', errors: [] });
  }
}

/** A display frame, in wall ms. */
const FRAME_MS = 16;
/** A commit that takes T ms (with its rendering) is followed by at least COMMIT_SHARE x T ms without one. */
const COMMIT_SHARE = 2;
/** The page shows the simulation at least this often, in wall ms, however slow its rendering. */
const MAX_COMMIT_GAP_MS = 250;

/** The host in a Web Worker. */
class InWorker implements Transport {
  readonly kind = 'worker';
  private readonly worker: Worker;
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    { resolve: (r: EngineResult) => void; then: ((r: EngineResult) => void) | undefined }
  >();
  private frame = 0;
  private backup: ReturnType<typeof setTimeout> | undefined;
  /** A big delta is arriving in pieces: no commit until its last piece. */
  private partial = false;
  private waitTimer: ReturnType<typeof setTimeout> | undefined;
  private lastCommitAt = -Infinity;
  /** Wall ms the last commit took, with the rendering it caused. */
  private commitCost = 0;
  /** The last clock delta received, acknowledged to the worker once drawn. */
  private lastTick = 0;
  private acked = 0;

  constructor() {
    this.worker = new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<WorkerMessage>) => this.receive(e.data);
    this.worker.onerror = (e) => {
      e.preventDefault();
      hooks.lost(e.message || 'the engine worker failed to start');
    };
  }

  get pending(): number {
    return this.waiting.size;
  }

  send(input: EngineInput, then?: (r: EngineResult) => void): Promise<EngineResult> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.waiting.set(id, { resolve, then });
      this.worker.postMessage(request(id, input));
    });
  }

  private receive(m: WorkerMessage): void {
    if ('delta' in m) {
      const t0 = wallNow();
      take(m.delta);
      const ms = wallNow() - t0;
      commitStats.deltas++;
      commitStats.applyMs += ms;
      commitStats.maxApplyMs = Math.max(commitStats.maxApplyMs, ms);
      this.partial = m.delta.partial === true;
      if (m.tick !== undefined) this.lastTick = m.tick;
      if (!this.partial) this.scheduleCommit();
      return;
    }
    const w = this.waiting.get(m.id);
    if (!w) return;
    this.waiting.delete(m.id);
    // The request's effects arrived just before: publish them now, so the caller reads them.
    if (hasPendingChanges()) this.commitNow();
    w.then?.(m.result);
    w.resolve(m.result);
  }

  /**
   * One commit per animation frame at most (a timer stands in when frames stop, e.g. a hidden tab). When
   * a commit and the rendering it causes take long (a big cluster), the next waits COMMIT_SHARE times as
   * long (at most MAX_COMMIT_GAP_MS), so panning, zooming and typing keep most of the main thread.
   */
  private scheduleCommit(): void {
    if (this.frame !== 0 || this.waitTimer !== undefined) return;
    const wait = this.lastCommitAt + Math.min(MAX_COMMIT_GAP_MS, this.commitCost * COMMIT_SHARE) - wallNow();
    if (wait > FRAME_MS) {
      this.waitTimer = setTimeout(() => {
        this.waitTimer = undefined;
        this.scheduleCommit();
      }, wait - FRAME_MS);
      return;
    }
    this.frame = requestAnimationFrame(() => this.commitNow());
    this.backup = setTimeout(() => this.commitNow(), MAX_COMMIT_GAP_MS);
  }

  private commitNow(): void {
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    clearTimeout(this.backup);
    clearTimeout(this.waitTimer);
    this.waitTimer = undefined;
    this.frame = 0;
    if (this.partial) return;
    const started = wallNow();
    this.lastCommitAt = started;
    timedCommit();
    // React renders what the commit changed in a microtask queued during it: this one runs after.
    queueMicrotask(() => {
      this.commitCost = wallNow() - started;
    });
    if (this.lastTick !== this.acked) {
      this.acked = this.lastTick;
      this.worker.postMessage({ seen: this.lastTick } satisfies WorkerRequest);
    }
  }

  dispose(): void {
    this.worker.terminate();
    if (this.frame !== 0) cancelAnimationFrame(this.frame);
    clearTimeout(this.backup);
    clearTimeout(this.waitTimer);
    for (const w of this.waiting.values()) w.resolve({ ok: false, output: 'the engine stopped', errors: [] });
    this.waiting.clear();
  }
}

let transport: Transport = new Starting();

/** Makes `next` the way to the engine; inputs waiting for a transport go to it, in order. */
export function installTransport(next: Transport): void {
  const previous = transport;
  transport = next;
  if (previous instanceof Starting) previous.drainInto(next);
  else previous.dispose();
}

/** Sends one input to the engine; `then` gets its result (at once in-process, else when it comes back). */
export function send(input: EngineInput, then?: (r: EngineResult) => void): Promise<EngineResult> {
  return transport.send(input, then);
}

/** Where the engine runs. */
export function engineKind(): EngineKind {
  return transport.kind;
}

/** Requests sent and not answered yet (a caller that drives time may wait for the engine). */
export function enginePending(): number {
  return transport.pending;
}

/** The in-process transport's frame (the driver calls it while playing); false when the engine is elsewhere. */
export function tickInProcess(wallMs: number): boolean {
  if (!transport.tick) return false;
  transport.tick(wallMs);
  return true;
}

/** The in-process engine host (tests read its simulation and timeline), or undefined elsewhere. */
export function inProcessHost(): EngineHost | undefined {
  return transport.host;
}

/**
 * Runs the engine in a Web Worker (true), or in this thread (false: the in-process transport is loaded,
 * inputs wait meanwhile). The caller resets the simulation.
 */
export function runEngineInWorker(worker: boolean): void {
  if (worker) {
    if (transport.kind !== 'worker') installTransport(new InWorker());
    return;
  }
  if (transport.kind === 'in-process') return;
  if (!(transport instanceof Starting)) installTransport(new Starting());
  void import('./inProcessEngine').then((m) => m.runEngineInProcess());
}

/** Whether this page can run the engine in a Web Worker, and the URL does not ask for the main thread. */
export function workerWanted(search: string): boolean {
  const param = new URLSearchParams(search).get('engine');
  return typeof Worker !== 'undefined' && param !== 'main';
}
