import { Markdown } from './markdown/Markdown';
import { Canvas } from '../canvas';
import { SceneBoundary } from './SceneBoundary';
import { useEffect, useState } from 'react';
import { getSimulation, requestFit, useObjectKeys } from '../../store';
import type { Slide } from './model';

export interface SlideViewProps {
  slide: Slide;
  /** The slide's scene, when it has one: errors to show instead of the cluster, or null when it is fine. */
  scene: { errors: string[] } | null;
  /** The last scene step, shown under the cluster as the command a person would type. */
  lastStep?: { run: string; ok: boolean; output: string } | null;
  clicksLeft?: number;
  /** Changes when the scene starts over (a new slide, a reset): the canvas fits the new cluster. */
  sceneKey?: string;
  /** The scene's speed (simulated ms per wall ms), shown beside the simulated clock. */
  speed?: number;
}

/** One slide as the audience sees it: its text, and under it the live cluster when it has a scene. */
export function SlideView({ slide, scene, lastStep, clicksLeft = 0, sceneKey, speed = 1 }: SlideViewProps) {
  if (!scene) {
    return (
      <article className="mx-auto flex h-full max-w-[min(80rem,92vw)] flex-col justify-center overflow-auto px-[6vw] py-[5vh] text-[clamp(16px,2.3vw,40px)]">
        <Markdown text={slide.body} />
      </article>
    );
  }
  return (
    <div className="flex h-full flex-col gap-3 px-[3vw] pt-[3vh] pb-8">
      <article className="max-h-[45%] shrink-0 overflow-auto text-[clamp(14px,1.45vw,30px)] [&_h2]:mb-2">
        <Markdown text={slide.body} />
        {clicksLeft > 0 && (
          <p className="mt-4 text-[0.55em] text-slate-600" data-testid="clicks-left">
            {clicksLeft} more {clicksLeft === 1 ? 'step' : 'steps'}: press → to run the next one
          </p>
        )}
      </article>
      <div className="flex min-h-0 flex-1 flex-col rounded-xl border border-slate-200 bg-slate-50">
        {scene.errors.length > 0 ? (
          <ul className="m-4 rounded bg-rose-50 p-3 text-sm text-rose-800" aria-label="Scene errors">
            {scene.errors.map((e, i) => (
              <li key={i}>{e}</li>
            ))}
          </ul>
        ) : (
          <div
            className="relative min-h-0 flex-1 overflow-hidden rounded-t-xl"
            aria-label="Live cluster"
            role="group"
          >
            <SceneClock speed={speed} />
            <RefitWhenNodesChange />
            <SceneBoundary key={sceneKey}>
              <Canvas />
            </SceneBoundary>
          </div>
        )}
        {lastStep && (
          <pre
            data-testid="last-step"
            className={`m-3 mt-0 max-h-32 overflow-auto rounded p-2 font-mono text-xs whitespace-pre-wrap ${lastStep.ok ? 'bg-slate-900 text-slate-100' : 'bg-rose-950 text-rose-100'}`}
          >
            {`$ ${lastStep.run}\n${lastStep.output}`}
          </pre>
        )}
      </div>
    </div>
  );
}

/**
 * The scene's simulated time (and speed when not real time), so "five minutes later" can be seen. It reads
 * the clock four times a second: the store only publishes frames that changed objects, and a quiet
 * cluster still has time passing.
 */
function SceneClock({ speed }: { speed: number }) {
  const [ms, setMs] = useState(() => getSimulation().now);
  useEffect(() => {
    const timer = setInterval(() => setMs(getSimulation().now), 250);
    return () => clearInterval(timer);
  }, []);
  const s = Math.floor(ms / 1000);
  const text = s < 60 ? `${s}s` : `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return (
    <div
      data-testid="scene-clock"
      className="pointer-events-none absolute top-2 right-3 z-10 rounded bg-slate-900/80 px-2 py-0.5 font-mono text-sm text-slate-200"
    >
      {text}
      {speed !== 1 && <span className="ml-2 text-amber-300">{speed}×</span>}
    </div>
  );
}

/** Nodes joining or leaving (a node added, the autoscaler, serverless VMs): fit the canvas to them again. */
function RefitWhenNodesChange() {
  const nodes = useObjectKeys('Node');
  useEffect(() => {
    const timer = setTimeout(requestFit, 500);
    return () => clearTimeout(timer);
  }, [nodes]);
  return null;
}
