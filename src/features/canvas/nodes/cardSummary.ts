/** The one-line status of a card, as `kubectl get` would summarise the object. */
import type {
  CronJob,
  DaemonSet,
  Deployment,
  Ingress,
  Job,
  KubeObject,
  PersistentVolumeClaim,
  Service,
  StatefulSet,
} from '../../../engine';

/** Short kind label drawn in the card's icon (kubectl's short names). */
export const KIND_ICON: Record<string, { text: string; color: string }> = {
  Deployment: { text: 'deploy', color: '#326ce5' },
  ReplicaSet: { text: 'rs', color: '#326ce5' },
  StatefulSet: { text: 'sts', color: '#7c5cdb' },
  DaemonSet: { text: 'ds', color: '#0d7f74' },
  Job: { text: 'job', color: '#8f5a12' },
  CronJob: { text: 'cj', color: '#8f5a12' },
  Service: { text: 'svc', color: '#047857' },
  Ingress: { text: 'ing', color: '#c05621' },
  PersistentVolumeClaim: { text: 'pvc', color: '#6b7280' },
  ConfigMap: { text: 'cm', color: '#6b7280' },
  NodeGroup: { text: 'ng', color: '#326ce5' },
};

function image(spec: { template?: { spec?: { containers?: Array<{ image?: string }> } } } | undefined) {
  return spec?.template?.spec?.containers?.[0]?.image ?? '';
}

/**
 * A Service's ports as kubectl get's PORT(S) column writes them: `port/protocol`, `port:nodePort/protocol`
 * where a node port is allocated (NodePort and LoadBalancer Services), joined by commas, `<none>` for
 * none (makePortString and printService in kubernetes/kubernetes pkg/printers/internalversion/printers.go).
 */
export function servicePorts(
  ports: ReadonlyArray<{ port: number; nodePort?: number; protocol?: string }> | undefined,
): string {
  const s = (ports ?? [])
    .map((p) => {
      const protocol = p.protocol ?? 'TCP';
      return p.nodePort && p.nodePort > 0 ? `${p.port}:${p.nodePort}/${protocol}` : `${p.port}/${protocol}`;
    })
    .join(',');
  return s || '<none>';
}

/**
 * Status words and a detail line for a card; `more`, a third line some kinds have (a Service's ports,
 * which do not fit beside its type and cluster IP).
 */
export function cardSummary(obj: KubeObject): { status: string; detail: string; more?: string } {
  switch (obj.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const o = obj as (Deployment | StatefulSet) & KubeObject;
      const want = o.spec?.replicas ?? 1;
      return { status: `${o.status?.readyReplicas ?? 0}/${want} ready`, detail: image(o.spec) };
    }
    case 'DaemonSet': {
      const o = obj as DaemonSet & KubeObject;
      return {
        status: `${o.status?.numberReady ?? 0}/${o.status?.desiredNumberScheduled ?? 0} ready`,
        detail: image(o.spec),
      };
    }
    case 'Job': {
      const o = obj as Job & KubeObject;
      return {
        status: `${o.status?.succeeded ?? 0}/${o.spec?.completions ?? 1} complete`,
        detail: image(o.spec),
      };
    }
    case 'CronJob': {
      const o = obj as CronJob & KubeObject;
      return { status: o.spec?.schedule ?? '', detail: `${o.status?.active?.length ?? 0} active` };
    }
    case 'Service': {
      // kubectl get svc's TYPE and CLUSTER-IP, then PORT(S); an ExternalName Service has no cluster IP
      // (kubectl prints <none>), so its card shows the name kubectl prints under EXTERNAL-IP; so does a
      // LoadBalancer's, the address it is reached at from outside (its cluster IP, which would not fit
      // beside it, is in the inspector): printers.go getServiceExternalIP, the load balancer's addresses
      // then spec.externalIPs, `<pending>` until it has one.
      const o = obj as Service & KubeObject;
      const type = o.spec?.type ?? 'ClusterIP';
      const ip =
        type === 'ExternalName'
          ? (o.spec?.externalName ?? '')
          : (o.spec?.clusterIPs?.[0] ?? o.spec?.clusterIP ?? '');
      if (type === 'LoadBalancer') {
        const lb = (o.status?.loadBalancer?.ingress ?? [])
          .map((i) => i.ip || i.hostname || '')
          .filter(Boolean);
        const external = [...lb, ...(o.spec?.externalIPs ?? [])].join(',') || '<pending>';
        return { status: type, detail: external, more: servicePorts(o.spec?.ports) };
      }
      return { status: type, detail: ip, more: servicePorts(o.spec?.ports) };
    }
    case 'Ingress': {
      const o = obj as Ingress & KubeObject;
      const rule = o.spec?.rules?.[0];
      const path = rule?.http?.paths?.[0]?.path ?? '/';
      return { status: rule?.host ?? '*', detail: path };
    }
    case 'PersistentVolumeClaim': {
      const o = obj as PersistentVolumeClaim & KubeObject;
      return {
        status: o.status?.phase ?? 'Pending',
        detail:
          `${o.spec?.resources?.requests?.['storage'] ?? ''} ${o.spec?.accessModes?.join(',') ?? ''}`.trim(),
      };
    }
    case 'ConfigMap': {
      const n = Object.keys((obj['data'] as Record<string, string> | undefined) ?? {}).length;
      return { status: `${n} key${n === 1 ? '' : 's'}`, detail: '' };
    }
    case 'NodeGroup': {
      // The autoscaler's node group (kubecanvas.dev/v1alpha1): its size now, its bounds, nodes booting.
      const spec = (obj.spec ?? {}) as { minSize?: number; maxSize?: number; serverless?: boolean };
      const status = (obj.status ?? {}) as { readyNodes?: number; upcomingNodes?: unknown[] };
      const booting = status.upcomingNodes?.length ?? 0;
      return {
        status: `${status.readyNodes ?? 0} node${status.readyNodes === 1 ? '' : 's'}${booting ? `, ${booting} booting` : ''}`,
        detail: spec.serverless
          ? 'serverless: one VM per pod'
          : `autoscaled ${spec.minSize ?? 0}–${spec.maxSize ?? 10}`,
      };
    }
    default:
      return { status: '', detail: '' };
  }
}
