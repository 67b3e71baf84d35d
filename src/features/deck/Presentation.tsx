import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { documentStore, loadDesign, play, sessionStore } from '../../store';
import { setSlideIndex, useSlideIndex } from '../../store';
import { deckAction, type DeckAction } from './keys';
import { parseScene, sceneBlock } from './model';
import { APP_SCENE_TEMPLATES } from './sceneTemplates';
import { Overview } from './Overview';
import { openPresenterWindow, stopPresenting } from './presentMode';
import { useSceneRunner } from './sceneHost';
import { SlideView } from './SlideView';
import { openChannel, type DeckMessage, type PresentState } from './sync';
import { useOpenDeck } from './useDeck';

export interface PresentationProps {
  /** Called on Escape; by default presentation mode ends by removing `#present` from the URL. */
  onExit?: () => void;
}

/**
 * Presentation mode: the open deck full screen, one slide at a time, each slide's scene running live from
 * its own design and seed. Keys: →/Space/PageDown next (a scene's click steps first), ←/PageUp previous,
 * B black, O overview, F full screen, S presenter window, R reset the scene, Escape leave. The design that
 * was open before presenting comes back when presenting ends.
 */
export function Presentation({ onExit }: PresentationProps) {
  const open = useOpenDeck();
  const slides = open.deck.slides;
  const index = Math.min(useSlideIndex(), slides.length - 1);
  const slide = slides[index] ?? { body: '', notes: '' };
  const block = sceneBlock(slide);
  const scene = useMemo(() => (block === null ? null : parseScene(block, APP_SCENE_TEMPLATES)), [block]);
  const sceneKey = `${open.id}#${index}\n${block ?? ''}`;
  const running = useSceneRunner(scene?.scene ?? null, sceneKey, true);
  const [black, setBlack] = useState(false);
  const [overview, setOverview] = useState(false);
  const [startedAt] = useState(() => Date.now());
  const root = useRef<HTMLDivElement>(null);
  useKeepDesign();
  useSlideInHash(index);

  const go = useCallback(
    (i: number) => setSlideIndex(Math.max(0, Math.min(slides.length - 1, i))),
    [slides.length],
  );
  const act = useCallback(
    (a: DeckAction) => {
      if (a !== 'black') setBlack(false);
      if (a === 'next' && !running.click()) go(index + 1);
      else if (a === 'prev') go(index - 1);
      else if (a === 'first') go(0);
      else if (a === 'last') go(slides.length - 1);
      else if (a === 'black') setBlack((b) => !b);
      else if (a === 'overview') setOverview((o) => !o);
      else if (a === 'fullscreen') toggleFullscreen(root.current);
      else if (a === 'presenter') openPresenterWindow();
      else if (a === 'reset') running.reset();
      else if (a === 'exit') {
        if (overview) setOverview(false);
        else (onExit ?? stopPresenting)();
      }
    },
    [go, index, onExit, overview, running, slides.length],
  );

  useEffect(() => {
    // Capture phase, and no further: a deck key must not also reach the app's shortcuts (Backspace would
    // delete the selected object) or the canvas (arrow keys would nudge a selected node).
    const onKey = (e: KeyboardEvent) => {
      const a = deckAction(e);
      if (!a) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      act(a);
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [act]);

  const state: PresentState = {
    markdown: open.markdown,
    slide: index,
    clicksLeft: running.clicksLeft,
    nextClick: running.nextClick,
    black,
    startedAt,
  };
  usePresenterSync(state, act, go);

  return (
    <div
      ref={root}
      role="region"
      aria-label="Presentation"
      aria-roledescription="slide deck"
      data-slide={index}
      className="fixed inset-0 z-50 bg-white text-slate-900"
    >
      <div aria-live="polite" className="h-full">
        <SlideView
          slide={slide}
          scene={scene ? { errors: scene.errors } : null}
          lastStep={running.lastLog}
          clicksLeft={running.clicksLeft}
          sceneKey={`${sceneKey}#${running.generation}`}
          speed={scene?.scene?.speed ?? 1}
        />
      </div>
      <div className="absolute right-3 bottom-2 flex items-center gap-2 text-xs text-slate-600">
        <span data-testid="slide-number">
          {index + 1} / {slides.length}
        </span>
        <ToolbarButton label="Overview (O)" onClick={() => act('overview')} />
        <ToolbarButton label="Presenter view (S)" onClick={() => act('presenter')} />
        <ToolbarButton label="Full screen (F)" onClick={() => act('fullscreen')} />
        {scene && <ToolbarButton label="Reset scene (R)" onClick={() => act('reset')} />}
        <ToolbarButton label="Exit (Esc)" onClick={() => (onExit ?? stopPresenting)()} />
      </div>
      {overview && (
        <Overview
          slides={slides}
          current={index}
          onChoose={(i) => {
            go(i);
            setOverview(false);
          }}
        />
      )}
      {black && (
        <div
          data-testid="blackout"
          aria-label="Screen blacked out"
          className="absolute inset-0 z-20 bg-black"
        />
      )}
    </div>
  );
}

function ToolbarButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button
      type="button"
      onClick={onClick}
      className="rounded px-1.5 py-0.5 hover:bg-slate-100 hover:text-slate-900"
    >
      {label}
    </button>
  );
}

function toggleFullscreen(el: HTMLElement | null): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined);
  else void el?.requestFullscreen().catch(() => undefined);
}

/**
 * Scenes replace the design while presenting; this puts the person's own design (objects, positions,
 * seed) back when presenting ends, or when the tab closes mid-talk (before the store saves on pagehide).
 * Undo history is paused meanwhile, so scene loads never become undo steps of the person's design.
 */
function useKeepDesign(): void {
  useEffect(() => {
    const saved = documentStore.getState();
    const wasPlaying = sessionStore.getState().playing;
    const undoHistory = documentStore.temporal.getState();
    undoHistory.pause();
    let restored = false;
    const restore = () => {
      if (restored) return;
      restored = true;
      loadDesign(saved.objects, { seed: saved.seed, positions: saved.positions });
      undoHistory.resume();
      if (wasPlaying) play();
    };
    window.addEventListener('beforeunload', restore);
    return () => {
      window.removeEventListener('beforeunload', restore);
      restore();
    };
  }, []);
}

/** `#present/5` opens slide 5; the hash then follows the slide shown, so a reload stays on it. */
function useSlideInHash(index: number): void {
  useEffect(() => {
    const m = /^#present\/(\d+)$/.exec(location.hash);
    if (m) setSlideIndex(Number(m[1]) - 1);
  }, []);
  const first = useRef(true);
  useEffect(() => {
    if (first.current && /^#present\/\d+$/.test(location.hash)) {
      first.current = false;
      return;
    }
    first.current = false;
    if (location.hash.startsWith('#present')) history.replaceState(null, '', `#present/${index + 1}`);
  }, [index]);
}

/** Publishes the state to presenter windows and obeys their navigation requests. */
function usePresenterSync(state: PresentState, act: (a: DeckAction) => void, go: (i: number) => void): void {
  const latest = useRef({ state, act, go });
  latest.current = { state, act, go };
  const channel = useRef<ReturnType<typeof openChannel>>(null);
  useEffect(() => {
    const onMessage = (m: DeckMessage) => {
      const { act: a, go: g } = latest.current;
      if (m.type === 'hello') channel.current?.post({ type: 'state', state: latest.current.state });
      else if (m.type === 'next' || m.type === 'prev' || m.type === 'reset') a(m.type);
      else if (m.type === 'go') g(m.slide);
    };
    channel.current = openChannel(onMessage);
    return () => {
      channel.current?.post({ type: 'bye' });
      channel.current?.close();
      channel.current = null;
    };
  }, []);
  const { markdown, slide, clicksLeft, nextClick, black, startedAt } = state;
  useEffect(() => {
    channel.current?.post({
      type: 'state',
      state: { markdown, slide, clicksLeft, nextClick, black, startedAt },
    });
  }, [markdown, slide, clicksLeft, nextClick, black, startedAt]);
}
