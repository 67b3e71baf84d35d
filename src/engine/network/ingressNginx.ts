/**
 * A minimal ingress-nginx installation as its deploy manifest lays it out (namespace `ingress-nginx`,
 * IngressClass `nginx` with controller `k8s.io/ingress-nginx`, a controller Deployment started with
 * `--controller-class` and `--publish-service`, and its LoadBalancer Service), for demos and tests: the
 * ingress controller is itself pods behind a LoadBalancer Service. Its simulated behaviour is a fast
 * proxy (1 ms, 5,000 requests per second per replica).
 */
import type { Deployment, IngressClass, KubeObject, Namespace, Service } from '../api/types';
import { BEHAVIOR_ANNOTATION } from '../behavior';
import { DEFAULT_CLASS_ANNOTATION } from './ingressControllers';

/** The objects of the installation, in apply order. */
export function ingressNginxObjects(replicas = 1): KubeObject[] {
  const ns = 'ingress-nginx';
  const labels = { 'app.kubernetes.io/name': 'ingress-nginx', 'app.kubernetes.io/component': 'controller' };
  const namespace: Namespace & KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } };
  const ingressClass: IngressClass & KubeObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: { name: 'nginx', annotations: { [DEFAULT_CLASS_ANNOTATION]: 'true' } },
    spec: { controller: 'k8s.io/ingress-nginx' },
  };
  const deployment: Deployment & KubeObject = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'ingress-nginx-controller', namespace: ns, labels },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: {
          labels,
          annotations: {
            [BEHAVIOR_ANNOTATION]: JSON.stringify({
              startupSeconds: 1,
              capacityRps: 5000,
              latencyMs: 1,
              cpuMilliPerRps: 0.2,
            }),
          },
        },
        spec: {
          containers: [
            {
              name: 'controller',
              image: 'registry.k8s.io/ingress-nginx/controller:v1.11.2',
              args: [
                '/nginx-ingress-controller',
                '--publish-service=$(POD_NAMESPACE)/ingress-nginx-controller',
                '--election-id=ingress-nginx-leader',
                '--controller-class=k8s.io/ingress-nginx',
                '--ingress-class=nginx',
              ],
              ports: [
                { name: 'http', containerPort: 80, protocol: 'TCP' },
                { name: 'https', containerPort: 443, protocol: 'TCP' },
              ],
              readinessProbe: { httpGet: { path: '/healthz', port: 10254 }, periodSeconds: 10 },
              resources: { requests: { cpu: '100m', memory: '90Mi' } },
            },
          ],
        },
      },
    },
  };
  const service: Service & KubeObject = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'ingress-nginx-controller', namespace: ns, labels },
    spec: {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Local',
      selector: labels,
      ports: [
        { name: 'http', port: 80, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' },
        { name: 'https', port: 443, targetPort: 'https', protocol: 'TCP', appProtocol: 'https' },
      ],
    },
  };
  return [namespace, ingressClass, deployment, service];
}
