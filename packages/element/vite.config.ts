import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import { sourceAliases } from '../../scripts/source-aliases.mjs'

/**
 * The script-tag bundle: dist/castline.js, one ES module that defines the elements on import and carries
 * its CSS (a string in the code), with everything it needs from @castline/dom and @castline/core bundled
 * in, including what those load on demand (the feed reader, chapters, the transcript writers): a page
 * can copy the one file. wavesurfer.js stays a file of its own beside it (its published ES module, as it
 * is), fetched by the dynamic import in WaveformView only when a waveform is shown: it is external here,
 * its import pointed at that file. Without that, each on-demand import would be a chunk of its own, and
 * the modules they share with the elements chunks that castline.js imports at once. tsc writes the npm
 * entry (dist/index.js and its modules) first; this build adds to the same folder.
 */
const WAVESURFER_FILE = 'castline-wavesurfer.esm.js'
const wavesurferModule = join(
  dirname(fileURLToPath(import.meta.resolve('wavesurfer.js'))),
  'wavesurfer.esm.js',
)
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
      external: ['wavesurfer.js'],
      output: {
        codeSplitting: false,
        paths: { 'wavesurfer.js': `./${WAVESURFER_FILE}` },
        minify: true,
      },
      plugins: [
        {
          name: 'castline-wavesurfer-file',
          generateBundle() {
            this.emitFile({
              type: 'asset',
              fileName: WAVESURFER_FILE,
              source: readFileSync(wavesurferModule),
            })
          },
        },
      ],
    },
  },
})
