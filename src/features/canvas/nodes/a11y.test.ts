import type { Edge, Node } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import {
  cardLabel,
  describeEdge,
  describeNode,
  labelIdOf,
  OVERVIEW_CURRENT_ID,
  OVERVIEW_KEYS_ID,
  podLabel,
} from './a11y';

const edge = (id: string, source: string, target: string, data?: Record<string, unknown>): Edge => ({
  id,
  source,
  target,
  ...(data ? { data } : {}),
});

describe('what a screen reader says for the canvas', () => {
  it('names a link by what it means, and says its kind instead of "edge"', () => {
    const pod = 'Pod/default/web-7d4-abcde';
    const cases: Array<[Edge, string, string]> = [
      [
        edge(`own|Deployment/default/web|${pod}`, 'Deployment/default/web', pod),
        'Deployment web owns Pod web-7d4-abcde through its ReplicaSet',
        'owner reference',
      ],
      [
        edge('own|StatefulSet/db/pg|Pod/db/pg-0', 'StatefulSet/db/pg', 'Pod/db/pg-0'),
        'StatefulSet pg in db owns Pod pg-0 in db',
        'owner reference',
      ],
      [
        edge(`svc|Service/default/web|${pod}`, 'Service/default/web', pod, { ready: true }),
        'Service web selects Pod web-7d4-abcde',
        'Service selector',
      ],
      [
        edge(`svc|Service/default/web|${pod}`, 'Service/default/web', pod, { ready: false }),
        'Service web selects Pod web-7d4-abcde, not ready: no requests sent to it',
        'Service selector',
      ],
      [
        edge(
          'pvc|Pod/default/m-0|PersistentVolumeClaim/default/data-m-0',
          'Pod/default/m-0',
          'PersistentVolumeClaim/default/data-m-0',
        ),
        'Pod m-0 uses PersistentVolumeClaim data-m-0',
        'volume claim',
      ],
      [
        edge('ing|Ingress/default/shop|Service/default/web', 'Ingress/default/shop', 'Service/default/web'),
        'Ingress shop routes to Service web',
        'Ingress backend',
      ],
      [
        edge(
          'src|TrafficSource/default/service-web',
          'TrafficSource/default/service-web',
          'Service/default/web',
        ),
        'Clients send requests to Service web',
        'requests',
      ],
    ];
    for (const [e, name, role] of cases) {
      describeEdge(e);
      expect(e.ariaLabel).toBe(name);
      expect(e.domAttributes?.['aria-roledescription']).toBe(role);
    }
  });

  it('gives an object its kind as role description and its card as its name, keeping its description', () => {
    const card: Node = {
      id: 'Service/default/web',
      type: 'card',
      position: { x: 0, y: 0 },
      data: { kind: 'Service' },
      domAttributes: { 'aria-describedby': 'kc-keys-connect' },
    };
    describeNode(card);
    expect(card.domAttributes).toEqual({
      'aria-roledescription': 'Service',
      'aria-labelledby': labelIdOf('Service/default/web'),
      'aria-describedby': 'kc-keys-connect',
    });
    const vm: Node = { id: 'Node//node-1', type: 'vm', position: { x: 0, y: 0 }, data: {} };
    describeNode(vm);
    expect(vm.domAttributes?.['aria-roledescription']).toBe('Node');
    // The same attributes object for the same object, layout after layout.
    const again: Node = { id: vm.id, type: 'vm', position: { x: 0, y: 0 }, data: {} };
    describeNode(again);
    expect(again.domAttributes).toBe(vm.domAttributes);
    const area: Node = { id: 'area:unscheduled', type: 'unscheduled', position: { x: 0, y: 0 }, data: {} };
    describeNode(area);
    expect(area.domAttributes?.['aria-roledescription']).toBeUndefined();
    // The overview of cards is named by its current card and described by its keys.
    const overview: Node = { id: 'area:overview', type: 'overview', position: { x: 0, y: 0 }, data: {} };
    describeNode(overview);
    expect(overview.domAttributes).toMatchObject({
      'aria-roledescription': 'overview of cards',
      'aria-labelledby': OVERVIEW_CURRENT_ID,
      'aria-describedby': OVERVIEW_KEYS_ID,
    });
  });

  it('says a pod as kubectl get pods -o wide shows it, and a card as its status line', () => {
    const running = { state: 'Ready', status: 'Running', ready: true, restarts: 0 };
    expect(podLabel('web-1', 'default', 'node-1', running)).toBe('Pod web-1, Running, ready, on node-1');
    const crashing = { state: 'CrashLoopBackOff', status: 'CrashLoopBackOff', ready: false, restarts: 3 };
    expect(podLabel('web-2', 'shop', 'node-2', crashing)).toBe(
      'Pod web-2 in shop, CrashLoopBackOff, not ready, 3 restarts, on node-2',
    );
    const pending = { state: 'Pending', status: 'Pending', ready: false, restarts: 0 };
    expect(podLabel('web-3', undefined, '', pending)).toBe('Pod web-3, Pending, not scheduled');
    expect(cardLabel('Service', 'web', 'default', 'ClusterIP', '10.96.0.12 · 80/TCP', false)).toBe(
      'Service web, ClusterIP, 10.96.0.12, 80/TCP',
    );
    expect(cardLabel('Deployment', 'web', 'default', '2/3 ready', 'web:1.0', true)).toBe(
      'Deployment web, 2/3 ready, web:1.0, being deleted',
    );
  });
});
