/**
 * The commands the console and scenarios accept, as a typed union: what the parser makes of a line
 * and what the executor carries out. Names and flags follow kubectl and the kubecanvas simulator verbs.
 */

/** A resource type and optional names, as `kind/name`, `kind name1 name2` or `kind1,kind2` give it. */
export interface Target {
  kind: string;
  names: string[];
}

/** What `-o` asks for. */
export type OutputFormat = 'table' | 'wide' | 'yaml' | 'json' | 'name';

/** Where objects live for a command: `-n ns`, or every namespace with `-A`. */
export interface Scope {
  namespace: string;
  allNamespaces: boolean;
}

/** A label or annotation change: set (`k=v`) or remove (`k-`). */
export interface KeyChange {
  key: string;
  value?: string;
}

/** A taint of `kubectl taint`: `key=value:Effect` (value and effect '' when not given). */
export interface TaintSpec {
  key: string;
  value: string;
  effect: string;
}

/** The rollout subcommands. */
export type RolloutAction = 'status' | 'history' | 'undo' | 'pause' | 'resume' | 'restart';

/** How `kubecanvas pod break` breaks a pod. */
export type BreakMode = 'liveness' | 'readiness' | 'crash';

/** Every command the grammar knows. */
export type Command =
  | { verb: 'apply'; scope: Scope; filename: string }
  | {
      verb: 'get';
      scope: Scope;
      targets: Target[];
      output: OutputFormat;
      selector?: string;
      fieldSelector?: string;
      sortBy?: string;
      showLabels: boolean;
      noHeaders: boolean;
    }
  | { verb: 'describe'; scope: Scope; targets: Target[]; selector?: string }
  | { verb: 'scale'; scope: Scope; targets: Target[]; replicas: number }
  | { verb: 'set-image'; scope: Scope; target: Target; images: Array<[string, string]> }
  | {
      verb: 'rollout';
      scope: Scope;
      action: RolloutAction;
      target: Target;
      toRevision?: number;
      /** `rollout status` waits (kubectl's default) unless `--watch=false`. */
      watch: boolean;
    }
  | {
      verb: 'logs';
      scope: Scope;
      /** A pod (`kind` Pod) or a workload whose first pod is read (`deploy/web`); absent with `-l`. */
      target?: { kind: string; name: string };
      /** `-l`: every pod the label selector matches. */
      selector?: string;
      container?: string;
      /** `--all-containers`: every init, app and ephemeral container of the pod(s). */
      allContainers: boolean;
      /** `--all-pods`: every pod of the workload, not only the first (implies `--prefix`). */
      allPods: boolean;
      /** `--prefix`: each line starts with `[pod/NAME/CONTAINER] `. */
      prefix: boolean;
      /** `--ignore-errors`: a failing stream prints `error: ...` and the others go on. */
      ignoreErrors: boolean;
      /** `--max-log-requests` (5): how many streams `-f` may follow at once. */
      maxLogRequests: number;
      previous: boolean;
      /** Lines from the end of each container's log; -1 shows all (the default, 10 with `-l`). */
      tail: number;
      follow: boolean;
      timestamps: boolean;
      /** `--since`, rounded to whole seconds as kubectl sends it. */
      sinceSeconds?: number;
      /** `--since-time`, simulated ms at the second precision the request carries. */
      sinceTimeMs?: number;
      /** `--limit-bytes`: at most this many bytes of each container's log (absent: no limit). */
      limitBytes?: number;
      /** `--pod-running-timeout` (20s): how long kubectl waits for a workload's first pod. */
      podRunningTimeoutMs: number;
    }
  | { verb: 'delete'; scope: Scope; targets: Target[]; selector?: string; all: boolean; gracePeriod?: number }
  | { verb: 'cordon' | 'uncordon'; nodes: string[] }
  | {
      verb: 'drain';
      nodes: string[];
      ignoreDaemonsets: boolean;
      deleteEmptydirData: boolean;
      force: boolean;
    }
  | { verb: 'label' | 'annotate'; scope: Scope; target: Target; changes: KeyChange[]; overwrite: boolean }
  | { verb: 'taint'; nodes: string[]; add: TaintSpec[]; remove: TaintSpec[]; overwrite: boolean }
  | { verb: 'top'; scope: Scope; what: 'Pod' | 'Node' }
  | { verb: 'version'; client: boolean }
  | {
      verb: 'create-deployment';
      scope: Scope;
      name: string;
      images: string[];
      replicas: number;
      port?: number;
    }
  | { verb: 'create-namespace'; name: string }
  | { verb: 'run'; scope: Scope; name: string; image: string; port?: number; labels?: Record<string, string> }
  | {
      verb: 'expose';
      scope: Scope;
      target: Target;
      port?: number;
      targetPort?: string;
      type?: string;
      serviceName?: string;
    }
  | { verb: 'node-fault'; action: 'fail' | 'recover' | 'add'; name: string; cpu?: string; memory?: string }
  | { verb: 'pod-break'; scope: Scope; pod: string; mode: BreakMode }
  | { verb: 'traffic'; scope: Scope; kind: 'Ingress' | 'Service'; name: string; rps: number };
