import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// `vite` (dev) proxies the API to a running `tessera serve`; `vite build` writes dist/, which the server serves.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    assetsDir: 'static',
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      '/v1': process.env.TESSERA_URL ?? 'http://127.0.0.1:8080',
      '/assets': process.env.TESSERA_URL ?? 'http://127.0.0.1:8080',
    },
  },
});
