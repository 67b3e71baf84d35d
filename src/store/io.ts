/**
 * Import and export commands. The io layer (YAML parser, schema) is loaded on first use, so it stays out
 * of the initial bundle. An import either applies every object (one undo entry) or changes nothing and
 * reports each problem as `file:line:column Kind name: message`.
 */
import { keyOf } from '../engine';
import { addObjects, loadDesign } from './commands';
import { documentStore } from './document';
import { getSimulation, objectKeys } from './runtime';
import { notify, requestFit } from './session';
import { decksForProject, loadDecks } from './deck';

/** The outcome of an import, for the caller to show or test. */
export type ImportOutcome = { ok: true; count: number } | { ok: false; errors: string[] };

function namespaces(): Set<string> {
  const sim = getSimulation();
  return new Set(objectKeys('Namespace').map((k) => sim.store.getByKey(k)?.metadata.name ?? ''));
}

/**
 * Imports manifest text (YAML or JSON, one or many documents) or a project file into the design.
 * Manifests are added to the design (same kind and name replaces, as kubectl apply); a project replaces it.
 */
export async function importText(text: string, file: string): Promise<ImportOutcome> {
  const io = await import('../io');
  if (/^\s*\{/.test(text) && text.includes('"formatVersion"')) {
    try {
      const project = io.loadProject(text);
      loadDesign(project.objects, { positions: project.layout });
      if (project.decks.length > 0) loadDecks(project.decks);
      notify('info', `Opened ${file}`, [`${project.objects.length} objects`]);
      return { ok: true, count: project.objects.length };
    } catch (e) {
      const errors = [`${file}: ${(e as Error).message}`];
      notify('error', 'Import failed; nothing was changed', errors);
      return { ok: false, errors };
    }
  }
  const result = await io.importManifests(text, file, { namespaces: namespaces() });
  if (!result.ok) {
    const errors = result.issues.filter((i) => i.severity === 'error').map(io.format);
    notify('error', 'Import failed; nothing was changed', errors);
    return { ok: false, errors };
  }
  addObjects(result.objects);
  if (result.objects.length > 3) requestFit();
  const warnings = result.warnings.map(io.format);
  notify(
    'info',
    `Imported ${result.objects.length} object${result.objects.length === 1 ? '' : 's'} from ${file}`,
    warnings,
  );
  return { ok: true, count: result.objects.length };
}

/**
 * The authored design (or only the objects with the given keys) as one multi-document YAML file, in
 * apply order (kubectl apply -f accepts it).
 */
export async function exportYaml(includeSimulation = false, keys?: readonly string[]): Promise<string> {
  const io = await import('../io');
  const selection = keys ? new Set(keys) : undefined;
  return io.exportManifests(documentStore.getState().objects, {
    includeSimulation,
    ...(selection ? { selection } : {}),
  });
}

/** The whole project (objects, layout, the user's decks) as a project file. */
export async function exportProject(): Promise<string> {
  const io = await import('../io');
  const { objects, positions } = documentStore.getState();
  const keys = new Set(objects.map(keyOf));
  const layout = Object.fromEntries(
    Object.entries(positions).filter(([k]) => keys.has(k) || k.startsWith('area:')),
  );
  return io.saveProject({ objects, layout, decks: decksForProject(), scenario: null });
}
