/// <reference types="vitest/config" />
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';

/**
 * The built app forbids inline scripts and eval, so nothing a user imports or shares can run as code.
 * The policy is injected at build time only: Vite's dev server needs an inline preamble for React refresh.
 */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  // https: so a deck's slides can show images from the web; images never run code.
  "img-src 'self' data: blob: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

function contentSecurityPolicy(): Plugin {
  return {
    name: 'kubecanvas-csp',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`),
  };
}

export default defineConfig({
  plugins: [react(), tailwindcss(), contentSecurityPolicy()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', sourcemap: false },
  // The engine's Web Worker (src/store/engine.worker.ts) is an ES module, like the app.
  worker: { format: 'es' },
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'bench/**/*.test.ts', 'eslint-rules/**/*.test.ts'],
    environment: 'node',
    // The store's engine runs in-process in tests (src/store/inProcessEngine.ts).
    setupFiles: ['src/store/testSetup.ts'],
    testTimeout: 30_000,
  },
});
