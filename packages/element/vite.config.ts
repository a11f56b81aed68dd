import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { sourceAliases } from '../../scripts/source-aliases.mjs'

/**
 * The script-tag bundle: dist/castline.js, one ES module that defines the elements on import and carries
 * its CSS (a string in the code), with everything it needs from @castline/dom and @castline/core bundled
 * in. wavesurfer.js stays a chunk of its own beside it, fetched by the dynamic import in WaveformView only
 * when a waveform is shown. tsc writes the npm entry (dist/index.js and its modules) first; this build
 * adds to the same folder.
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // The packages from their sources, so that the demo can build this bundle without a build of dom or core.
  resolve: { alias: sourceAliases },
  // Library mode keeps process.env.NODE_ENV for the site's bundler; a script tag has no bundler.
  define: { 'process.env.NODE_ENV': '"production"' },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    target: 'es2022',
    // A file for a script tag: minified whole (library mode leaves ES output unminified by default).
    minify: true,
    sourcemap: true,
    lib: {
      entry: fileURLToPath(new URL('src/index.ts', import.meta.url)),
      formats: ['es'],
      fileName: () => 'castline.js',
    },
    rollupOptions: {
      output: { chunkFileNames: 'castline-[name].js', minify: true },
    },
  },
})
