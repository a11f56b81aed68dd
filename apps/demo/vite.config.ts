import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { sourceAliases } from '../../scripts/source-aliases.mjs'
import { castlineEmbed } from './vite-embed.js'

/**
 * The demo: a static site of two pages (the episode, and open.html for the user's own files) that works from any folder (`base: './'`), with no inline scripts; and at
 * `embed/` the plain page of apps/embed with the element bundle (`castlineEmbed`), no React.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), castlineEmbed()],
  resolve: {
    // The packages are used from their sources, so `pnpm dev` needs no build step first.
    alias: sourceAliases,
    // One React, whichever package's node_modules an import starts from.
    dedupe: ['react', 'react-dom'],
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The demo is also a page to read: keep the bundle inspectable with source maps.
    sourcemap: true,
    // Two pages: the episode page, and "open your own" (open.html), both plain files in one folder.
    rollupOptions: {
      input: {
        index: fileURLToPath(new URL('index.html', import.meta.url)),
        open: fileURLToPath(new URL('open.html', import.meta.url)),
      },
    },
  },
})
