/** Simulated application behaviour (see behavior.ts). */
export * from './behavior';
