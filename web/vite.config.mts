import { defineConfig } from 'vite';

/**
 * The web app. Built into web/dist, which the API process serves at `/`. During development
 * (`npx vite web`) the dev server proxies /api to the API on port 3000.
 */
export default defineConfig({
  // JSX without a plugin: Vite 8 transforms it with oxc (React's automatic runtime).
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      // Mantine marks its files "use client" for React Server Components; meaningless in an SPA.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000', '/health': 'http://localhost:3000' },
  },
});
