/**
 * Vite build of the web app into apps/web/dist, which the API server serves (falling back to
 * index.html for client routes). In development Vite proxies the API to the server on :3000.
 * Works from any working directory: the repo root's `npm run dev` passes --config with this path.
 */
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const api = process.env.PIONEER_API ?? 'http://localhost:3000';

export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP forbids inline scripts; keep every asset a file (no data: URIs for scripts).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    port: 5173,
    proxy: { '/api': api, '/healthz': api },
  },
});
