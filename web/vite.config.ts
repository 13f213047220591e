import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// Built into web/dist, which the API server serves at / (src/http/app.ts).
// `vite --config web/vite.config.ts` serves it alone, proxying the API to a running server.
export default defineConfig({
  root: import.meta.dirname,
  // Brotli and gzip copies beside each file, which the server sends to browsers that accept them
  // (@fastify/static's preCompressed), so nothing is compressed per request.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'] })],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 700,
  },
  server: {
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
