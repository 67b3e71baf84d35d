import type { KubeObject } from '../../../engine';

/**
 * A deck: Markdown slides. `body` is the slide's Markdown (including its ```scene and ```diagram blocks, as
 * written); `notes` is the speaker's text (Markdown too), shown only in the presenter view.
 */
export interface Deck {
  slides: Slide[];
}

export interface Slide {
  body: string;
  notes: string;
}

/** When a scene step runs: at a simulated time after the scene starts, or at the presenter's click. */
export interface SceneStep {
  /** Simulated ms after the scene starts (timed steps) or after the click (click steps). */
  atMs: number;
  click: boolean;
  /** A kubectl or kubecanvas command line (src/engine/commands grammar). */
  run: string;
}

/** A slide's live scene: a design, a seed, and the steps that play on the virtual clock. */
export interface Scene {
  /** Objects loaded into the simulation when the slide opens (a template's objects, then inline ones). */
  objects: KubeObject[];
  /** Name of the template the design starts from, when it uses one. */
  template?: string;
  seed: number;
  steps: SceneStep[];
  /** Simulated ms per wall-clock ms while the scene plays (1 = real time). */
  speed: number;
  /** How long the scene runs after its last click, in simulated ms (the last step plus 30 s by default). */
  durationMs: number;
}

/** A box of a ```diagram block: a title, lines inside it, and nested boxes (a VM holding processes). */
export interface DiagramBox {
  title: string;
  items: string[];
  boxes: DiagramBox[];
  tone: DiagramTone;
}

export type DiagramTone = 'plain' | 'vm' | 'container' | 'file' | 'cloud' | 'warn';

/** A diagram: rows of boxes, drawn left to right with arrows between neighbours when `arrows` is set. */
export interface Diagram {
  rows: { boxes: DiagramBox[]; arrows: boolean }[];
  caption: string;
}
