import { useRef, useState, type ChangeEvent, type KeyboardEvent } from 'react';
import { documentStore } from '../../store';
import {
  BUILT_IN_DECK_ID,
  createDeck,
  openDeck,
  redoDeckEdit,
  removeDeck,
  undoDeckEdit,
  useDeckHistory,
  renameDeck,
  setSlideIndex,
  updateDeckMarkdown,
  useDecks,
} from '../../store';
import { addSlideAfter, captureScene, editDeck, moveSlide, removeSlide, setSlide } from './deckEdits';
import { sceneBlock, slideScene, slideTitle } from './model';
import { APP_SCENE_TEMPLATES } from './sceneTemplates';
import { startPresenting } from './presentMode';
import { BUILT_IN_DECK_NAME } from './talk/builtInDeck';
import { useOpenDeck } from './useDeck';

const MAX_IMPORT_BYTES = 5_000_000;

/**
 * The deck panel: choose a deck (the built-in talk or one of yours), import and export it as Markdown, and
 * edit its slides: add, edit the Markdown and notes, reorder, delete, and capture the current canvas as
 * the slide's scene. The built-in deck is read-only; "Make an editable copy" gives you your own.
 */
export function DeckPanel() {
  const open = useOpenDeck();
  const decks = useDecks();
  const [selected, setSelected] = useState(0);
  const [message, setMessage] = useState('');
  const file = useRef<HTMLInputElement>(null);
  const slides = open.deck.slides;
  const index = Math.min(selected, slides.length - 1);
  const slide = slides[index];
  const scene = slide ? slideScene(slide, APP_SCENE_TEMPLATES) : null;
  const history = useDeckHistory();
  const edit = (e: Parameters<typeof editDeck>[1], select?: number, mergeKey?: string) => {
    if (open.builtIn) return;
    updateDeckMarkdown(open.id, editDeck(open.markdown, e), mergeKey);
    if (select !== undefined) setSelected(Math.max(0, select));
  };
  // Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y) undo and redo deck edits while the slide editor has focus; the
  // design's own undo (the app's shortcut) is left alone.
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const mod = e.ctrlKey || e.metaKey;
    const key = e.key.toLowerCase();
    if (!mod || (key !== 'z' && key !== 'y')) return;
    e.preventDefault();
    e.stopPropagation();
    if (key === 'y' || e.shiftKey) redoDeckEdit();
    else undoDeckEdit();
  };

  const onImport = async (e: ChangeEvent<HTMLInputElement>) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (!f) return;
    if (f.size > MAX_IMPORT_BYTES) return setMessage(`${f.name} is too large for a deck`);
    createDeck(f.name.replace(/\.(md|markdown)$/i, ''), await f.text());
    setSelected(0);
    setMessage(`Imported ${f.name}`);
  };

  return (
    <section
      aria-label="Deck"
      onKeyDown={onKeyDown}
      className="flex h-full min-h-0 flex-col gap-2 p-3 text-sm text-slate-200"
    >
      <div className="flex flex-wrap items-center gap-2">
        <label className="flex items-center gap-1">
          <span className="sr-only">Deck</span>
          <select
            aria-label="Deck"
            value={open.id}
            onChange={(e) => {
              openDeck(e.target.value);
              setSelected(0);
            }}
            className="rounded border border-slate-600 bg-slate-900 px-1 py-0.5 text-slate-100"
          >
            <option value={BUILT_IN_DECK_ID}>{BUILT_IN_DECK_NAME}</option>
            {decks.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <Btn onClick={() => (setSelected(0), createDeck('New deck', '# New deck\n'))}>New deck</Btn>
        <Btn onClick={() => createDeck(`${open.name} (copy)`, open.markdown)}>
          {open.builtIn ? 'Make an editable copy' : 'Duplicate'}
        </Btn>
        <Btn onClick={() => file.current?.click()}>Import .md</Btn>
        <input
          ref={file}
          type="file"
          accept=".md,.markdown,text/markdown,text/plain"
          hidden
          onChange={onImport}
        />
        <Btn onClick={() => download(`${open.name}.md`, open.markdown)}>Export .md</Btn>
        <Btn disabled={!history.canUndo} onClick={() => undoDeckEdit()} title="Undo deck edit (Ctrl+Z)">
          Undo
        </Btn>
        <Btn disabled={!history.canRedo} onClick={() => redoDeckEdit()} title="Redo deck edit (Ctrl+Shift+Z)">
          Redo
        </Btn>
        {!open.builtIn && <Btn onClick={() => removeDeck(open.id)}>Delete deck</Btn>}
        <Btn
          primary
          onClick={() => {
            setSlideIndex(index);
            startPresenting();
          }}
        >
          Present from here
        </Btn>
      </div>
      {!open.builtIn && (
        <label className="flex items-center gap-2">
          Name
          <input
            value={open.name}
            onChange={(e) => renameDeck(open.id, e.target.value)}
            className="flex-1 rounded border border-slate-600 bg-slate-900 px-1 text-slate-100"
          />
        </label>
      )}
      {message && (
        <p role="status" className="text-xs text-slate-400">
          {message}
        </p>
      )}
      <div className="grid min-h-0 flex-1 grid-cols-[14rem_1fr] gap-3">
        <ol aria-label="Slides" className="min-h-0 overflow-auto rounded border border-slate-700">
          {slides.map((s, i) => (
            <li
              key={i}
              className={`flex items-center gap-1 border-b border-slate-800 px-1 ${i === index ? 'bg-sky-900/50' : ''}`}
            >
              <button
                type="button"
                onClick={() => setSelected(i)}
                className="flex-1 truncate py-1 text-left"
                aria-current={i === index ? 'true' : undefined}
              >
                <span className="mr-1 text-slate-400">{i + 1}</span>
                {sceneBlock(s) !== null && (
                  <span className="mr-1 text-emerald-400" title="live scene">
                    ●
                  </span>
                )}
                {slideTitle(s) || 'untitled'}
              </button>
              {!open.builtIn && (
                <>
                  <IconBtn label={`Move slide ${i + 1} up`} onClick={() => edit(moveSlide(i, i - 1), i - 1)}>
                    ↑
                  </IconBtn>
                  <IconBtn
                    label={`Move slide ${i + 1} down`}
                    onClick={() => edit(moveSlide(i, i + 1), Math.min(i + 1, slides.length - 1))}
                  >
                    ↓
                  </IconBtn>
                  <IconBtn
                    label={`Delete slide ${i + 1}`}
                    onClick={() => edit(removeSlide(i), Math.min(i, slides.length - 2))}
                  >
                    ✕
                  </IconBtn>
                </>
              )}
            </li>
          ))}
        </ol>
        {slide && (
          <div className="flex min-h-0 flex-col gap-2">
            <div className="flex flex-wrap gap-2">
              <Btn disabled={open.builtIn} onClick={() => edit(addSlideAfter(index), index + 1)}>
                Add slide
              </Btn>
              <Btn
                disabled={open.builtIn}
                onClick={() => {
                  const d = documentStore.getState();
                  edit(captureScene(index, d.objects, d.seed));
                  setMessage(
                    `Captured ${d.objects.length} objects (seed ${d.seed}) as slide ${index + 1}'s scene`,
                  );
                }}
              >
                Capture canvas as this slide’s scene
              </Btn>
            </div>
            {scene && scene.errors.length > 0 && (
              <ul aria-label="Scene errors" className="rounded bg-rose-950 p-2 text-xs text-rose-200">
                {scene.errors.map((e, i) => (
                  <li key={i}>{e}</li>
                ))}
              </ul>
            )}
            <label className="flex min-h-0 flex-[2] flex-col">
              Slide (Markdown; a ```scene block plays live)
              <textarea
                value={slide.body}
                readOnly={open.builtIn}
                onChange={(e) => edit(setSlide(index, { body: e.target.value }), undefined, `${index}:body`)}
                spellCheck={false}
                className="min-h-24 flex-1 rounded border border-slate-700 bg-slate-900 p-2 font-mono text-xs text-slate-100"
              />
            </label>
            <label className="flex min-h-0 flex-1 flex-col">
              Speaker notes
              <textarea
                value={slide.notes}
                readOnly={open.builtIn}
                onChange={(e) =>
                  edit(setSlide(index, { notes: e.target.value }), undefined, `${index}:notes`)
                }
                className="min-h-16 flex-1 rounded border border-slate-700 bg-slate-900 p-2 text-xs text-slate-100"
              />
            </label>
          </div>
        )}
      </div>
    </section>
  );
}

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name.replace(/[\\/:*?"<>|]+/g, '-');
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function Btn({
  onClick,
  children,
  primary,
  disabled,
  title,
}: {
  onClick: () => void;
  children: React.ReactNode;
  primary?: boolean;
  disabled?: boolean;
  title?: string;
}) {
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      title={title}
      className={`rounded border px-2 py-0.5 disabled:opacity-40 ${primary ? 'border-sky-700 bg-sky-700 text-white hover:bg-sky-600' : 'border-slate-600 bg-slate-800 text-slate-200 hover:bg-slate-700'}`}
    >
      {children}
    </button>
  );
}

function IconBtn({
  label,
  onClick,
  children,
}: {
  label: string;
  onClick: () => void;
  children: React.ReactNode;
}) {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      onClick={onClick}
      className="rounded px-1 text-slate-400 hover:bg-slate-700"
    >
      {children}
    </button>
  );
}
