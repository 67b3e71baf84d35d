import { useEffect, useRef } from 'react';

/** One action of a context menu. */
export interface MenuItem {
  label: string;
  run: () => void;
  danger?: boolean;
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
  useEffect(() => {
    ref.current?.querySelector('button')?.focus();
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
    };
  }, [onClose]);
  return (
    <div ref={ref} role="menu" aria-label={title} className="kc-menu" style={{ left: x, top: y }}>
      <div className="px-3 pt-1 pb-1.5 text-[11px] text-slate-500">{title}</div>
      {items.map((it) => (
        <button
          key={it.label}
          role="menuitem"
          type="button"
          className={`kc-menu-item ${it.danger ? 'text-rose-300' : ''}`}
          onClick={() => {
            it.run();
            onClose();
          }}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
}
