/**
 * Vitest setup (vite.config.ts `test.setupFiles`): the tests run the engine in-process, synchronously, so a
 * command has taken effect when it returns.
 */
import { runEngineInProcess } from './inProcessEngine';

runEngineInProcess();
