/** The kubectl console feature (mounted in the dock's Console tab). */
export { Console } from './Console';
export { normalizeLine, completeLine } from './complete';
