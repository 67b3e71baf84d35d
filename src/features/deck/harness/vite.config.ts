/**
 * The app's Vite config for the deck harness in a shared working tree: no hot reload and no file watching,
 * so other people's edits do not reload the page in the middle of an e2e run.
 * `npx vite --config src/features/deck/harness/vite.config.ts --port 4183`
 */
import { mergeConfig } from 'vite';
import base from '../../../../vite.config.ts';

export default mergeConfig(base, { server: { hmr: false, watch: { ignored: ['**/*'] } } });
