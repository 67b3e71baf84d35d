// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  exampleCluster,
  failNodeAction,
  getSimulation,
  loadDesign,
  sessionStore,
  startStore,
  stepBy,
} from '../../store';
import { TimelineBar } from './TimelineBar';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
beforeEach(() => {
  startStore({ search: '?demo=web' });
  act(() => loadDesign(exampleCluster(), { seed: 25 }));
});
afterEach(() => {
  act(() => root?.unmount());
  document.body.innerHTML = '';
});

function render(): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<TimelineBar />));
  return host;
}

const text = (el: HTMLElement, label: string) => el.querySelector(`[aria-label="${label}"]`)?.textContent;
const now = () => getSimulation().now;

describe('TimelineBar', () => {
  it('shows the clock and the end, markers with names, and goes just before a marker when it is clicked', () => {
    act(() => stepBy(20_000));
    act(() => failNodeAction('node-2'));
    act(() => stepBy(400_000));
    const bar = render();
    expect(text(bar, 'Simulated time')).toBe('0:07:00.0');
    expect(text(bar, 'Recorded until')).toBe('0:07:00.0');
    const markers = [...bar.querySelectorAll('[data-marker]')].map((m) => m.getAttribute('aria-label'));
    expect(markers[0]).toBe('Node node-2 failed at 0:00:20.0');
    expect(markers.some((m) => /^Node node-2 NotReady at 0:0[01]:\d\d\.\d$/.test(m ?? ''))).toBe(true);
    expect(markers.join('; ')).toMatch(/Pod web-\S+ evicted from its unreachable node at 0:06:/);

    const failed = bar.querySelector<HTMLButtonElement>('[data-marker="node-failed"]')!;
    act(() => failed.click());
    expect(now()).toBe(19_999);
    expect(sessionStore.getState().playing).toBe(false);
    expect(getSimulation().store.get('Node', undefined, 'node-2')?.metadata.annotations).toBeUndefined();
    expect(text(bar, 'Simulated time')).toBe('0:00:19.9');
    expect(text(bar, 'Recorded until')).toBe('0:07:00.0');
    expect(bar.textContent).toContain('rewound');
  });

  it('steps with the buttons and the . and , keys, and the scrubber moves with the arrow keys', () => {
    act(() => stepBy(10_000));
    const bar = render();
    const button = (name: string) => bar.querySelector<HTMLButtonElement>(`button[aria-label="${name}"]`)!;
    act(() => button('Step').click());
    expect(now()).toBe(11_000);
    expect(button('Play')).not.toBeNull();
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: '.' }));
    });
    expect(now()).toBe(12_000);
    act(() => {
      window.dispatchEvent(new KeyboardEvent('keydown', { key: ',' }));
    });
    expect(now()).toBe(11_000);
    act(() => button('Step back').click());
    expect(now()).toBe(10_000);
    const slider = bar.querySelector<HTMLInputElement>('input[aria-label="Timeline"]')!;
    expect(slider.max).toBe('12000');
    act(() => {
      slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowLeft', bubbles: true }));
    });
    expect(now()).toBe(9_000);
    act(() => {
      slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }));
    });
    expect(now()).toBe(12_000);
  });

  it('offers the speeds from 0.25x to 100x, one pressed', () => {
    const bar = render();
    const speeds = [...bar.querySelectorAll<HTMLButtonElement>('[aria-label="Speed"] button')];
    expect(speeds.map((b) => b.textContent)).toEqual([
      '0.25×',
      '0.5×',
      '1×',
      '2×',
      '5×',
      '10×',
      '25×',
      '50×',
      '100×',
    ]);
    act(() => speeds[0]!.click());
    expect(sessionStore.getState().speed).toBe(0.25);
    expect(speeds[0]!.getAttribute('aria-pressed')).toBe('true');
    act(() => speeds[8]!.click());
    expect(sessionStore.getState().speed).toBe(100);
  });
});
