import { describe, expect, it } from 'vitest';
import { Prng } from '../../lib';
import {
  binomial,
  iptablesProbability,
  spreadIptables,
  spreadRoundRobin,
  usableEndpoints,
  type ProxyEndpoint,
} from './proxy';

function ep(name: string, o: Partial<ProxyEndpoint> = {}): ProxyEndpoint {
  return {
    ip: name,
    port: 8080,
    podKey: `Pod/default/${name}`,
    nodeName: 'node-1',
    ready: true,
    serving: true,
    terminating: false,
    ...o,
  };
}

describe('kube-proxy iptables mode (pkg/proxy/iptables/proxier.go)', () => {
  it.each([
    ['the first of 3 endpoints matches a third of new connections', 0, 3, '0.3333333333'],
    ['the second of 3 matches half of what is left', 1, 3, '0.5000000000'],
    ['the last rule always matches', 2, 3, '1.0000000000'],
    ['the first of 4 matches a quarter', 0, 4, '0.2500000000'],
  ])('%s (computeProbability)', (_name, i, n, want) => {
    expect(iptablesProbability(i, n)).toBe(want);
  });

  it('splitting 100,000 connections over 4 endpoints gives each about a quarter, and all of them land', () => {
    const counts = spreadIptables(100_000, 4, new Prng(3));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(100_000);
    for (const c of counts) expect(Math.abs(c - 25_000)).toBeLessThan(1_000);
  });

  it('small buckets are random, not round robin: 8 connections over 8 endpoints rarely give one each', () => {
    const rng = new Prng(5);
    let even = 0;
    for (let i = 0; i < 200; i++) if (spreadIptables(8, 8, rng).every((c) => c === 1)) even++;
    expect(even).toBeLessThan(20);
  });

  it('binomial draws have the right mean for small and large counts', () => {
    const rng = new Prng(9);
    let small = 0;
    let large = 0;
    for (let i = 0; i < 2000; i++) {
      small += binomial(20, 0.1, rng);
      large += binomial(10_000, 0.3, rng);
    }
    expect(small / 2000).toBeCloseTo(2, 0);
    expect(large / 2000 / 3000).toBeCloseTo(1, 2);
  });
});

describe('kube-proxy IPVS mode, scheduler rr', () => {
  it('round robin gives every endpoint its turn and carries the position to the next bucket', () => {
    const out = [0, 0, 0];
    const next = spreadRoundRobin(4, 3, 0, out);
    expect(out).toEqual([2, 1, 1]);
    spreadRoundRobin(4, 3, next, out);
    expect(out).toEqual([1, 2, 1]);
  });
});

describe('endpoints that get new connections (pkg/proxy/topology.go CategorizeEndpoints)', () => {
  it.each([
    [
      'only ready endpoints when there are some',
      [ep('a'), ep('b', { ready: false, serving: false })],
      undefined,
      ['a'],
    ],
    [
      'serving terminating endpoints when none is ready',
      [ep('a', { ready: false, terminating: true }), ep('b', { ready: false, serving: false })],
      undefined,
      ['a'],
    ],
    [
      'nothing when no endpoint is ready or serving',
      [ep('a', { ready: false, serving: false, terminating: true })],
      undefined,
      [],
    ],
    [
      'with a Local policy, only the endpoints on the receiving node',
      [ep('a'), ep('b', { nodeName: 'node-2' })],
      'node-2',
      ['b'],
    ],
    ['with a Local policy and no local endpoint, nothing', [ep('a')], 'node-3', []],
  ])('%s', (_name, eps, node, want) => {
    expect(usableEndpoints(eps, node).map((e) => e.ip)).toEqual(want);
  });
});
