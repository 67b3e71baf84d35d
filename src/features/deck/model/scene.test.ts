import { describe, expect, it } from 'vitest';
import { parseScene, sceneYaml, slideScene, withSceneBlock } from './scene';
import { parseDiagram } from './diagram';

const pod = '{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: c, image: nginx}]}}';

describe('parseScene', () => {
  it('Reads the seed, speed, a template with inline objects, and timed and click steps.', () => {
    const r = parseScene(
      [
        'seed: 7',
        'speed: 10',
        'design:',
        '  template: two-nodes',
        `  objects: [${pod}]`,
        'steps:',
        '- {at: 5s, run: kubectl scale deployment/web --replicas=5}',
        '- {click: true, run: "kubecanvas node fail node-2"}',
        '- {click: true, at: 1m30s, run: kubectl get pods}',
      ].join('\n'),
    );
    expect(r.errors).toEqual([]);
    expect(r.scene?.seed).toBe(7);
    expect(r.scene?.speed).toBe(10);
    expect(r.scene?.template).toBe('two-nodes');
    expect(r.scene?.objects.map((o) => o.metadata.name)).toEqual(['node-1', 'node-2', 'p']);
    expect(r.scene?.steps).toEqual([
      { atMs: 5000, click: false, run: 'kubectl scale deployment/web --replicas=5' },
      { atMs: 0, click: true, run: 'kubecanvas node fail node-2' },
      { atMs: 90_000, click: true, run: 'kubectl get pods' },
    ]);
    expect(r.scene?.durationMs).toBe(5000 + 90_000 + 30_000);
  });

  it('Takes a design given as a plain list of objects, with seed 1 and speed 1 by default.', () => {
    const r = parseScene(`design: [${pod}]`);
    expect(r.scene).toMatchObject({ seed: 1, speed: 1, steps: [], durationMs: 30_000 });
    expect(r.scene?.objects).toHaveLength(1);
  });

  it.each([
    { text: 'seed: [1', error: 'scene:' },
    { text: '- just a list', error: 'expected a mapping' },
    { text: 'seed: 1.5', error: 'seed must be an integer' },
    { text: 'speed: 0', error: 'speed must be a positive number' },
    { text: 'design: {template: nope}', error: 'unknown template "nope"' },
    { text: 'design: [{kind: Pod}]', error: 'object 1 needs apiVersion, kind and metadata.name' },
    { text: 'steps: [{at: 5s}]', error: 'step 1 needs run' },
    { text: 'steps: [{at: soon, run: x}]', error: '"soon" is not a duration' },
    { text: 'duration: forever', error: 'is not a duration' },
    {
      text: 'a: &a [1,1]\nb: [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]',
      error: 'alias',
    },
    { text: 'seed: 1\nseed: 2', error: 'scene:' },
  ])('Refuses "$text" saying "$error".', ({ text, error }) => {
    const r = parseScene(text);
    expect(r.scene).toBeNull();
    expect(r.errors.join('\n')).toContain(error);
  });

  it('Keeps a __proto__ key as a plain property and pollutes nothing.', () => {
    const r = parseScene('__proto__: {polluted: yes}\nseed: 2');
    expect(r.scene?.seed).toBe(2);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('scene blocks in slides', () => {
  it('Finds the scene of a slide, and a slide without one has none.', () => {
    expect(slideScene({ body: '# x\n```scene\nseed: 3\n```', notes: '' })?.scene?.seed).toBe(3);
    expect(slideScene({ body: '# x\n```yaml\nseed: 3\n```', notes: '' })).toBeNull();
  });

  it('Captures a design into the slide, replacing its scene or adding one.', () => {
    const objects = [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }];
    const yaml = sceneYaml(objects, 9);
    const added = withSceneBlock({ body: '# T', notes: 'n' }, yaml);
    expect(slideScene(added)?.scene).toMatchObject({ seed: 9, objects });
    const replaced = withSceneBlock({ body: '# T\n```scene\nseed: 1\n```\nafter', notes: '' }, yaml);
    expect(replaced.body.endsWith('```\nafter')).toBe(true);
    expect(slideScene(replaced)?.scene?.seed).toBe(9);
  });
});

describe('parseDiagram', () => {
  it('Reads rows of boxes, titles given alone or with items, tones and nested boxes.', () => {
    const r = parseDiagram(
      'caption: c\nrows:\n- arrows: true\n  boxes: [LB, {title: VM, tone: vm, items: [redis], boxes: [app]}]\n- [a, b]',
    );
    expect(r.error).toBeNull();
    expect(r.diagram?.caption).toBe('c');
    expect(r.diagram?.rows[0]?.arrows).toBe(true);
    expect(r.diagram?.rows[0]?.boxes[1]).toEqual({
      title: 'VM',
      tone: 'vm',
      items: ['redis'],
      boxes: [{ title: 'app', items: [], boxes: [], tone: 'plain' }],
    });
    expect(r.diagram?.rows[1]?.boxes.map((b) => b.title)).toEqual(['a', 'b']);
  });

  it.each(['rows: 5', 'rows: [', '42'])('Refuses "%s" with a message.', (text) => {
    expect(parseDiagram(text).error).toMatch(/^diagram:/);
  });

  it('Ignores an unknown tone and objects where text is expected.', () => {
    const r = parseDiagram('- [{title: {x: 1}, tone: evil, items: [{a: 1}]}]');
    expect(r.diagram?.rows[0]?.boxes[0]).toEqual({ title: '', tone: 'plain', items: [''], boxes: [] });
  });
});

describe('scene templates', () => {
  it('Uses the templates it is given, so the app can offer its own (e.g. web).', () => {
    const web = () => [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'web-ns' } }];
    expect(parseScene('design: {template: web}').errors).toEqual(['scene: unknown template "web"']);
    expect(parseScene('design: {template: web}', { web }).scene?.objects).toEqual(web());
  });

  it('Never takes a template name from the prototype chain.', () => {
    expect(parseScene('design: {template: constructor}').errors).toEqual([
      'scene: unknown template "constructor"',
    ]);
  });
});
