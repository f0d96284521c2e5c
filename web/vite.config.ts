/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API (api/src/server.ts) listens on 127.0.0.1:8787 by default; in `vite` dev mode every data path goes there.
const api = 'http://127.0.0.1:8787';

export default defineConfig({
  plugins: [react()],
  server: {
    host: '127.0.0.1',
    proxy: { '/api': api, '/ogc': api, '/tiles': api },
  },
  preview: { host: '127.0.0.1' },
  build: {
    // maplibre-gl + deck.gl make one ~2 MB chunk; that is expected, not a warning worth reading
    chunkSizeWarningLimit: 3000,
  },
  test: {
    include: ['src/**/*.test.ts'],
    environment: 'node',
  },
});
