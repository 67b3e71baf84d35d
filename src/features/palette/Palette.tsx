import type { DragEvent } from 'react';
import { PALETTE_ITEMS, type PaletteItem } from './items';
import { addFromPalette } from './addFromPalette';
import { spotInView } from './placeInView';

/** Roughly how much room an item takes on the canvas (a Node is a tall container, the rest are cards). */
function sizeOf(item: string): { w: number; h: number } {
  if (item === 'Node') return { w: 248, h: 180 };
  if (item === 'NfsServer') return { w: 200, h: 72 + 96 };
  return { w: 200, h: 72 };
}

/** Adds an item by click or keyboard: it lands in the visible part of the canvas (pods go to nodes). */
function addInView(item: string): void {
  addFromPalette(item, item === 'Pod' ? undefined : spotInView(sizeOf(item)));
}

/** The drag type the canvas accepts (kept equal to the canvas's PALETTE_MIME). */
const MIME = 'application/x-kubecanvas-item';

function onDragStart(e: DragEvent, item: PaletteItem): void {
  e.dataTransfer.setData(MIME, item.id);
  e.dataTransfer.setData('text/plain', item.label);
  e.dataTransfer.effectAllowed = 'copy';
}

/** The palette: drag an item onto the canvas, or click it (or press Enter) to add it. */
export function Palette() {
  return (
    <nav aria-label="Palette" className="flex h-full flex-col gap-1 overflow-y-auto p-2">
      <h2 className="px-2 pt-1 pb-2 text-[11px] font-semibold tracking-wider text-slate-400 uppercase">
        Add
      </h2>
      {PALETTE_ITEMS.map((item) => (
        <button
          key={item.id}
          type="button"
          draggable
          aria-label={item.label}
          title={`${item.hint}. Drag onto the canvas, or click to add.`}
          onDragStart={(e) => onDragStart(e, item)}
          onClick={() => addInView(item.id)}
          className="kc-palette-item group"
        >
          <span className="kc-kind-icon" style={{ backgroundColor: item.color }}>
            {item.icon}
          </span>
          <span className="flex min-w-0 flex-col items-start">
            <span className="truncate text-[13px] text-slate-200">{item.label}</span>
            <span className="truncate text-[11px] text-slate-400">{item.hint}</span>
          </span>
        </button>
      ))}
    </nav>
  );
}
