export { BinaryHeap } from './binaryHeap';
export { Prng } from './prng';
export { assertNever } from './assertNever';
export { deepEqual, clone } from './equality';
