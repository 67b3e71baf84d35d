import { describe, expect, it } from 'vitest';
import {
  BEHAVIOR_ANNOTATION,
  DEFAULT_BEHAVIOR,
  containerBehavior,
  formatBehavior,
  parseBehavior,
} from './behavior';

describe('simulated application behaviour', () => {
  it('gives the defaults when the annotation is absent', () => {
    expect(parseBehavior(undefined)).toEqual({ defaults: DEFAULT_BEHAVIOR, containers: {}, problems: [] });
  });

  it('applies pod-wide values and then per-container overrides', () => {
    const annotations = {
      [BEHAVIOR_ANNOTATION]: '{"startupSeconds": 20, "containers": {"web": {"healthy": false}}}',
    };
    expect(containerBehavior(annotations, 'web')).toMatchObject({ startupSeconds: 20, healthy: false });
    expect(containerBehavior(annotations, 'sidecar')).toMatchObject({ startupSeconds: 20, healthy: true });
  });

  it('reports wrong types and unknown fields without throwing, and keeps the defaults for them', () => {
    const parsed = parseBehavior('{"startupSeconds": "soon", "healthy": 1, "colour": "red"}');
    expect(parsed.defaults.startupSeconds).toBe(DEFAULT_BEHAVIOR.startupSeconds);
    expect(parsed.problems).toEqual([
      'behavior.startupSeconds: expected a non-negative number',
      'behavior.healthy: expected true or false',
      'behavior: unknown field "colour"',
    ]);
  });

  it('reports text that is not JSON', () => {
    expect(parseBehavior('{oops').problems).toEqual(['behavior: not valid JSON']);
  });

  it('writes back only what differs from the defaults, and reads back the same behaviour', () => {
    const parsed = parseBehavior('{"latencyMs": 80, "containers": {"web": {"crashAfterSeconds": 0}}}');
    const text = formatBehavior(parsed);
    expect(text).toBe('{"latencyMs":80,"containers":{"web":{"crashAfterSeconds":0}}}');
    expect(parseBehavior(text)).toEqual(parsed);
  });
});
