import { describe, expect, it } from 'vitest';
import { parseDuration } from '../../engine';
import { followKind, followTimeoutMs, newOutput, waitState } from './follow';

describe('following a waiting command', () => {
  it('prints a rollout status message when it changes', () => {
    const a = 'Waiting for deployment "web" rollout to finish: 1 of 3 updated replicas are available...';
    const b = 'Waiting for deployment "web" rollout to finish: 2 of 3 updated replicas are available...';
    expect(newOutput('status', a, a)).toBe('');
    expect(newOutput('status', a, b)).toBe(b);
    expect(newOutput('status', `${a}\n${b}`, b)).toBe('');
  });

  it('prints only the new lines of a log, with or without --tail', () => {
    expect(newOutput('stream', 'Found 2 pods\nl1\nl2', 'Found 2 pods\nl1\nl2\nl3\nl4')).toBe('l3\nl4');
    expect(newOutput('stream', 'l1\nl2\nl3', 'l2\nl3\nl4')).toBe('l4');
    expect(newOutput('stream', 'l1', 'l7\nl8')).toBe('l7\nl8');
    expect(newOutput('stream', '', 'l1')).toBe('l1');
  });

  it('knows logs from rollout status', () => {
    expect(followKind('kubectl logs -f web-1')).toBe('stream');
    expect(followKind('kubectl rollout status deploy/web')).toBe('status');
  });
});

describe('rollout status --timeout', () => {
  it('reads the wait in simulated time; zero or none waits until done', () => {
    expect(followTimeoutMs('kubectl rollout status deploy/web --timeout=90s', parseDuration)).toBe(90_000);
    expect(followTimeoutMs('kubectl rollout status deploy/web --timeout 2m', parseDuration)).toBe(120_000);
    expect(followTimeoutMs('kubectl rollout status deploy/web --timeout=0s', parseDuration)).toBeUndefined();
    expect(followTimeoutMs('kubectl rollout status deploy/web', parseDuration)).toBeUndefined();
    expect(followTimeoutMs('kubectl logs -f web-1', parseDuration)).toBeUndefined();
  });
});

describe('a line waiting for something to appear (logs of a workload without pods)', () => {
  const waiting = {
    ok: false,
    output: 'error: timed out waiting for the condition',
    pending: true,
    waitMs: 20_000,
  };
  it('prints nothing while it waits, the timeout error once its wait is over, and any other answer as it is', () => {
    expect(waitState(waiting, 0)).toBe('waiting');
    expect(waitState(waiting, 19_999)).toBe('waiting');
    expect(waitState(waiting, 20_000)).toBe('timed-out');
    expect(waitState({ ok: true, output: 'l1', pending: true }, 60_000)).toBe('answered');
    expect(waitState({ ok: false, output: 'Error from server (BadRequest): ...' }, 5000)).toBe('answered');
  });
});
