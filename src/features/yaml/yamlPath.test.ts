import { describe, expect, it } from 'vitest';
import { cursorContext } from './yamlPath';

const doc = `apiVersion: v1
kind: Service
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx
        resources:
          lim`.split('\n');

describe('the cursor context of the YAML editor', () => {
  it.each([
    [6, { apiVersion: 'apps/v1', kind: 'Deployment', path: ['metadata'] }],
    [12, { apiVersion: 'apps/v1', kind: 'Deployment', path: ['spec', 'template', 'spec', 'containers'] }],
    [
      14,
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        path: ['spec', 'template', 'spec', 'containers', 'resources'],
      },
    ],
    [1, { apiVersion: 'v1', kind: 'Service', path: [] }],
  ])('line %i is inside the right document and field', (line, expected) => {
    expect(cursorContext(doc, line)).toEqual(expected);
  });
});
