import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { sourceAliases } from '../../../scripts/source-aliases.mjs'

/**
 * The benchmark page: the packages from their sources (as the demo uses them), React's profiling build so
 * that `<Profiler onRender>` reports commits in a production bundle, and the demo's episode as public files.
 */
export default defineConfig({
  root: fileURLToPath(new URL('./page', import.meta.url)),
  base: './',
  publicDir: fileURLToPath(new URL('../../demo/public', import.meta.url)),
  plugins: [react()],
  resolve: {
    alias: [...sourceAliases, { find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
    dedupe: ['react', 'react-dom', 'wavesurfer.js'],
  },
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    // BENCH_PROFILE=1 (a CPU profile of the playback run) keeps names readable in the profile.
    minify: process.env.BENCH_PROFILE === undefined,
  },
})
