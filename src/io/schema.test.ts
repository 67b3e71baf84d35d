import { describe, expect, it } from 'vitest';
import { fieldsAt, loadSchema, valuesAt } from './schema';

describe('the schema', () => {
  it('states the Kubernetes version it was generated from', async () => {
    expect((await loadSchema()).kubernetesVersion).toMatch(/^1\.\d+$/);
  });

  it.each([
    [['spec'], 'replicas'],
    [['spec', 'template', 'spec', 'containers'], 'image'],
    [['spec', 'template', 'spec', 'containers', 'resources'], 'limits'],
  ])('lists the fields a Deployment allows at %j (completion)', async (path, field) => {
    expect(fieldsAt(await loadSchema(), 'apps/v1', 'Deployment', path)).toContain(field);
  });

  it('lists nothing for an unknown kind', async () => {
    expect(fieldsAt(await loadSchema(), 'example.com/v1', 'Widget', [])).toEqual([]);
  });

  it.each([
    [
      ['spec', 'template', 'spec', 'containers', 'imagePullPolicy'],
      ['Always', 'IfNotPresent', 'Never'],
    ],
    [
      ['spec', 'strategy', 'type'],
      ['Recreate', 'RollingUpdate'],
    ],
    [['spec', 'template', 'spec', 'containers', 'image'], []],
  ])('lists the supported values of a Deployment field at %j (completion)', async (path, values) => {
    expect(valuesAt(await loadSchema(), 'apps/v1', 'Deployment', path)).toEqual(values);
  });
});
