import { Markdown } from './markdown/Markdown';
import { sceneBlock, slideTitle, type Slide } from './model';

/** Every slide as a small card; choosing one goes there. */
export function Overview({
  slides,
  current,
  onChoose,
}: {
  slides: Slide[];
  current: number;
  onChoose: (index: number) => void;
}) {
  return (
    <nav aria-label="Slide overview" className="absolute inset-0 z-10 overflow-auto bg-slate-800 p-6">
      <ol className="grid grid-cols-[repeat(auto-fill,minmax(16rem,1fr))] gap-4">
        {slides.map((s, i) => (
          <li key={i}>
            <button
              type="button"
              onClick={() => onChoose(i)}
              aria-current={i === current ? 'true' : undefined}
              aria-label={`Slide ${i + 1}: ${slideTitle(s) || 'untitled'}`}
              className={`block h-40 w-full overflow-hidden rounded-lg bg-white p-3 text-left text-[7px] shadow ${i === current ? 'ring-4 ring-sky-400' : ''}`}
            >
              <span className="mb-1 flex justify-between text-[10px] text-slate-500">
                <span>{i + 1}</span>
                {sceneBlock(s) !== null && (
                  <span className="rounded bg-emerald-100 px-1 text-emerald-800">live scene</span>
                )}
              </span>
              <span aria-hidden="true" className="block">
                <Markdown text={s.body} />
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  );
}
