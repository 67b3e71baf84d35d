/**
 * Panels other features provide, mounted lazily when their module exists: the inspector (right), the
 * dock (bottom) and the deck's presentation views. Until a module lands, its slot shows an empty panel.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';

type Loader = () => Promise<Record<string, unknown>>;

function lazyExport(
  loaders: Record<string, Loader>,
  name: string,
): LazyExoticComponent<ComponentType> | null {
  const load = Object.values(loaders)[0];
  if (!load) return null;
  return lazy(async () => ({ default: (await load())[name] as ComponentType }));
}

const inspectorModule = import.meta.glob<Record<string, unknown>>('../features/inspector/index.ts');
const dockModule = import.meta.glob<Record<string, unknown>>('../features/dock/index.ts');
const deckModule = import.meta.glob<Record<string, unknown>>('../features/deck/index.ts');

/** The inspector panel, or null while the inspector feature does not exist. */
export const InspectorPanel = lazyExport(inspectorModule, 'Inspector');
/** The bottom dock, or null while the dock feature does not exist. */
export const DockPanel = lazyExport(dockModule, 'Dock');
/** The deck panel (choose, edit and reorder slides), or null without the deck feature. */
export const DeckEditorPanel = lazyExport(deckModule, 'DeckPanel');
/** The full-screen presentation, or null without the deck feature. */
export const PresentationView = lazyExport(deckModule, 'Presentation');
/** The presenter's window, or null without the deck feature. */
export const PresenterWindow = lazyExport(deckModule, 'PresenterView');

/** Starts presenting through the deck feature, when it exists. */
export const startPresenting: (() => void) | undefined = Object.values(deckModule)[0]
  ? () => {
      const load = Object.values(deckModule)[0] as Loader;
      void load().then((m) => (m['startPresenting'] as (() => void) | undefined)?.());
    }
  : undefined;
