// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useThrottled } from './useThrottled';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let wall = 0;
const clock = (): number => wall;
const seen: number[] = [];

function Probe({ value }: { value: number }) {
  const shown = useThrottled(value, 250, clock);
  seen.push(shown);
  return null;
}

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
  vi.useRealTimers();
});

describe('useThrottled', () => {
  it('shows the first value at once, holds later ones for the interval, and delivers the last one', () => {
    vi.useFakeTimers();
    root = createRoot(document.createElement('div'));
    const show = (value: number) => act(() => root?.render(<Probe value={value} />));
    show(1);
    expect(seen.at(-1)).toBe(1);
    wall = 100;
    show(2);
    show(3);
    expect(seen.at(-1)).toBe(1);
    wall = 250;
    act(() => vi.advanceTimersByTime(150));
    expect(seen.at(-1)).toBe(3);
    expect(seen).not.toContain(2);
  });
});
