import { describe, expect, it } from 'vitest';
import type { EventRow } from '../inspector';
import { filterEvents, newestOfType, type EventFilter, type EventTypeFilter } from './eventFilter';

function row(
  key: string,
  lastMs: number,
  type: string,
  reason: string,
  object: string,
  message: string,
): EventRow {
  return { key, lastSeen: '', lastMs, type, reason, object, objectKey: '', message, count: 1 };
}

const rows = [
  row('e3', 3000, 'Warning', 'FailedScheduling', 'pod/web-3', '0/3 nodes are available: 3 Insufficient cpu.'),
  row('e1', 1000, 'Normal', 'Scheduled', 'pod/web-1', 'Successfully assigned default/web-1 to node-1'),
  row('e2', 1000, 'Normal', 'Pulled', 'pod/web-1', 'Container image "web:1.0" already present on machine'),
];

describe('filterEvents', () => {
  it.each<[string, EventFilter, string[]]>([
    ['Everything, oldest first, ties by name', { text: '', type: 'All' }, ['e1', 'e2', 'e3']],
    ['Warnings only', { text: '', type: 'Warning' }, ['e3']],
    ['Text in any column, case-insensitive', { text: 'WEB-1', type: 'All' }, ['e1', 'e2']],
    ['Several words must all appear', { text: 'web-1 node-1', type: 'All' }, ['e1']],
    ['Text and type together', { text: 'web-1', type: 'Warning' }, []],
  ])('%s', (_name, f, keys) => {
    expect(filterEvents(rows, f).map((r) => r.key)).toEqual(keys);
  });

  it('keeps the newest rows when there are too many', () => {
    expect(filterEvents(rows, { text: '', type: 'All' }, 2).map((r) => r.key)).toEqual(['e2', 'e3']);
  });
});

describe('newestOfType (no text: only the drawn Events get rows)', () => {
  const refs = rows.map((r) => ({ key: r.key, lastMs: r.lastMs, type: r.type, event: r }));

  it.each<EventTypeFilter>(['All', 'Normal', 'Warning'])(
    'orders and picks as filterEvents does: %s',
    (type) => {
      for (const limit of [1, 2, 10]) {
        const { newest, total } = newestOfType(refs, type, limit);
        expect(newest.map((r) => r.key)).toEqual(
          filterEvents(rows, { text: '', type }, limit).map((r) => r.key),
        );
        expect(total).toBe(filterEvents(rows, { text: '', type }, Infinity).length);
      }
    },
  );

  it('leaves Events already in order as they are, and does not reorder its input', () => {
    const inOrder = [...refs].sort((a, b) => a.lastMs - b.lastMs || (a.key < b.key ? -1 : 1));
    const given = refs.map((r) => r.key);
    expect(newestOfType(inOrder, 'All').newest).toEqual(inOrder);
    newestOfType(refs, 'All');
    expect(refs.map((r) => r.key)).toEqual(given);
  });
});
