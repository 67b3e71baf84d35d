// @vitest-environment jsdom
import { EditorView } from '@codemirror/view';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyOf } from '../../engine';
import {
  addObject,
  documentStore,
  exampleCluster,
  keepRejectedImport,
  loadDesign,
  select,
  sessionStore,
} from '../../store';
import YamlPanel, { appliedSummary } from './YamlPanel';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// jsdom does no layout: CodeMirror measures text ranges, which jsdom's Range cannot.
Range.prototype.getClientRects = () =>
  ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
Range.prototype.getBoundingClientRect = () => new DOMRect();

let root: Root | undefined;
let host: HTMLElement;

beforeEach(() => {
  loadDesign(exampleCluster(), { seed: 1 });
  documentStore.temporal.getState().clear();
  select(null);
  sessionStore.setState({ rejectedImports: [], notices: [] });
  host = document.createElement('div');
  document.body.append(host);
});

afterEach(async () => {
  await act(async () => root?.unmount());
  host.remove();
});

/** Waits (in act) until the condition holds: the editor loads lazily and checks after a pause. */
async function until(condition: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('timed out');
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50));
    });
  }
}

const editorView = (): EditorView | null => {
  const el = host.querySelector<HTMLElement>('.cm-editor');
  return el ? EditorView.findFromDOM(el) : null;
};
const text = () => editorView()?.state.doc.toString() ?? '';
const stateLine = () => host.querySelector('[aria-label="Editor state"]')?.textContent ?? '';
const button = (name: string) =>
  [...host.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;

async function type(edit: (doc: string) => string): Promise<void> {
  const view = editorView() as EditorView;
  const next = edit(view.state.doc.toString());
  await act(async () => {
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: next } });
  });
}

async function render(): Promise<void> {
  root = createRoot(host);
  await act(async () => root?.render(<YamlPanel />));
  await until(() => editorView() !== null);
}

describe('the design YAML editor', () => {
  it('applies nothing while typing; Apply applies once, one undo step; Revert drops the edits', async () => {
    await render();
    expect(stateLine()).toBe('No unapplied changes');
    const before = documentStore.getState().objects;
    await type((t) => t.replace(/^ {2}name: node-1$/m, '  name: '));
    await act(async () => new Promise((r) => setTimeout(r, 1200)));
    await type((t) => t.replace(/^ {2}name: $/m, '  name: edge-1'));
    await act(async () => new Promise((r) => setTimeout(r, 1200)));
    expect(documentStore.getState().objects).toBe(before);
    expect(stateLine()).toBe('● Unapplied changes');
    expect(sessionStore.getState().notices).toEqual([]);

    await act(async () => button('Apply').click());
    await until(() => stateLine().startsWith('Applied'));
    expect(stateLine()).toBe('Applied: 1 renamed. Ctrl+Z undoes it.');
    expect(documentStore.getState().objects.map(keyOf)).toContain('Node//edge-1');
    expect(documentStore.temporal.getState().pastStates).toHaveLength(1);
    expect(sessionStore.getState().notices).toEqual([]);

    await type((t) => t.replace('replicas: 3', 'replicas: 30'));
    expect(stateLine()).toBe('● Unapplied changes');
    await act(async () => button('Revert').click());
    // The editor takes outside text once the person's typing pauses (CodeMirror's typing latch).
    await until(() => text().includes('replicas: 3\n'));
    expect(stateLine()).toBe('No unapplied changes');
  });

  it('keeps the text when the design changes meanwhile, says so, and Apply changes only what the text changed', async () => {
    await render();
    await type((t) => t.replace('image: web:1.0', 'image: web:2.0'));
    await act(async () =>
      addObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { a: 'b' } }),
    );
    expect(text()).toContain('image: web:2.0');
    expect(text()).not.toContain('ConfigMap');
    expect(host.querySelector('[aria-label="The design changed"]')?.textContent).toContain(
      'Reload from canvas',
    );
    await act(async () => button('Apply').click());
    await until(() => stateLine().startsWith('Applied'));
    expect(stateLine()).toBe('Applied: 1 changed. Ctrl+Z undoes it.');
    await until(() => text().includes('kind: ConfigMap'));
    expect(text()).toContain('image: web:2.0');
    expect(host.querySelector('[aria-label="The design changed"]')).toBeNull();
  });

  it('marks problems as the person types, at their line, and Apply changes nothing then', async () => {
    await render();
    await type((t) => t.replace('replicas: 3', 'replicas: three'));
    await until(() => host.querySelector('[aria-label="YAML problems"]') !== null);
    expect(host.querySelector('[aria-label="YAML problems"]')?.textContent).toMatch(
      /^line \d+:\d+ Deployment web: .*spec\.replicas/,
    );
    const before = documentStore.getState().objects;
    await act(async () => button('Apply').click());
    await act(async () => new Promise((r) => setTimeout(r, 500)));
    expect(documentStore.getState().objects).toBe(before);
    expect(stateLine()).toBe('● Unapplied changes');
  });

  it("keeps an object's unapplied text while something else is selected", async () => {
    select('Deployment/default/web');
    await render();
    await until(() => text().includes('replicas: 3'));
    await type((t) => t.replace('replicas: 3', 'replicas: 6'));
    await act(async () => select('Node//node-1'));
    await until(() => text().includes('kind: Node'));
    await act(async () => select('Deployment/default/web'));
    await until(() => text().includes('kind: Deployment'));
    expect(text()).toContain('replicas: 6');
    expect(stateLine()).toBe('● Unapplied changes');
  });
});

describe('a rejected import in the YAML panel', () => {
  it('opens in its own tab with its errors; Retry import brings it in once fixed, Discard drops it', async () => {
    const bad = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\ndata:\n  a: b\n';
    keepRejectedImport('cm.yaml', bad, ['cm.yaml:4:9 ConfigMap Bad_Name: metadata.name: Invalid value']);
    await render();
    const tab = () => host.querySelector('[role="tab"][aria-selected="true"]')?.textContent;
    expect(tab()).toBe('Import: cm.yaml');
    expect(text()).toBe(bad);
    expect(host.querySelector('[aria-label="YAML problems"]')?.textContent).toBe(
      'line 4:9 ConfigMap Bad_Name: metadata.name: Invalid value',
    );
    await act(async () => button('Retry import').click());
    await until(() => !host.textContent?.includes('Importing'));
    expect(sessionStore.getState().rejectedImports).toHaveLength(1);
    expect(documentStore.getState().objects.some((o) => o.kind === 'ConfigMap')).toBe(false);

    await type((t) => t.replace('Bad_Name', 'good-name'));
    expect(sessionStore.getState().rejectedImports[0]?.text).toContain('good-name');
    await act(async () => button('Retry import').click());
    await until(() => sessionStore.getState().rejectedImports.length === 0);
    expect(documentStore.getState().objects.map(keyOf)).toContain('ConfigMap/default/good-name');
    expect(tab()).toBeUndefined();

    await act(async () => {
      keepRejectedImport('again.yaml', bad, ['again.yaml:4:9 bad']);
    });
    await until(() => text() === bad);
    await act(async () => button('Discard').click());
    expect(sessionStore.getState().rejectedImports).toEqual([]);
  });
});

describe('appliedSummary', () => {
  it.each([
    [{ changed: 0, added: 0, removed: 0, renamed: 0 }, 'Nothing to apply: the text matches the design.'],
    [
      { changed: 2, added: 1, removed: 1, renamed: 1 },
      'Applied: 1 renamed, 1 added, 2 changed, 1 removed. Ctrl+Z undoes it.',
    ],
  ])('%o', (counts, line) => {
    expect(appliedSummary({ ok: true, warnings: [], ...counts })).toBe(line);
  });
});
