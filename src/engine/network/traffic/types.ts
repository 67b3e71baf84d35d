/**
 * The traffic model's objects and figures. A TrafficSource (`kubecanvas.dev/v1alpha1`) is a stream of
 * requests: external clients hitting an Ingress or a Service, or pods calling a Service by its DNS name.
 * Requests are simulated in aggregate, one bucket of simulated time at a time (TRAFFIC_BUCKET_MS).
 */
import type { LabelSelector } from '../../api/types';
import type { KubeObject } from '../../api/types';

/** apiVersion of kubecanvas's own simulation objects. */
export const TRAFFIC_API_VERSION = 'kubecanvas.dev/v1alpha1';
/** Kind of a traffic source. */
export const TRAFFIC_SOURCE_KIND = 'TrafficSource';
/** Simulated milliseconds of one traffic bucket. */
export const TRAFFIC_BUCKET_MS = 1000;

/** What a traffic source aims at. */
export interface TrafficTarget {
  kind: 'Ingress' | 'Service';
  name: string;
  /** Defaults to the source's namespace. */
  namespace?: string;
}

/** spec of a TrafficSource. */
export interface TrafficSourceSpec {
  target: TrafficTarget;
  /** Requests per second, in total (spread over the calling pods when `from` is set). */
  rps: number;
  /** Host header (Ingress targets); defaults to the first host of the target Ingress's rules. */
  host?: string;
  /** Request path; default `/`. */
  path?: string;
  /** Service port (number or name) for Service targets; default the first port. */
  port?: number | string;
  /** In-cluster callers: the pods (in `namespace`, default the source's) that send the requests. */
  from?: { podSelector: LabelSelector; namespace?: string };
  /** The name callers resolve through the cluster DNS (default the target's name). */
  dnsName?: string;
  /** Distinct external client addresses, for sessionAffinity ClientIP (default 100). */
  clients?: number;
}

/** A TrafficSource object. */
export interface TrafficSource extends KubeObject {
  apiVersion: typeof TRAFFIC_API_VERSION;
  kind: typeof TRAFFIC_SOURCE_KIND;
  spec: TrafficSourceSpec;
}

/**
 * How a request ended: `success`; `unavailable` (503: the Service has no ready endpoint, the load
 * balancer no healthy node, the name does not resolve, or the Ingress has no controller); `refused`
 * (the chosen pod does not listen: not started, still starting, or terminating); `timeout` (the pod is
 * loaded beyond its capacity, or its node is down); `notFound` (404: no Ingress rule matches).
 */
export type Outcome = 'success' | 'unavailable' | 'refused' | 'timeout' | 'notFound';

/** Counts of requests by outcome. */
export type OutcomeCounts = Record<Outcome, number>;

/** One point of a time series: the figures of one bucket. */
export interface TrafficSample {
  /** End of the bucket, simulated ms. */
  t: number;
  /** Requests per second offered. */
  rps: number;
  /** Fraction of requests that succeeded (1 when there were none). */
  successRate: number;
  /** Latency of successful requests in ms (0 when none succeeded). */
  p50Ms: number;
  p99Ms: number;
  /** CPU in millicores (pods only). */
  cpuMilli?: number;
  outcomes: OutcomeCounts;
}

/** A flow along one edge of the picture in the latest bucket (for moving dots on the canvas). */
export interface TrafficFlow {
  /** Store key of the sender: `TrafficSource/ns/x`, `Pod/ns/p`, `Service/ns/s`, `Ingress/ns/i`. */
  from: string;
  /** Store key of the receiver. */
  to: string;
  rps: number;
  /** Fraction of the requests on this edge that failed there or further on. */
  failureRate: number;
}

/**
 * What the UI and tests read. Series are keyed by store key: `Service/ns/name`, `Pod/ns/name`,
 * `TrafficSource/ns/name`. Reading a series copies it (oldest first); `last` does not.
 */
export interface TrafficMetrics {
  bucketMs: number;
  /** Simulated ms of the latest bucket's end (undefined before the first bucket). */
  latest: number | undefined;
  /** Flows of the latest bucket, per edge. */
  flows: readonly TrafficFlow[];
  /** Keys that have a series. */
  keys(): string[];
  /** The series of a Service, pod or source, oldest first ([] when it has none). */
  series(key: string): TrafficSample[];
  /** The newest sample of a Service, pod or source. */
  last(key: string): TrafficSample | undefined;
}

/** Zero counts. */
export function noOutcomes(): OutcomeCounts {
  return { success: 0, unavailable: 0, refused: 0, timeout: 0, notFound: 0 };
}
