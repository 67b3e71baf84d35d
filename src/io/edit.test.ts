import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../engine';
import { planEdit } from './edit';

const cm = (name: string, value: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default' },
  data: { value },
});

describe('planning an editor edit', () => {
  it('applies new and changed objects, removes deleted ones and leaves unchanged ones alone', () => {
    const plan = planEdit(
      [cm('a', '1'), cm('b', '1'), cm('c', '1')],
      [cm('a', '1'), cm('b', '2'), cm('d', '1')],
    );
    expect(plan.apply.map((o) => o.metadata.name)).toEqual(['b', 'd']);
    expect(plan.remove.map((o) => o.metadata.name)).toEqual(['c']);
  });
});
