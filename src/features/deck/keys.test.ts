import { describe, expect, it } from 'vitest';
import { deckAction } from './keys';

const press = (key: string, extra: Partial<{ ctrlKey: boolean; target: unknown }> = {}) =>
  deckAction({ key, ctrlKey: false, metaKey: false, altKey: false, target: null, ...extra } as KeyboardEvent);

describe('deckAction', () => {
  it.each([
    ['ArrowRight', 'next'],
    [' ', 'next'],
    ['PageDown', 'next'],
    ['ArrowLeft', 'prev'],
    ['PageUp', 'prev'],
    ['B', 'black'],
    ['b', 'black'],
    ['.', 'black'],
    ['o', 'overview'],
    ['F', 'fullscreen'],
    ['s', 'presenter'],
    ['r', 'reset'],
    ['Escape', 'exit'],
    ['Home', 'first'],
    ['End', 'last'],
    ['x', null],
  ])('The key %j means %j.', (key, action) => {
    expect(press(key)).toBe(action);
  });

  it('Ignores keys with Ctrl (a browser shortcut) and keys typed into a text field.', () => {
    expect(press('r', { ctrlKey: true })).toBeNull();
    expect(press('ArrowRight', { target: { tagName: 'TEXTAREA' } })).toBeNull();
  });
});
