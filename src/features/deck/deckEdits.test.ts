import { describe, expect, it } from 'vitest';
import { addSlideAfter, captureScene, editDeck, moveSlide, removeSlide, setSlide } from './deckEdits';
import { parseDeck, slideScene } from './model';

const deck = '# A\n\n---\n\n# B\n\nNote:\nb notes\n\n---\n\n# C\n';
const titles = (md: string) => parseDeck(md).slides.map((s) => s.body);

describe('deck edits', () => {
  it.each([
    {
      name: 'Adding after the first slide puts the new one second.',
      edit: addSlideAfter(0),
      out: ['# A', '# New slide', '# B', '# C'],
    },
    {
      name: 'Removing the middle slide keeps the others in order.',
      edit: removeSlide(1),
      out: ['# A', '# C'],
    },
    {
      name: 'Moving the last slide to the front reorders the deck.',
      edit: moveSlide(2, 0),
      out: ['# C', '# A', '# B'],
    },
    { name: 'Moving past the end changes nothing.', edit: moveSlide(2, 3), out: ['# A', '# B', '# C'] },
    {
      name: 'Setting a body changes that slide only.',
      edit: setSlide(0, { body: '# Z' }),
      out: ['# Z', '# B', '# C'],
    },
  ])('$name', ({ edit, out }) => {
    expect(titles(editDeck(deck, edit))).toEqual(out);
  });

  it('Keeps the notes of the slides it does not touch.', () => {
    expect(parseDeck(editDeck(deck, moveSlide(1, 0))).slides[0]).toEqual({ body: '# B', notes: 'b notes' });
  });

  it('Removing the only slide leaves one empty slide.', () => {
    expect(parseDeck(editDeck('# only', removeSlide(0))).slides).toEqual([{ body: '', notes: '' }]);
  });

  it('Capturing the canvas makes its design and seed the slide scene.', () => {
    const objects = [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default' } }];
    const md = editDeck(deck, captureScene(1, objects, 42));
    const slide = parseDeck(md).slides[1];
    expect(slide && slideScene(slide)?.scene).toMatchObject({ seed: 42, objects });
    expect(slide?.notes).toBe('b notes');
  });

  it('Capturing again keeps the scene steps and speed, and writes shared values out in full (no YAML aliases).', () => {
    const node = { cpu: '2' };
    const objects = [
      {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name: 'n' },
        status: { capacity: node, allocatable: node },
      },
    ];
    const first = '# A\n```scene\nseed: 1\nspeed: 5\nsteps: [{click: true, run: kubectl get pods}]\n```';
    const md = editDeck(first, captureScene(0, objects, 3));
    expect(md).not.toMatch(/[&*]a1/);
    const slide = parseDeck(md).slides[0];
    expect(slide && slideScene(slide)?.scene).toMatchObject({
      seed: 3,
      speed: 5,
      objects,
      steps: [{ click: true, run: 'kubectl get pods' }],
    });
  });
});
