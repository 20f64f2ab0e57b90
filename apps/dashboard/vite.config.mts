/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const workspace = fileURLToPath(new URL('../..', import.meta.url));
const api = process.env['ORCH_DASHBOARD_API'] ?? 'http://127.0.0.1:3000';

// The dashboard: built into apps/dashboard/dist (the api serves it at /); `nx run dashboard:serve`
// proxies /api and socket.io to a running api for development.
export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  resolve: {
    alias: {
      '@orch/contracts': `${workspace}libs/contracts/src/index.ts`,
      '@orch/client': `${workspace}libs/client/src/index.ts`,
    },
  },
  build: { outDir: `${root}dist`, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1200 },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: true },
      '/socket.io': { target: api, ws: true, changeOrigin: true },
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.spec.{ts,tsx}'],
    setupFiles: [`${root}src/test-setup.ts`],
    restoreMocks: true,
  },
});
