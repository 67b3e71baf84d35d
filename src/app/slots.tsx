/**
 * Panels other features provide, loaded lazily (they are not needed for the first drawn cluster): the
 * inspector (right), the dock (bottom), the deck's slide editor and its presentation views.
 */
import { lazy } from 'react';

/** The inspector panel. */
export const InspectorPanel = lazy(() =>
  import('../features/inspector').then((m) => ({ default: m.Inspector })),
);
/** The bottom dock. */
export const DockPanel = lazy(() => import('../features/dock').then((m) => ({ default: m.Dock })));
/** The deck panel (choose, edit and reorder slides). */
export const DeckEditorPanel = lazy(() => import('../features/deck').then((m) => ({ default: m.DeckPanel })));
/** The full-screen presentation. */
export const PresentationView = lazy(() =>
  import('../features/deck').then((m) => ({ default: m.Presentation })),
);
/** The presenter's window. */
export const PresenterWindow = lazy(() =>
  import('../features/deck').then((m) => ({ default: m.PresenterView })),
);

/** Starts presenting through the deck feature (loaded on first use). */
export function startPresenting(): void {
  void import('../features/deck').then((m) => m.startPresenting());
}
