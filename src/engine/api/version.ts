/**
 * The one Kubernetes version of the simulated cluster: what its kubelets report (node.status.nodeInfo),
 * `kubectl version` prints for client and server, and `kubectl describe node` shows. It matches the schema
 * the io layer validates against (Kubernetes 1.36 OpenAPI), so what validates is what the cluster runs.
 */
export const KUBERNETES_VERSION = 'v1.36.0';
