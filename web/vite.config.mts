/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The officers' web app: root web/, built into web/dist, which the service serves at `/`
 * (src/app/web-app.ts). `npm run dev:web` proxies /api to a service on :3000.
 */
export default defineConfig({
  root,
  plugins: [react()],
  // Pure domain code of the service (no Nest/TypeORM imports), shared so that one rule lives in one
  // place: e.g. import { roleMayWrite } from '@domain/auth/domain/write-kinds'.
  resolve: { alias: { '@domain': fileURLToPath(new URL('../src', import.meta.url)) } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { '/api': 'http://localhost:3000' } },
  test: {
    root,
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
  },
});
