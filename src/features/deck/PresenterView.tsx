import { useEffect, useMemo, useRef, useState } from 'react';
import { pause } from '../../store';
import { deckAction } from './keys';
import { Markdown } from './markdown/Markdown';
import { parseDeck, sceneBlock, slideTitle, type Slide } from './model';
import { openChannel, type DeckMessage, type PresentState } from './sync';

/**
 * The presenter window (`#presenter`): the current and the next slide, the speaker notes, a timer and the
 * clock, following the presenting window over a BroadcastChannel. Its keys (and buttons) drive the
 * presentation: →/Space/PageDown, ←/PageUp, R. It runs no scene of its own.
 */
export function PresenterView() {
  const [state, setState] = useState<PresentState | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const channel = useRef<ReturnType<typeof openChannel>>(null);

  useEffect(() => {
    pause(); // this window shows text only: its own simulation need not run
    const onMessage = (m: DeckMessage) => {
      if (m.type === 'state') setState(m.state);
      else if (m.type === 'bye') setState(null);
    };
    channel.current = openChannel(onMessage);
    channel.current?.post({ type: 'hello' });
    const timer = setInterval(() => setNow(Date.now()), 1000);
    const onKey = (e: KeyboardEvent) => {
      const a = deckAction(e);
      if (a === 'next' || a === 'prev' || a === 'reset') {
        e.preventDefault();
        channel.current?.post({ type: a });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(timer);
      window.removeEventListener('keydown', onKey);
      channel.current?.close();
      channel.current = null;
    };
  }, []);

  const markdown = state?.markdown ?? null;
  const deck = useMemo(() => (markdown === null ? null : parseDeck(markdown)), [markdown]);
  if (!state || !deck) {
    return (
      <main className="flex h-screen items-center justify-center bg-slate-900 p-8 text-slate-200">
        <p>Waiting for the presentation… Open the deck with Present, then press S there.</p>
      </main>
    );
  }
  const current = deck.slides[state.slide];
  const next = deck.slides[state.slide + 1];
  const post = (m: DeckMessage) => channel.current?.post(m);
  return (
    <main
      aria-label="Presenter view"
      className="grid h-screen grid-cols-[3fr_2fr] grid-rows-[auto_1fr_auto] gap-3 bg-slate-900 p-4 text-slate-100"
    >
      <header className="col-span-2 flex items-center gap-6 whitespace-nowrap">
        <h1 className="sr-only">Presenter view</h1>
        <span className="text-3xl font-semibold tabular-nums" data-testid="presenter-timer">
          {duration(now - state.startedAt)}
        </span>
        <span className="text-slate-400 tabular-nums">{clock(now)}</span>
        <span className="text-slate-300" data-testid="presenter-slide">
          Slide {state.slide + 1} of {deck.slides.length}
        </span>
        {state.nextClick !== null && (
          <span className="min-w-0 truncate text-amber-300" data-testid="presenter-next-click">
            next click runs <code className="rounded bg-slate-800 px-1">{state.nextClick}</code>
            {state.clicksLeft > 1 && ` (+${state.clicksLeft - 1} more)`}
          </span>
        )}
        {state.black && <span className="rounded bg-black px-2 text-slate-300">screen is black</span>}
        <span className="ml-auto flex shrink-0 gap-2">
          <Button onClick={() => post({ type: 'prev' })}>← Previous</Button>
          <Button onClick={() => post({ type: 'next' })}>Next →</Button>
          <Button onClick={() => post({ type: 'reset' })}>Reset scene</Button>
        </span>
      </header>
      <section
        aria-label="Current slide"
        className="min-h-0 overflow-auto rounded-lg bg-white p-6 text-[18px] text-slate-900"
      >
        {current && <SlideText slide={current} />}
      </section>
      <div className="flex min-h-0 flex-col gap-3">
        <section
          aria-label="Next slide"
          className="h-1/2 min-h-0 overflow-hidden rounded-lg bg-white/90 p-4 text-[11px] text-slate-900"
        >
          <h2 className="mb-1 text-xs tracking-wide text-slate-600 uppercase">Next</h2>
          {next ? <SlideText slide={next} /> : <p className="text-slate-500">End of the deck.</p>}
        </section>
        <section
          aria-label="Speaker notes"
          className="min-h-0 flex-1 overflow-auto rounded-lg bg-slate-800 p-4 text-[20px] leading-relaxed"
        >
          {current?.notes ? (
            <Markdown text={current.notes} />
          ) : (
            <p className="text-slate-400">No notes for this slide.</p>
          )}
        </section>
      </div>
      <footer className="col-span-2 text-xs text-slate-400">
        {current && slideTitle(current)} · keys here: → / Space / PageDown next, ← / PageUp previous, R reset
        the scene
      </footer>
    </main>
  );
}

function SlideText({ slide }: { slide: Slide }) {
  return (
    <>
      {sceneBlock(slide) !== null && (
        <p className="mb-2 inline-block rounded bg-emerald-100 px-2 text-[0.7em] text-emerald-800">
          live scene
        </p>
      )}
      <Markdown text={slide.body} />
    </>
  );
}

function Button({ onClick, children }: { onClick: () => void; children: React.ReactNode }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded bg-slate-700 px-3 py-1 text-sm hover:bg-slate-600"
    >
      {children}
    </button>
  );
}

function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

function clock(ms: number): string {
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}
