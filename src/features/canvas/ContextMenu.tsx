import { useEffect, useRef, useState } from 'react';
import { MenuPrompt, type MenuPromptSpec } from './MenuPrompt';

/** One action of a context menu. */
export interface MenuItem {
  label: string;
  /** The key that does the same (shown, and told to assistive technology). */
  hint?: string;
  /** What it does; an item with a `prompt` asks for a value first, in the menu. */
  run?: () => void;
  prompt?: MenuPromptSpec;
  danger?: boolean;
  /** Shown but not available, with the reason as its tooltip. */
  disabledReason?: string;
}

/** A small context menu at a screen point; Escape or a click elsewhere closes it. */
export function ContextMenu({
  x,
  y,
  title,
  items,
  onClose,
}: {
  x: number;
  y: number;
  title: string;
  items: MenuItem[];
  onClose: () => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [prompt, setPrompt] = useState<MenuPromptSpec | null>(null);
  // Where the focus was when the menu opened (read while rendering, before the menu takes it): it goes
  // back there when the menu closes, unless an action moved it on.
  const [before] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button:not(:disabled)')?.focus();
    const close = (e: Event) => {
      if (e instanceof KeyboardEvent && e.key !== 'Escape') return;
      if (e instanceof PointerEvent && ref.current?.contains(e.target as globalThis.Node)) return;
      onClose();
    };
    window.addEventListener('keydown', close);
    window.addEventListener('pointerdown', close);
    return () => {
      window.removeEventListener('keydown', close);
      window.removeEventListener('pointerdown', close);
      if (!document.activeElement || document.activeElement === document.body)
        before?.focus({ preventScroll: true });
    };
  }, [onClose, before]);
  return (
    <div
      ref={ref}
      role={prompt ? 'dialog' : 'menu'}
      aria-label={title}
      className="kc-menu"
      style={{ left: x, top: y }}
    >
      <div className="kc-menu-title px-3 pt-1 pb-1.5 text-[11px]">{title}</div>
      {prompt && <MenuPrompt spec={prompt} onClose={onClose} />}
      {!prompt &&
        items.map((it) => (
          <button
            key={it.label}
            role="menuitem"
            type="button"
            className={`kc-menu-item flex items-center gap-3 ${it.danger ? 'kc-danger' : ''}`}
            aria-keyshortcuts={it.hint?.replace('Ctrl', 'Control').replace('Del', 'Delete')}
            disabled={it.disabledReason !== undefined}
            title={it.disabledReason}
            onClick={() => {
              if (it.prompt) return setPrompt(it.prompt);
              it.run?.();
              onClose();
            }}
          >
            <span>{it.label}</span>
            {it.hint && <span className="kc-menu-hint ml-auto">{it.hint}</span>}
          </button>
        ))}
    </div>
  );
}
