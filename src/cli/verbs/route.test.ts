import { describe, expect, it } from 'vitest';
import { main } from '../main';
import { captureIo } from '../testing';

const MANIFEST = `apiVersion: v1
kind: Node
metadata:
  name: node-1
status:
  capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  allocatable: {cpu: "4", memory: 8Gi, pods: "110"}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: web, image: "web:1.0", ports: [{containerPort: 8080}]}]
---
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
---
apiVersion: v1
kind: Service
metadata:
  name: empty
spec:
  selector: {app: nothing}
  ports: [{port: 80}]
`;

describe('route verb', () => {
  it("names the Service and the two ready endpoints a pod's request to web can reach, in words", async () => {
    const io = captureIo({ 'app.yaml': MANIFEST });
    const args = ['route', 'app.yaml', 'http://web/', '--from', 'pod/web', '--output', 'text'];
    expect(await main(args, io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(
      /service: {3}default\/web port 80\n {2}endpoints: 10\.244\.\S+:8080, 10\.244\./,
    );
  });

  it('prints JSON by default once the cluster has settled: service, port, endpoints as ip:port', async () => {
    const io = captureIo({ 'app.yaml': MANIFEST });
    expect(await main(['route', 'app.yaml', 'http://web/', '--from', 'pod/web'], io)).toBe(0);
    const out = JSON.parse(io.stdout.join('')) as { service: string; port: number; endpoints: string[] };
    expect(out).toMatchObject({ service: 'web', port: 80 });
    expect(out.endpoints).toHaveLength(2);
    expect(out.endpoints.every((e) => /^10\.244\.\d+\.\d+:8080$/.test(e))).toBe(true);
  });

  it('answers 503 for a Service without ready endpoints, and exits 1', async () => {
    const io = captureIo({ 'app.yaml': MANIFEST });
    expect(await main(['route', 'app.yaml', 'http://empty/', '--from', 'pod/web'], io)).toBe(1);
    expect(JSON.parse(io.stdout.join(''))).toEqual({ status: 503, service: 'empty', namespace: 'default' });
  });

  it('says when the calling pod does not exist, in kubectl words', async () => {
    const io = captureIo({ 'app.yaml': MANIFEST });
    expect(await main(['route', 'app.yaml', 'http://web/', '--from', 'pod/ghost'], io)).toBe(1);
    expect(io.stderr).toEqual(['Error from server (NotFound): pods "ghost" not found']);
  });
});
