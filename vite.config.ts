import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const rendererRoot = fileURLToPath(new URL('./renderer', import.meta.url));
const outDir = fileURLToPath(new URL('./dist/renderer', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  // Relative asset paths: the packaged app loads index.html from disk, not from a server root.
  base: './',
  plugins: [react()],
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // The CSP allows fonts only from 'self' and no inline styles: keep every asset a file, never a data: URI.
    assetsInlineLimit: 0,
    // Electron's Chromium supports modulepreload natively. The build is split where main.tsx and the dialogs import
    // dynamically: what runs before the first bridge call is a small first chunk, and no dialog delays the first paint.
    modulePreload: { polyfill: false },
  },
});
