import { describe, expect, it } from 'vitest';
import { formatEndpointSlices } from './describeService';

const slice = (ports: Array<[string, number]>, ...eps: Array<[string, boolean?]>) => ({
  ports: ports.map(([name, port]) => ({ name, port })),
  endpoints: eps.map(([ip, ready]) => ({
    addresses: [ip],
    conditions: ready === undefined ? {} : { ready },
  })),
});

// formatEndpointSlices of staging/src/k8s.io/kubectl/pkg/describe/describe.go.
describe('the Endpoints line of kubectl describe service (formatEndpointSlices)', () => {
  it.each([
    ['no slices', [], '', '<none>'],
    ['a slice without ready endpoints', [slice([['', 80]], ['10.0.0.1', false])], '', ''],
    [
      'ip:port of the port named',
      [
        slice(
          [
            ['http', 80],
            ['metrics', 9090],
          ],
          ['10.0.0.1'],
        ),
      ],
      'metrics',
      '10.0.0.1:9090',
    ],
    [
      'a nil ready condition counts as ready',
      [slice([['', 80]], ['10.0.0.1'], ['10.0.0.2', true])],
      '',
      '10.0.0.1:80,10.0.0.2:80',
    ],
    [
      'three, then + N more...',
      [
        slice([['', 80]], ['10.0.0.1'], ['10.0.0.2'], ['10.0.0.3']),
        slice([['', 80]], ['10.0.0.4'], ['10.0.0.5']),
      ],
      '',
      '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    ],
    [
      'addresses alone for a headless Service without ports',
      [slice([], ['10.0.0.1'], ['10.0.0.2'])],
      '',
      '10.0.0.1,10.0.0.2',
    ],
  ])('%s', (_name, slices, port, want) => {
    expect(formatEndpointSlices(slices, port)).toBe(want);
  });
});
