import { Component, type ReactNode } from 'react';

/** Catches a crash in a panel; the saved design is untouched, so reloading brings everything back. */
export class ErrorBoundary extends Component<{ name: string; children: ReactNode }, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div
        role="alert"
        className="m-3 rounded-lg border border-rose-500/40 bg-rose-950/40 p-3 text-sm text-rose-200"
      >
        <p className="font-medium">The {this.props.name} stopped working.</p>
        <p className="mt-1 text-rose-300/80">{this.state.error.message}</p>
        <p className="mt-1 text-slate-400">Your design is saved in this browser.</p>
        <button type="button" className="kc-btn mt-2" onClick={() => this.setState({ error: null })}>
          Try again
        </button>
      </div>
    );
  }
}
