/**
 * The deck slice of the store, in one place for this feature. src/store/index.ts does not re-export
 * ./deck yet; until it does (one line: `export * from './deck';`), this file reaches in directly.
 */
// eslint-disable-next-line kubecanvas/layers -- until src/store/index.ts re-exports ./deck (asked of its owner)
export * from '../../store/deck';
