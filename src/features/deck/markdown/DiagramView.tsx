import { parseDiagram, type DiagramBox, type DiagramTone } from '../model';

const TONE: Record<DiagramTone, string> = {
  plain: 'border-slate-400 bg-white',
  vm: 'border-amber-500 bg-amber-50',
  container: 'border-sky-500 bg-sky-50',
  file: 'border-emerald-500 bg-emerald-50 font-mono',
  cloud: 'border-violet-500 bg-violet-50',
  warn: 'border-rose-500 bg-rose-50',
};

/** Draws a ```diagram block: rows of boxes (with nested boxes), arrows between neighbours when asked. */
export function DiagramView({ text }: { text: string }) {
  const { diagram, error } = parseDiagram(text);
  if (!diagram) return <p className="mb-3 rounded bg-rose-50 p-2 text-[0.6em] text-rose-800">{error}</p>;
  return (
    <figure className="mb-4 flex flex-col items-center gap-4 text-[0.62em]" data-testid="diagram">
      {diagram.rows.map((row, r) => (
        <div key={r} className="flex flex-wrap items-center justify-center gap-3">
          {row.boxes.map((b, i) => (
            <div key={i} className="flex items-center gap-3">
              {i > 0 && row.arrows && (
                <span aria-hidden="true" className="text-[2em] text-slate-500">
                  →
                </span>
              )}
              <Box box={b} />
            </div>
          ))}
        </div>
      ))}
      {diagram.caption && <figcaption className="text-slate-500 italic">{diagram.caption}</figcaption>}
    </figure>
  );
}

function Box({ box }: { box: DiagramBox }) {
  return (
    <div
      role="group"
      aria-label={box.title || undefined}
      data-tone={box.tone}
      className={`min-w-28 rounded-lg border-2 px-3 py-2 shadow-sm ${TONE[box.tone]}`}
    >
      {box.title && <div className="font-semibold">{box.title}</div>}
      {box.items.length > 0 && (
        <ul className="mt-1 space-y-0.5">
          {box.items.map((item, i) => (
            <li key={i} className="rounded bg-white/70 px-1.5 text-[0.9em]">
              {item}
            </li>
          ))}
        </ul>
      )}
      {box.boxes.length > 0 && (
        <div className="mt-2 flex flex-wrap gap-2">
          {box.boxes.map((b, i) => (
            <Box key={i} box={b} />
          ))}
        </div>
      )}
    </div>
  );
}
