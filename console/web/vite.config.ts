import { defineConfig } from 'vite';
import vue from '@vitejs/plugin-vue';

// The console backend (Vert.x) serves the built files from the jar's classpath webroot/;
// build.sh passes that folder as --outDir. In development `npm run dev` proxies the API.
const backend = process.env.SHARPEYES_BACKEND ?? 'http://localhost:8080';
// The console server's Content-Security-Policy; `vite preview` sends it too, so a build that
// would break under it (inline script or style, eval) shows up before it reaches the server.
const csp =
  "default-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; " +
  "style-src 'self'; frame-ancestors 'none'; object-src 'none'";

export default defineConfig({
  base: '/',
  plugins: [vue()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The server's CSP allows no inline scripts: keep every asset a separate file.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
  server: {
    proxy: {
      '/api': { target: backend, changeOrigin: true, ws: true },
    },
  },
  preview: {
    headers: { 'Content-Security-Policy': csp },
    proxy: {
      '/api': { target: backend, changeOrigin: true, ws: true },
    },
  },
});
