/**
 * The kubectl console: a line of input with history (Up/Down) and tab completion of verbs, resource types
 * and names, and the output of each command as kubectl prints it. Lines run through the store's
 * runCommand at the simulation's current instant. `k` is accepted for `kubectl`, and a line that starts
 * with a verb (`get pods`) is read as a kubectl line. Output is text, never markup.
 *
 * A command kubectl would keep running (`rollout status` until the rollout is done, `logs -f` while the
 * container runs) comes back `pending`: the console then runs the same line again whenever simulated
 * time moves (subscribeTime), appending what changed, until it is no longer pending or Ctrl+C stops it.
 * A line waiting for something to appear (`logs deploy/web` before the workload has a pod) prints nothing
 * until it appears, or prints kubectl's timeout error after its wait (`waitMs`) in simulated time.
 * It never blocks: runCommand may return a result or a Promise of one.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { parseDuration, resolveResource } from '../../engine';
import { getSimulation, play, runCommand, subscribeTime, useSession } from '../../store';
import { completeLine, normalizeLine } from './complete';
import { followKind, followTimeoutMs, newOutput, TIMED_OUT, waitState } from './follow';
import { emptyHistory, pushHistory, walkHistory, type HistoryState } from './history';

interface Result {
  ok: boolean;
  output: string;
  pending?: boolean;
  /** With `pending`: waiting for something to appear, this long at most; `output` if it does not. */
  waitMs?: number;
}

/** Wall-clock gap between two re-runs of a followed command (the simulation may move every frame). */
const FOLLOW_INTERVAL_MS = 120;

/** Runs a line; tolerant of a runCommand that answers now or later. */
async function run(line: string): Promise<Result> {
  try {
    return (await Promise.resolve(runCommand(line))) as Result;
  } catch (e) {
    return { ok: false, output: `error: ${e instanceof Error ? e.message : String(e)}` };
  }
}

interface Entry {
  id: number;
  line: string;
  output: string;
  ok: boolean;
}

const MAX_ENTRIES = 200;

function namesOf(resourceType: string): string[] {
  const kind = resolveResource(resourceType)?.kind;
  if (!kind) return [];
  return getSimulation()
    .store.list(kind)
    .map((o) => o.metadata.name);
}

let nextId = 0;

export function Console() {
  const [entries, setEntries] = useState<Entry[]>([
    {
      id: nextId++,
      line: '',
      output: 'Type kubectl commands, e.g. kubectl get pods -o wide. Tab completes, Up/Down recall.',
      ok: true,
    },
  ]);
  const [text, setText] = useState('');
  const [history, setHistory] = useState<HistoryState>(emptyHistory);
  const [hint, setHint] = useState('');
  /** The entry of the command being followed, or null. */
  const [waiting, setWaiting] = useState<number | null>(null);
  const follow = useRef<{ id: number; line: string; shown: string; stop: () => void } | null>(null);
  const logRef = useRef<HTMLDivElement>(null);
  const playing = useSession((s) => s.playing);

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const stopFollowing = useCallback((interrupted: boolean) => {
    const f = follow.current;
    if (!f) return;
    f.stop();
    follow.current = null;
    setWaiting(null);
    if (interrupted)
      setEntries((es) => es.map((e) => (e.id === f.id ? { ...e, output: `${e.output}\n^C` } : e)));
  }, []);

  useEffect(() => () => follow.current?.stop(), []);

  const startFollowing = (id: number, line: string, shown: string, startedAt: number) => {
    let busy = false;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const kind = followKind(line);
    const timeoutMs = followTimeoutMs(line, parseDuration);
    const tick = async () => {
      const f = follow.current;
      if (!f || f.id !== id || busy) return;
      busy = true;
      last = Date.now();
      const r = await run(line);
      busy = false;
      if (follow.current !== f) return;
      const wait = waitState(r, getSimulation().now - startedAt);
      if (wait === 'waiting') return;
      if (wait === 'timed-out') {
        setEntries((es) => es.map((e) => (e.id === id ? { ...e, ok: false, output: r.output } : e)));
        stopFollowing(false);
        return;
      }
      const add = newOutput(kind, f.shown, r.output);
      f.shown = r.output;
      if (add)
        setEntries((es) =>
          es.map((e) =>
            e.id === id ? { ...e, ok: r.ok, output: e.output ? `${e.output}\n${add}` : add } : e,
          ),
        );
      if (!r.pending) stopFollowing(false);
      else if (timeoutMs !== undefined && getSimulation().now - startedAt >= timeoutMs) {
        setEntries((es) =>
          es.map((e) => (e.id === id ? { ...e, ok: false, output: `${e.output}\n${TIMED_OUT}` } : e)),
        );
        stopFollowing(false);
      }
    };
    const onTime = () => {
      if (timer !== undefined) return;
      timer = setTimeout(
        () => {
          timer = undefined;
          void tick();
        },
        Math.max(0, FOLLOW_INTERVAL_MS - (Date.now() - last)),
      );
    };
    const unsubscribe = subscribeTime(onTime);
    follow.current = {
      id,
      line,
      shown,
      stop: () => {
        unsubscribe();
        if (timer !== undefined) clearTimeout(timer);
      },
    };
    setWaiting(id);
  };

  const submit = async () => {
    if (follow.current) return; // a command is still running: Ctrl+C stops it
    const line = text.trim();
    setHistory((h) => pushHistory(h, line));
    setText('');
    setHint('');
    if (!line) return;
    if (line === 'clear') {
      setEntries([]);
      return;
    }
    const normalized = normalizeLine(line);
    const typedAt = getSimulation().now;
    const r = await run(normalized);
    const id = nextId++;
    // Waiting for something to appear: nothing is printed yet (unless the wait is already over).
    const wait = waitState(r, getSimulation().now - typedAt);
    const shown = wait === 'waiting' ? { output: '', ok: true } : { output: r.output, ok: r.ok };
    setEntries((es) => [...es, { id, line, ...shown }].slice(-MAX_ENTRIES));
    if (r.pending && wait !== 'timed-out') startFollowing(id, normalized, shown.output, typedAt);
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    const input = e.currentTarget;
    if (
      e.key.toLowerCase() === 'c' &&
      e.ctrlKey &&
      follow.current &&
      input.selectionStart === input.selectionEnd
    ) {
      e.preventDefault();
      stopFollowing(true);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      void submit();
    } else if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      const r = walkHistory(history, e.key === 'ArrowUp' ? 'up' : 'down', text);
      setHistory(r.state);
      setText(r.text);
    } else if (e.key === 'Tab' && text.trim() !== '') {
      e.preventDefault();
      const c = completeLine(normalizeLine(text) + (/\s$/.test(text) ? ' ' : ''), namesOf);
      setText(c.line);
      setHint(c.candidates.join('  '));
    }
  };

  return (
    <div className="flex h-full min-h-0 flex-col bg-slate-950 font-mono text-xs text-slate-200">
      <div ref={logRef} role="log" aria-label="Console output" className="min-h-0 flex-1 overflow-auto p-2">
        {entries.map((e) => (
          <div key={e.id} className="mb-1">
            {e.line && <div className="text-sky-300">$ {e.line}</div>}
            {e.output && (
              <pre className={`whitespace-pre-wrap ${e.ok ? 'text-slate-200' : 'text-red-400'}`}>
                {e.output}
              </pre>
            )}
          </div>
        ))}
      </div>
      {waiting !== null && (
        <div role="status" className="px-2 text-amber-300">
          Waiting in simulated time… Ctrl+C stops.
          {!playing && (
            <>
              {' '}
              The simulation is paused:{' '}
              <button type="button" className="underline" onClick={play}>
                play
              </button>{' '}
              to let it move.
            </>
          )}
        </div>
      )}
      {hint && <div className="px-2 text-slate-400">{hint}</div>}
      <div className="flex items-center gap-1 border-t border-slate-800 px-2 py-1">
        <span aria-hidden="true" className="text-sky-400">
          $
        </span>
        <input
          aria-label="kubectl command"
          className="flex-1 bg-transparent text-slate-100 outline-none placeholder:text-slate-500"
          placeholder="kubectl get pods"
          spellCheck={false}
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={onKey}
        />
      </div>
    </div>
  );
}
