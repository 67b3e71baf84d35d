/** Edits of a deck's slides, as pure functions over its Markdown (the stored form of a deck). */
import { parseDeck, sceneBlock, serializeDeck, sceneYaml, withSceneBlock, type Slide } from './model';
import type { KubeObject } from '../../engine';

type Edit = (slides: Slide[]) => Slide[];

/** Applies an edit to the slides of a deck's Markdown and writes it back. */
export function editDeck(markdown: string, edit: Edit): string {
  const slides = edit(parseDeck(markdown).slides);
  return serializeDeck({ slides: slides.length ? slides : [{ body: '', notes: '' }] });
}

export const addSlideAfter =
  (index: number, slide: Slide = { body: '# New slide', notes: '' }): Edit =>
  (slides) => [...slides.slice(0, index + 1), slide, ...slides.slice(index + 1)];

export const removeSlide =
  (index: number): Edit =>
  (slides) =>
    slides.filter((_, i) => i !== index);

export const moveSlide =
  (from: number, to: number): Edit =>
  (slides) => {
    if (to < 0 || to >= slides.length || from === to) return slides;
    const next = [...slides];
    const [s] = next.splice(from, 1);
    if (s) next.splice(to, 0, s);
    return next;
  };

export const setSlide =
  (index: number, patch: Partial<Slide>): Edit =>
  (slides) =>
    slides.map((s, i) => (i === index ? { ...s, ...patch } : s));

/** Makes the given design (the canvas's authored objects and seed) the slide's scene, keeping its steps. */
export const captureScene =
  (index: number, objects: readonly KubeObject[], seed: number): Edit =>
  (slides) =>
    slides.map((s, i) => (i === index ? withSceneBlock(s, sceneYaml([...objects], seed, sceneBlock(s))) : s));
