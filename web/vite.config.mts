import { defineConfig } from 'vite';

/**
 * The admin dashboard: built into dist/web and served by the service at /admin. Pages other
 * than the shell are loaded on demand (lazy routes), so the chart and graph libraries are only
 * fetched by the pages that draw them.
 */
export default defineConfig({
  base: '/admin/',
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rollupOptions: {
      // react-router's "use client" markers mean nothing in a client-only bundle
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  // `npm run dev:web`: the dashboard with live reload, the API of a service on API_URL
  server: {
    proxy: { '^/(?!admin)': process.env.API_URL ?? 'http://127.0.0.1:8000' },
  },
});
