import { describe, expect, it } from 'vitest';
import { parseArgs } from './io';
import { captureIo as capture } from './testing';
import { main } from './main';

describe('the kubecanvas command line', () => {
  it('lists its verbs with --help and exits 0', async () => {
    const io = capture();
    expect(await main(['--help'], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/Verbs:\n(.|\n)*bench/);
  });

  it('names an unknown verb and exits 2', async () => {
    const io = capture();
    expect(await main(['frobnicate'], io)).toBe(2);
    expect(io.stderr.join('\n')).toContain('unknown verb "frobnicate"');
  });

  it('prints bench figures as name: value unit lines, and as one JSON object with --json', async () => {
    const lines = capture();
    expect(await main(['bench', '--quick', '--only', 'engine'], lines)).toBe(0);
    expect(lines.stdout.length).toBeGreaterThan(0);
    for (const line of lines.stdout) expect(line).toMatch(/^[\w.]+: -?\d+(\.\d+)? \S+$/);
    const json = capture();
    expect(await main(['bench', '--quick', '--only', 'engine', '--json'], json)).toBe(0);
    const parsed = JSON.parse(json.stdout.join('')) as Record<string, { value: number; unit: string }>;
    expect(Object.keys(parsed).length).toBe(lines.stdout.length);
  });

  it('parses --flag value, --flag=value and boolean flags', () => {
    expect(parseArgs(['f.yaml', '--until', '5m', '--seed=7', '--watch'], ['watch'])).toEqual({
      positionals: ['f.yaml'],
      flags: { until: '5m', seed: '7', watch: true },
    });
  });
});
