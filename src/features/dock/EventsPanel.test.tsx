// @vitest-environment jsdom
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDesign, objectKeys, scaleCluster, stepBy } from '../../store';
import { EventsPanel, MAX_ROWS } from './EventsPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | undefined;
afterEach(() => {
  act(() => root?.unmount());
});

describe('EventsPanel', () => {
  it('draws only the newest rows of a big cluster and says how many match', () => {
    // 20 nodes and 300 bare pods: each pod is Scheduled, Pulling, Pulled, Created, Started.
    loadDesign(scaleCluster(20, 300), { seed: 1 });
    stepBy(60_000);
    const events = objectKeys('Event').length;
    expect(events).toBeGreaterThan(MAX_ROWS);
    const host = document.createElement('div');
    root = createRoot(host);
    act(() => root?.render(<EventsPanel />));
    // The table holds the header row and the newest rows; only those in view are in the document.
    const table = host.querySelector('[role="table"]');
    expect(table?.getAttribute('aria-rowcount')).toBe(String(MAX_ROWS + 1));
    const drawn = host.querySelectorAll('[role="row"]');
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(60);
    expect(host.textContent).toContain(`newest ${MAX_ROWS} of `);
  });
});
