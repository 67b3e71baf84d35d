import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine';
import { cardSummary, servicePorts } from './cardSummary';

const svc = (spec: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'test', namespace: 'default' },
  spec,
});

// The PORT(S) column of TestPrintService in kubernetes/kubernetes
// pkg/printers/internalversion/printers_test.go, and the shapes kubectl get svc prints for several ports.
describe('servicePorts, kubectl get svc PORT(S)', () => {
  it('writes port/protocol, and port:nodePort/protocol where a node port is allocated', () => {
    expect(servicePorts([{ port: 2233, protocol: 'tcp' }])).toBe('2233/tcp');
    expect(servicePorts([{ port: 8888, nodePort: 9999, protocol: 'tcp' }])).toBe('8888:9999/tcp');
  });

  it('joins several ports with commas, without spaces, and says <none> for none', () => {
    expect(
      servicePorts([
        { port: 53, protocol: 'UDP' },
        { port: 53, protocol: 'TCP' },
        { port: 9153, protocol: 'TCP' },
      ]),
    ).toBe('53/UDP,53/TCP,9153/TCP');
    expect(
      servicePorts([
        { port: 80, nodePort: 30080 },
        { port: 443, nodePort: 30443 },
      ]),
    ).toBe('80:30080/TCP,443:30443/TCP');
    expect(servicePorts([])).toBe('<none>');
    expect(servicePorts(undefined)).toBe('<none>');
  });
});

describe('a Service card', () => {
  it('says TYPE and CLUSTER-IP on its status line and PORT(S) on a line of its own', () => {
    expect(
      cardSummary(svc({ clusterIP: '10.9.8.7', clusterIPs: ['10.9.8.7'], ports: [{ port: 2233 }] })),
    ).toEqual({ status: 'ClusterIP', detail: '10.9.8.7', more: '2233/TCP' });
    expect(
      cardSummary(
        svc({
          type: 'NodePort',
          clusterIP: '10.9.8.7',
          ports: [{ port: 8888, nodePort: 9999, protocol: 'TCP' }],
        }),
      ),
    ).toEqual({ status: 'NodePort', detail: '10.9.8.7', more: '8888:9999/TCP' });
    expect(cardSummary(svc({ clusterIP: 'None', ports: [{ port: 5432 }] }))).toEqual({
      status: 'ClusterIP',
      detail: 'None',
      more: '5432/TCP',
    });
  });

  it('shows a LoadBalancer’s EXTERNAL-IP where others have their cluster IP, <pending> until it has one', () => {
    const lb = (status?: Record<string, unknown>, externalIPs?: string[]): KubeObject => ({
      ...svc({
        type: 'LoadBalancer',
        clusterIP: '10.96.0.12',
        ports: [{ port: 80, nodePort: 31234 }],
        externalIPs,
      }),
      ...(status ? { status } : {}),
    });
    expect(cardSummary(lb())).toEqual({
      status: 'LoadBalancer',
      detail: '<pending>',
      more: '80:31234/TCP',
    });
    expect(cardSummary(lb({ loadBalancer: { ingress: [{ ip: '203.0.113.10' }] } })).detail).toBe(
      '203.0.113.10',
    );
    expect(
      cardSummary(lb({ loadBalancer: { ingress: [{ hostname: 'lb.example.com' }] } }, ['198.51.100.7']))
        .detail,
    ).toBe('lb.example.com,198.51.100.7');
  });

  it('shows an ExternalName Service’s name where others have their cluster IP', () => {
    expect(cardSummary(svc({ type: 'ExternalName', externalName: 'my.database.example.com' }))).toEqual({
      status: 'ExternalName',
      detail: 'my.database.example.com',
      more: '<none>',
    });
  });
});
