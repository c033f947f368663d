import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The web app: built into web/dist, served by `eter serve` on the API's
// origin (src/api/web-app.ts). `npm run dev:web` proxies the API to a
// server on 127.0.0.1:8080 (`npm start`).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  resolve: {
    // The one proof verifier, imported as it is (no Node APIs, noble for SHA-256 and Ed25519).
    // The auditor's views and the manufacturer's drill-down load it with import('@verifier'), so
    // it and noble are a chunk of their own that no other page fetches.
    alias: {
      '@verifier': fileURLToPath(new URL('../src/ledger/verifier/index.ts', import.meta.url)),
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline scripts or data: URLs for the CSP: every asset is a file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // dist/.vite/manifest.json maps sources to chunks: the Chromium tests find the verifier's chunk
    // there and run the RFC 6962 vectors through that very file, and bench:web names the chunks
    // a page loads. It is not served (only /assets is).
    manifest: true,
  },
  server: {
    proxy: {
      '/v1': 'http://127.0.0.1:8080',
    },
  },
});
