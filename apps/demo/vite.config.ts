import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The packages are used from their sources, so `pnpm dev` needs no build step first.
const packageFile = (path: string) => fileURLToPath(new URL(`../../packages/${path}`, import.meta.url))

/** The demo: a static site that works from any folder (`base: './'`), with no inline scripts. */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react()],
  resolve: {
    alias: [
      // The stylesheets the package ships beside its code, e.g. '@castline/react/styles.css'.
      { find: /^@castline\/react\/([\w-]+\.css)$/, replacement: packageFile('react/src/$1') },
      { find: /^@castline\/core$/, replacement: packageFile('core/src/index.ts') },
      { find: /^@castline\/react$/, replacement: packageFile('react/src/index.ts') },
    ],
    // One React, whichever package's node_modules an import starts from.
    dedupe: ['react', 'react-dom'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The demo is also a page to read: keep the bundle inspectable with source maps.
    sourcemap: true,
  },
})
