/**
 * What the kubelet knows of a pod that the API does not hold: its containers as the container runtime
 * sees them (pulls in progress, running processes, exit times), its probe workers and its termination.
 * The pod's status is rendered from this (podStatus.ts); nothing here is written to the store directly.
 */
import type { Container } from '../api/types';
import type { ContainerBehavior } from '../behavior';
import type { ProbeWorker } from './probes';

/** A terminated container instance (state.terminated / lastState.terminated). */
export interface Termination {
  exitCode: number;
  reason: string;
  startedAtMs: number;
  finishedAtMs: number;
  containerId: string;
  message?: string;
}

/** A container's state in the runtime, with what the kubelet waits for in each. */
export type ContainerPhase =
  | { kind: 'new' }
  | {
      kind: 'pulling';
      requestedAtMs: number;
      startsAtMs: number;
      doneAtMs: number;
      fails: boolean;
      /** The reason still shown while a pull is retried (the status keeps the last failure). */
      shownReason?: string;
    }
  | { kind: 'pullFailed'; retryAtMs: number; reason: 'ErrImagePull' | 'ImagePullBackOff'; message: string }
  | { kind: 'neverPull'; message: string }
  | { kind: 'backoff'; untilMs: number; message: string }
  | { kind: 'running'; startedAtMs: number; containerId: string }
  | { kind: 'terminated'; termination: Termination };

/** One container (app or init) of a pod on the node. */
export interface ContainerRuntime {
  name: string;
  spec: Container;
  init: boolean;
  /** An init container with restartPolicy Always (a sidecar). */
  sidecar: boolean;
  behavior: ContainerBehavior;
  phase: ContainerPhase;
  restartCount: number;
  lastTermination?: Termination;
  /** The image is on the node and checked for this instance (the next start may run it). */
  imageReady: boolean;
  /** Startup probe passed (or none). */
  started: boolean;
  probes: ProbeWorker[];
  /** When the kubelet last sent the process SIGTERM (killing), and when it will have exited. */
  killExitAtMs?: number;
  killReason?: string;
  /** Set when the container is being stopped for good (pod deletion). */
  stopping?: boolean;
}

/** One pod on one node. */
export interface PodRuntime {
  key: string;
  uid: string;
  node: string;
  /** When the kubelet admitted the pod: probe workers tick from here (worker.go starts on pod add). */
  admittedAtMs: number;
  /** The pod sandbox: its IP, from when. */
  sandboxAtMs?: number;
  podIP?: string;
  volumesReady: boolean;
  volumeWaitSinceMs?: number;
  init: ContainerRuntime[];
  containers: ContainerRuntime[];
  /** Pod deletion seen: when, and the grace deadline. */
  terminatingSinceMs?: number;
  /** The earliest timer already asked for (avoids piling duplicate wake-ups). */
  wakeAtMs?: number;
  behaviorAnnotation: string | undefined;
  /** A terminal phase the kubelet decided (Succeeded/Failed): containers no longer restart. */
  terminal?: 'Succeeded' | 'Failed';
  /** Why the kubelet ended the pod itself (DeadlineExceeded), shown as status.reason and message. */
  ended?: { reason: string; message: string };
  /** The kubelet refused the pod at admission (OutOfcpu...): reason and message. */
  rejected?: { reason: string; message: string };
}
