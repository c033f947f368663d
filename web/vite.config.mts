import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: built into web/dist, served by `eter serve` on the API's
// origin (src/api/web-app.ts). `npm run dev:web` proxies the API to a
// server on 127.0.0.1:8080 (`npm start`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline scripts or data: URLs for the CSP: every asset is a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // web/dist/.vite/manifest.json: which source each chunk bundles (bench:web names them so).
    manifest: true,
  },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
    },
  },
});
