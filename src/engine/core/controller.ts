/**
 * The contract between the simulation and its components (scheduler, controllers, kubelets, network).
 * Like kube-controller-manager's controllers, a component watches the store, enqueues keys, and reconciles
 * one key at a time. It writes only through the context, so every write is a Change applied in one place.
 */
import type { Prng } from '../../lib';
import type { KubeObject } from '../api/types';
import type { WatchEvent } from './changes';
import type { ReadonlyStore } from './objectStore';

export type EventType = 'Normal' | 'Warning';

/** How deletion of an owner treats its dependents (metav1.DeletionPropagation). */
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  /** Seconds of graceful termination for a pod; 0 deletes at once. Defaults to the pod's own. */
  gracePeriodSeconds?: number;
  propagationPolicy?: PropagationPolicy;
}

/** What a component may do. Every write is carried out at once and seen by the next read. */
export interface ControllerContext {
  /** Simulated milliseconds since the start. */
  readonly now: number;
  readonly store: ReadonlyStore;
  /** The simulation's seeded generator: the only source of randomness. */
  readonly rng: Prng;
  /** Creates an object (metadata.generateName is honoured); returns it as stored. */
  create<T extends KubeObject>(obj: T): T;
  /** Replaces an object; returns it as stored. */
  update<T extends KubeObject>(obj: T): T;
  /**
   * Deletes as the API server does: objects with finalizers, and pods bound to a node with a grace period,
   * get a deletionTimestamp first; the rest are removed, and the garbage collector follows ownerReferences.
   */
  delete(obj: KubeObject, options?: DeleteOptions): void;
  /**
   * Records an Event about an object, aggregated as the event recorder aggregates repeats. `component` is
   * the event's source when it is not this component (one that plays several upstream actors).
   */
  event(involved: KubeObject, type: EventType, reason: string, message: string, component?: string): void;
  /** Enqueues a key of this component for reconciliation now. */
  enqueue(key: string): void;
  /** Enqueues a key of this component after a delay in simulated milliseconds. */
  enqueueAfter(delayMs: number, key: string): void;
}

/** What a component may do while it starts: subscribe and enqueue. */
export interface ControllerSetup {
  readonly store: ReadonlyStore;
  /** Subscribes to changes of one kind (or '*' for all). Handlers run synchronously after each change. */
  watch(kind: string, handler: (event: WatchEvent) => void): void;
  enqueue(key: string): void;
}

export interface Controller {
  /** As upstream names the component: `deployment`, `replicaset`, `default-scheduler`, `kubelet`, ... */
  readonly name: string;
  /** Called once when the simulation starts the component. */
  setup(setup: ControllerSetup): void;
  /** Reconciles one key. Must not throw for a key whose object is gone. */
  sync(key: string, ctx: ControllerContext): void;
}
