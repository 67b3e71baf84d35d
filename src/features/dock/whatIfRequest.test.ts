import { describe, expect, it, vi } from 'vitest';
import { sessionStore } from '../../store';
import { onWhatIfRequest, openWhatIf } from './whatIfRequest';

describe('what-if requests', () => {
  it('open the dock, reach each listener with a growing number, and stop after unsubscribing', () => {
    sessionStore.setState({ panels: { inspector: true, dock: false } });
    const l = vi.fn();
    const stop = onWhatIfRequest(l);
    openWhatIf('Deployment/default/web');
    openWhatIf('Deployment/default/web');
    expect(sessionStore.getState().panels.dock).toBe(true);
    expect(l.mock.calls.map(([r]) => r.workload)).toEqual([
      'Deployment/default/web',
      'Deployment/default/web',
    ]);
    const [a, b] = l.mock.calls.map(([r]) => r.n as number);
    expect(b).toBe((a ?? 0) + 1);
    stop();
    openWhatIf('Deployment/default/api');
    expect(l).toHaveBeenCalledTimes(2);
  });

  it('hands a request made while nobody listens to the next listener, once', () => {
    openWhatIf('Deployment/default/late');
    const first = vi.fn();
    const stop = onWhatIfRequest(first);
    expect(first.mock.calls.map(([r]) => r.workload)).toEqual(['Deployment/default/late']);
    stop();
    const second = vi.fn();
    onWhatIfRequest(second)();
    expect(second).not.toHaveBeenCalled();
  });
});
