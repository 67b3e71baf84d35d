import { startPresenting } from './presentMode';

/** The top bar's Present button: opens the open deck full screen (`#present`). */
export function DeckButton({ className }: { className?: string }) {
  return (
    <button
      type="button"
      onClick={startPresenting}
      title="Present the deck (Esc to leave)"
      className={
        className ??
        'rounded border border-slate-600 bg-slate-800 px-2 py-0.5 text-sm text-slate-200 hover:bg-slate-700'
      }
    >
      Present
    </button>
  );
}
