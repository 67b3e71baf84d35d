/**
 * The bottom dock: Events (the cluster's events, filterable), YAML (the selected object or the whole
 * design), Console (kubectl) and Charts (per-Service traffic). Tabs follow the WAI-ARIA tabs pattern
 * (arrow keys move between them). Heavy tabs load on first open; an opened tab stays mounted, so the
 * console keeps its history when people switch away and back. openWhatIf (the inspector's "What if…")
 * opens Charts on its What if… view; an import that failed opens YAML on its text.
 */
import { lazy, Suspense, useEffect, useState, type KeyboardEvent } from 'react';
import { useSession, type SessionState } from '../../store';
import { Console } from '../console';
import { EventsPanel } from './EventsPanel';
import { onWhatIfRequest, type WhatIfRequest } from './whatIfRequest';

const YamlPanel = lazy(() => import('./YamlPanel'));
const Charts = lazy(() => import('../charts').then((m) => ({ default: m.Charts })));

const TABS = ['Events', 'YAML', 'Console', 'Charts'] as const;
type Tab = (typeof TABS)[number];

function panel(tab: Tab, whatIf: WhatIfRequest | undefined) {
  switch (tab) {
    case 'Events':
      return <EventsPanel />;
    case 'YAML':
      return <YamlPanel />;
    case 'Console':
      return <Console />;
    case 'Charts':
      return <Charts {...(whatIf ? { whatIf } : {})} />;
  }
}

/** The newest failed import (the YAML tab opens on it). */
const selectLatestRejected = (s: SessionState) => s.rejectedImports.at(-1)?.id;

export function Dock() {
  const [tab, setTab] = useState<Tab>('Events');
  const [opened, setOpened] = useState<ReadonlySet<Tab>>(() => new Set(['Events']));
  const [whatIf, setWhatIf] = useState<WhatIfRequest | undefined>();
  const open = (t: Tab) => {
    setTab(t);
    setOpened((s) => (s.has(t) ? s : new Set([...s, t])));
  };
  const rejected = useSession(selectLatestRejected);
  useEffect(() => {
    if (rejected === undefined) return;
    setTab('YAML');
    setOpened((s) => (s.has('YAML') ? s : new Set([...s, 'YAML'])));
  }, [rejected]);
  useEffect(
    () =>
      onWhatIfRequest((r) => {
        setWhatIf(r);
        setTab('Charts');
        setOpened((s) => (s.has('Charts') ? s : new Set([...s, 'Charts'])));
      }),
    [],
  );
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    const i = TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? TABS[(i + 1) % TABS.length]
        : e.key === 'ArrowLeft'
          ? TABS[(i + TABS.length - 1) % TABS.length]
          : undefined;
    if (!next) return;
    e.preventDefault();
    open(next);
    document.getElementById(`dock-tab-${next}`)?.focus();
  };
  return (
    <div className="flex h-full min-h-0 flex-col bg-slate-900 text-xs text-slate-200">
      <div
        role="tablist"
        aria-label="Dock panels"
        className="flex gap-1 border-b border-slate-700 px-2"
        onKeyDown={onKey}
      >
        {TABS.map((t) => (
          <button
            key={t}
            id={`dock-tab-${t}`}
            type="button"
            role="tab"
            aria-selected={tab === t}
            aria-controls={`dock-panel-${t}`}
            tabIndex={tab === t ? 0 : -1}
            className={`px-3 py-1 ${tab === t ? 'border-b-2 border-sky-400 text-slate-100' : 'text-slate-400 hover:text-slate-200'}`}
            onClick={() => open(t)}
          >
            {t}
          </button>
        ))}
      </div>
      {TABS.filter((t) => opened.has(t)).map((t) => (
        <div
          key={t}
          role="tabpanel"
          id={`dock-panel-${t}`}
          aria-labelledby={`dock-tab-${t}`}
          hidden={tab !== t}
          className="min-h-0 flex-1"
        >
          <Suspense fallback={<p className="p-2 text-slate-400">Loading…</p>}>{panel(t, whatIf)}</Suspense>
        </div>
      ))}
    </div>
  );
}
