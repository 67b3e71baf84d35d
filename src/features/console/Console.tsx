/**
 * The kubectl console: a line of input with history (Up/Down) and tab completion of verbs, resource types
 * and names, and the output of each command as kubectl prints it. Lines run through the store's
 * runCommand at the simulation's current instant. `k` is accepted for `kubectl`, and a line that starts
 * with a verb (`get pods`) is read as a kubectl line. Output is text, never markup.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { resolveResource } from '../../engine';
import { getSimulation, runCommand } from '../../store';
import { completeLine, normalizeLine } from './complete';
import { emptyHistory, pushHistory, walkHistory, type HistoryState } from './history';

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
  const logRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const el = logRef.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [entries]);

  const run = () => {
    const line = text.trim();
    setHistory((h) => pushHistory(h, line));
    setText('');
    setHint('');
    if (!line) return;
    if (line === 'clear') {
      setEntries([]);
      return;
    }
    const r = runCommand(normalizeLine(line));
    setEntries((es) => [...es, { id: nextId++, line, output: r.output, ok: r.ok }].slice(-MAX_ENTRIES));
  };

  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      run();
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
