import { useEffect, useMemo, useState, type KeyboardEvent } from 'react';
import { Button, Icon } from '../../components/ui';
import {
  pause,
  play,
  resetSimulation,
  seekTo,
  setSpeed,
  SPEEDS,
  STEP_MS,
  stepBack,
  stepForward,
  useSession,
  useSimTime,
  useTimelineEnd,
  useTimelineMarkers,
  type SessionState,
  type TimelineMarker,
} from '../../store';
import { formatSimTime, formatSpeed } from './formatSimTime';
import { Scrub } from './scrub';

const selectPlaying = (s: SessionState) => s.playing;
const selectSpeed = (s: SessionState) => s.speed;

/** Marker colours by kind (failures red, evictions amber, rollouts blue, the autoscaler green/violet). */
const MARKER_COLOURS: Record<TimelineMarker['kind'], string> = {
  'node-failed': '#ef4444',
  'node-not-ready': '#f97316',
  evicted: '#f59e0b',
  'pod-broken': '#f43f5e',
  rollout: '#38bdf8',
  'scale-up': '#22c55e',
  'scale-down': '#a78bfa',
  'node-recovered': '#34d399',
  'node-ready': '#34d399',
};

/** Where a simulated time sits on the track, in percent. */
export function trackPercent(ms: number, end: number): number {
  return end <= 0 ? 0 : Math.max(0, Math.min(100, (ms / end) * 100));
}

/** Where a key moves the scrubber from `now` (arrows: 1 s, with Shift 10 s; pages: a tenth; Home, End). */
export function scrubKeyTarget(key: string, shift: boolean, now: number, end: number): number | null {
  const by = shift ? 10 * STEP_MS : STEP_MS;
  const page = Math.max(STEP_MS, Math.round(end / 10));
  const to = (ms: number) => Math.max(0, Math.min(end, ms));
  switch (key) {
    case 'ArrowLeft':
    case 'ArrowDown':
      return to(now - by);
    case 'ArrowRight':
    case 'ArrowUp':
      return to(now + by);
    case 'PageDown':
      return to(now - page);
    case 'PageUp':
      return to(now + page);
    case 'Home':
      return 0;
    case 'End':
      return end;
    default:
      return null;
  }
}

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.tagName !== 'string') return false;
  return el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName);
}

/** `.` steps forward one second, `,` back one second (when no text field has the focus). */
function useStepKeys(): void {
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      if (e.key === '.') stepForward();
      else if (e.key === ',') stepBack();
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

function StepIcon({ back = false }: { back?: boolean }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="16"
      height="16"
      aria-hidden="true"
      style={back ? { transform: 'scaleX(-1)' } : {}}
    >
      <path d="M6 5l9 7-9 7z" fill="currentColor" />
      <path d="M18 5v14" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
    </svg>
  );
}

function Markers({ end }: { end: number }) {
  const markers = useTimelineMarkers();
  return (
    <div className="pointer-events-none absolute inset-x-0 top-0 h-3" aria-label="Markers" role="group">
      {markers.map((m) => {
        const label = `${m.label} at ${formatSimTime(m.at)}`;
        return (
          <button
            key={`${m.kind}@${m.at}`}
            type="button"
            aria-label={label}
            title={`${formatSimTime(m.at)}\n${m.details.join('\n')}\nClick to go just before it`}
            data-marker={m.kind}
            className="pointer-events-auto absolute top-0 h-3 w-3 -translate-x-1/2 rotate-45 rounded-[2px] border border-[var(--kc-panel)] hover:scale-125 focus-visible:outline-2 focus-visible:outline-sky-400"
            style={{ left: `${trackPercent(m.at, end)}%`, background: MARKER_COLOURS[m.kind] }}
            onClick={() => seekTo(Math.max(0, m.at - 1))}
          />
        );
      })}
    </div>
  );
}

function Scrubber({ now, end }: { now: number; end: number }) {
  const scrub = useMemo(() => new Scrub(seekTo), []);
  const [drag, setDrag] = useState<number | null>(null);
  useEffect(() => () => scrub.cancel(), [scrub]);
  const value = drag ?? now;
  const filled = trackPercent(value, end);
  const release = (ms: number) => {
    setDrag(null);
    scrub.release(ms);
  };
  return (
    <>
      <div
        aria-hidden="true"
        className="pointer-events-none absolute inset-x-0 bottom-[5px] h-1.5 rounded-full"
        style={{
          background: `linear-gradient(to right, var(--color-k8s) ${filled}%, var(--color-slate-700) ${filled}%)`,
        }}
      />
      <input
        type="range"
        aria-label="Timeline"
        aria-valuetext={`${formatSimTime(value)} of ${formatSimTime(end)}`}
        min={0}
        max={Math.max(end, 1)}
        step={100}
        value={Math.min(value, Math.max(end, 1))}
        disabled={end <= 0}
        className="absolute inset-x-0 bottom-0 h-4 w-full cursor-pointer appearance-none bg-transparent focus-visible:outline-none disabled:cursor-default [&::-webkit-slider-runnable-track]:h-1.5 [&::-webkit-slider-runnable-track]:rounded-full [&::-webkit-slider-thumb]:-mt-[5px] [&::-webkit-slider-thumb]:h-4 [&::-webkit-slider-thumb]:w-4 [&::-webkit-slider-thumb]:appearance-none [&::-webkit-slider-thumb]:rounded-full [&::-webkit-slider-thumb]:border-2 [&::-webkit-slider-thumb]:border-[var(--color-k8s)] [&::-webkit-slider-thumb]:bg-[#fff] [&::-webkit-slider-thumb]:shadow focus-visible:[&::-webkit-slider-thumb]:ring-2 focus-visible:[&::-webkit-slider-thumb]:ring-sky-400"
        onPointerDown={(e) => {
          const el = e.currentTarget;
          setDrag(Number(el.value));
          const up = () => {
            window.removeEventListener('pointerup', up);
            release(Number(el.value));
          };
          window.addEventListener('pointerup', up);
        }}
        onChange={(e) => {
          const ms = Number(e.currentTarget.value);
          setDrag(ms);
          scrub.move(ms);
        }}
        onKeyDown={(e: KeyboardEvent<HTMLInputElement>) => {
          const to = scrubKeyTarget(e.key, e.shiftKey, now, end);
          if (to === null) return;
          e.preventDefault();
          seekTo(to);
        }}
      />
    </>
  );
}

/**
 * The timeline: play and pause, step, reset, speed (0.25x to 100x), the simulated time and how far the
 * recording goes, and a scrubber over the recording with markers for notable moments. Dragging back
 * replays the recorded inputs from time 0 (deterministic), so the cluster is exactly as it was.
 */
export function TimelineBar() {
  const playing = useSession(selectPlaying);
  const speed = useSession(selectSpeed);
  const now = useSimTime();
  const end = useTimelineEnd();
  useStepKeys();
  const rewound = now < end;
  return (
    <section
      aria-label="Time controls"
      className="kc-panel flex min-w-0 flex-col gap-0.5 border-t px-3 pt-1 pb-1.5"
    >
      <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
        <Button
          primary
          aria-label={playing ? 'Pause' : 'Play'}
          title={playing ? 'Pause' : 'Play'}
          onClick={playing ? pause : play}
        >
          <Icon name={playing ? 'pause' : 'play'} />
        </Button>
        <Button
          aria-label="Step back"
          title="Back one second (,)"
          onClick={() => stepBack()}
          disabled={now <= 0}
        >
          <StepIcon back />
        </Button>
        <Button
          aria-label="Step"
          title="Pause and advance one simulated second (.)"
          onClick={() => stepForward()}
        >
          <StepIcon />
        </Button>
        <Button
          aria-label="Reset"
          title="Reset: the same design from time 0 (forgets the recording)"
          onClick={resetSimulation}
        >
          <Icon name="reset" />
        </Button>
        <div className="flex items-baseline gap-1 font-mono text-[13px] tabular-nums">
          <output aria-label="Simulated time" className="text-slate-100" title="Simulated time (h:mm:ss)">
            {formatSimTime(now)}
          </output>
          <span className="text-slate-500">/</span>
          <output aria-label="Recorded until" className="text-slate-400" title="The furthest moment reached">
            {formatSimTime(end)}
          </output>
        </div>
        {rewound && (
          <span
            className="rounded bg-amber-500/15 px-1.5 py-0.5 text-[11px] text-amber-300"
            title="Play replays what was recorded after this moment; a change made now starts a new branch from here"
          >
            rewound
          </span>
        )}
        <div role="group" aria-label="Speed" className="ml-auto flex">
          {SPEEDS.map((s) => (
            <Button
              key={s}
              active={speed === s}
              aria-pressed={speed === s}
              className="!h-6 !px-1.5 text-xs"
              title={`${s} simulated second${s === 1 ? '' : 's'} per second`}
              onClick={() => setSpeed(s)}
            >
              {formatSpeed(s)}
            </Button>
          ))}
        </div>
      </div>
      <div className="relative h-7">
        <Markers end={end} />
        <Scrubber now={now} end={end} />
      </div>
    </section>
  );
}
