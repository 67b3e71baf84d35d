import { Component, type ReactNode } from 'react';

interface State {
  error: string | null;
}

/**
 * Keeps the talk going when the live canvas fails: the slide's text stays, and the panel says what
 * happened. A new scene (the key of this boundary) tries again.
 */
export class SceneBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(e: unknown): State {
    return { error: e instanceof Error ? e.message : String(e) };
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <div
        role="alert"
        className="flex h-full flex-col items-center justify-center gap-2 p-6 text-sm text-slate-600"
      >
        <p className="font-medium">The live cluster could not be drawn.</p>
        <p className="font-mono text-xs text-rose-700">{this.state.error}</p>
        <button
          type="button"
          className="rounded border border-slate-300 px-2 py-0.5"
          onClick={() => this.setState({ error: null })}
        >
          Try again
        </button>
      </div>
    );
  }
}
