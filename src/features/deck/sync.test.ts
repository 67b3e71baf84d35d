import { describe, expect, it } from 'vitest';
import { isDeckMessage } from './sync';

const state = {
  markdown: '# a',
  slide: 0,
  clicksLeft: 1,
  nextClick: 'kubectl get pods',
  black: false,
  startedAt: 1,
};

describe('isDeckMessage', () => {
  it.each([
    { name: 'A full state is a message.', m: { type: 'state', state }, ok: true },
    {
      name: 'A state with no next click is a message.',
      m: { type: 'state', state: { ...state, nextClick: null } },
      ok: true,
    },
    { name: 'Navigation requests are messages.', m: { type: 'next' }, ok: true },
    { name: 'go needs a slide number.', m: { type: 'go', slide: '3' }, ok: false },
    {
      name: 'A state without its Markdown is not a message.',
      m: { type: 'state', state: { ...state, markdown: 5 } },
      ok: false,
    },
    { name: 'An unknown type is not a message.', m: { type: 'eval', code: 'x' }, ok: false },
    { name: 'A string is not a message.', m: 'next', ok: false },
    { name: 'null is not a message.', m: null, ok: false },
  ])('$name', ({ m, ok }) => {
    expect(isDeckMessage(m)).toBe(ok);
  });
});
