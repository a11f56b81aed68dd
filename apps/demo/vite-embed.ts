import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build, type Plugin, type ViteDevServer } from 'vite'

const embedDir = fileURLToPath(new URL('../embed/', import.meta.url))
const elementConfig = fileURLToPath(new URL('../../packages/element/vite.config.ts', import.meta.url))
const packagesDir = fileURLToPath(new URL('../../packages/', import.meta.url))
/** The page's own files, copied beside castline.js. */
const PAGE_FILES = ['index.html', 'embed.css', 'embed-lang.js']
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
}

/** Builds packages/element's dist/castline.js (and its wavesurfer chunk) into `outDir`, from the sources. */
function buildElement(outDir: string): Promise<unknown> {
  return build({
    configFile: elementConfig,
    mode: 'production',
    logLevel: 'warn',
    build: { outDir, emptyOutDir: true },
  })
}

/**
 * apps/embed (a plain HTML page with one script tag, no React) next to the demo at `/embed/`. In dev the
 * element's bundle is built from the packages' sources when the server starts (again when a package
 * source changes) and served with the page; `vite build` writes both to `dist/embed/`. The page is never
 * part of the demo's own bundle, so no React reaches it.
 */
export function castlineEmbed(): Plugin {
  let outDir = ''
  return {
    name: 'castline-embed',
    configResolved(config) {
      outDir = join(config.root, config.build.outDir, 'embed')
    },
    configureServer(server: ViteDevServer) {
      const cache = join(server.config.cacheDir, 'castline-embed')
      let built = buildElement(cache)
      built.catch((error: unknown) => server.config.logger.error(`castline-embed: ${String(error)}`))
      // The embed page is no module of the demo's, so its sources are watched here.
      for (const name of ['core', 'dom', 'element']) server.watcher.add(join(packagesDir, name, 'src'))
      server.watcher.on('change', (file) => {
        if (file.startsWith(packagesDir) && /\/src\//.test(file) && !file.includes('/packages/react/'))
          built = buildElement(cache)
      })
      server.middlewares.use(async (req, res, next) => {
        const url = (req.url ?? '').split('?')[0]!
        if (url === '/embed') {
          res.statusCode = 301
          res.setHeader('location', '/embed/')
          res.end()
          return
        }
        if (!url.startsWith('/embed/')) return next()
        const name = normalize(url.slice('/embed/'.length) || 'index.html')
        if (name.startsWith('..')) return next()
        await built.catch(() => {})
        const file = PAGE_FILES.includes(name) ? join(embedDir, name) : join(cache, name)
        if (!existsSync(file)) return next()
        res.setHeader('content-type', TYPES[extname(name)] ?? 'application/octet-stream')
        res.end(readFileSync(file))
      })
    },
    async closeBundle() {
      if (outDir === '') return
      await buildElement(outDir)
      mkdirSync(outDir, { recursive: true })
      for (const name of PAGE_FILES) copyFileSync(join(embedDir, name), join(outDir, name))
    },
  }
}
