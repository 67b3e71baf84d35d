/**
 * The keyboard's way to draw an edge: a dialog listing what the object can be connected to (a combobox
 * that filters a listbox). Arrow keys choose, Enter connects, Escape cancels. Loaded on first use.
 */
import { useId, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { documentStore } from '../../store';
import { keyLabel } from './layout';
import { linkChoices, type LinkChoice } from './linkChoices';

export interface ConnectChooserProps {
  /** The object the chooser was opened on. */
  objectKey: string;
  onPick: (choice: LinkChoice) => void;
  onClose: () => void;
}

export default function ConnectChooser({ objectKey, onPick, onClose }: ConnectChooserProps) {
  const choices = useMemo(() => linkChoices(objectKey, documentStore.getState().objects), [objectKey]);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const id = useId();
  const shown = useMemo(() => {
    const q = query.trim().toLowerCase();
    return q ? choices.filter((c) => c.label.toLowerCase().includes(q)) : choices;
  }, [choices, query]);
  const current = Math.min(active, shown.length - 1);
  const title = `Connect ${keyLabel(objectKey)} to…`;

  const onKeyDown = (e: KeyboardEvent) => {
    const last = shown.length - 1;
    const move: Record<string, number> = {
      ArrowDown: Math.min(last, current + 1),
      ArrowUp: Math.max(0, current - 1),
      Home: 0,
      End: last,
      PageDown: Math.min(last, current + 5),
      PageUp: Math.max(0, current - 5),
    };
    if (e.key in move && shown.length > 0) {
      e.preventDefault();
      setActive(move[e.key] ?? 0);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const choice = shown[current];
      if (choice) onPick(choice);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      // The filter is the dialog's one field: the focus stays in it until the dialog closes.
      e.preventDefault();
    }
    e.stopPropagation();
  };

  const closeOutside = (e: PointerEvent) => {
    if (e.target === e.currentTarget) onClose();
  };

  return (
    <div className="absolute inset-0 z-50" onPointerDown={closeOutside}>
      <div
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-help`}
        className="kc-menu"
        style={{ left: '50%', top: 56, transform: 'translateX(-50%)', width: 340 }}
      >
        <h2 id={`${id}-title`} className="kc-menu-title px-3 pt-1 pb-1.5 text-[12px] font-semibold">
          {title}
        </h2>
        <input
          // The dialog opens on a key press or a menu item: its field takes the focus at once.
          autoFocus
          role="combobox"
          aria-label="Filter"
          aria-expanded="true"
          aria-controls={`${id}-list`}
          aria-autocomplete="list"
          aria-activedescendant={shown[current] ? `${id}-opt-${current}` : undefined}
          value={query}
          placeholder="Type to filter"
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
          className="mx-1 mb-1 w-[calc(100%-8px)] rounded border border-slate-700 bg-slate-950 px-2 py-1 text-[13px] text-slate-200 placeholder:text-slate-400 focus:outline-2 focus:outline-k8s"
        />
        <ul
          role="listbox"
          id={`${id}-list`}
          aria-label={title}
          className="max-h-64 overflow-y-auto"
          // A click chooses; the focus stays in the filter.
          onMouseDown={(e) => e.preventDefault()}
        >
          {shown.map((c, i) => (
            <li
              key={c.other}
              id={`${id}-opt-${i}`}
              role="option"
              aria-selected={i === current}
              data-key={c.other}
              onClick={() => onPick(c)}
              onMouseMove={() => i !== current && setActive(i)}
              className={`kc-menu-item cursor-pointer ${i === current ? 'bg-slate-800' : ''}`}
            >
              <span className="block text-slate-200">{c.label}</span>
              <span className="block text-[11px] text-slate-400">
                {c.connected ? 'Connected already. ' : ''}
                {c.effect}
              </span>
            </li>
          ))}
        </ul>
        {shown.length === 0 && (
          <p role="status" className="px-3 py-2 text-[12px] text-slate-400">
            {choices.length === 0
              ? `Nothing in this namespace can be connected to ${keyLabel(objectKey)} yet.`
              : 'Nothing matches the filter.'}
          </p>
        )}
        <p id={`${id}-help`} className="px-3 pt-1.5 pb-1 text-[11px] text-slate-400">
          ↑ ↓ choose · Enter connects · Escape cancels
        </p>
      </div>
    </div>
  );
}
