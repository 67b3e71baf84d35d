import talk from './kubernetes-talk.md?raw';

/** The built-in deck: the talk, as Markdown (the same format as a user's deck file). */
export const BUILT_IN_DECK_MARKDOWN: string = talk;

/** Its name in the deck list. */
export const BUILT_IN_DECK_NAME = 'Kubernetes: why it is the future (the talk)';
