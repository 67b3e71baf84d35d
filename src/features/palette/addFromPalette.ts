/**
 * Adding a palette item to the design: the objects it makes, placed where dropped (or laid out
 * automatically when added by click or keyboard), selected, as one undo entry.
 */
import type { KubeObject, Service } from '../../engine';
import { addObjects, documentStore, getSimulation, objectKeys, select, type XY } from '../../store';
import { keyOf } from '../../engine';
import { makeObjects, type DesignFacts } from './items';

function facts(): DesignFacts {
  const sim = getSimulation();
  const authored = new Set(documentStore.getState().objects.map(keyOf));
  const services = objectKeys('Service')
    .map((k) => sim.store.getByKey<Service & KubeObject>(k))
    .filter((s): s is Service & KubeObject => !!s && s.metadata.namespace === 'default');
  const served = new Set(services.map((s) => s.spec?.selector?.['app']));
  return {
    taken: (key) => authored.has(key) || sim.store.getByKey(key) !== undefined,
    unservedApp: () => {
      for (const kind of ['Deployment', 'StatefulSet', 'DaemonSet'])
        for (const k of objectKeys(kind)) {
          const app = sim.store.getByKey(k)?.metadata.labels?.['app'];
          if (app && !served.has(app)) return app;
        }
      return undefined;
    },
    firstService: () => services.find((s) => s.metadata.name !== 'kubernetes')?.metadata.name,
  };
}

/** Adds a palette item; returns the key of the first object made (selected), if any. */
export function addFromPalette(item: string, at?: XY, nodeName?: string): string | undefined {
  const objects = makeObjects(item, facts(), nodeName);
  const first = objects[0];
  if (!first) return undefined;
  const positions: Record<string, XY> = {};
  if (at && item !== 'Pod')
    objects.forEach((o, i) => {
      if (o.kind !== 'Node' || item === 'Node') positions[keyOf(o)] = { x: at.x, y: at.y + i * 96 };
    });
  if (at && item === 'NodeGroup')
    objects.forEach((o, i) => (positions[keyOf(o)] = { x: at.x + i * 328, y: at.y }));
  addObjects(objects, positions);
  const key = keyOf(first);
  select(key);
  return key;
}
