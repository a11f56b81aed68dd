import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize, sep } from 'node:path'

/** MIME types of everything the demo serves; audio/mpeg matters, Chromium refuses MP3 sent as text. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.vtt': 'text/vtt; charset=utf-8',
  '.srt': 'application/x-subrip; charset=utf-8',
  '.mp3': 'audio/mpeg',
  '.m4a': 'audio/mp4',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.dat': 'application/octet-stream',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
}

/**
 * The policy the demo must live with: no inline or foreign scripts (the later hardening issue tightens
 * the rest). A violation shows up as a console error, which the e2e tests fail on.
 */
const CSP = "script-src 'self'; object-src 'none'; base-uri 'self'"

/**
 * The strict page of the hardening issue: no inline script, no eval, and every HTML sink fed through
 * Trusted Types. Styles are left alone: the player sets inline styles, which script-src does not govern.
 */
export const STRICT_CSP = `${CSP}; require-trusted-types-for 'script'`

/** A running static server: its base URL (with a trailing slash) and how to stop it. */
export interface StaticServer {
  url: string
  close(): Promise<void>
}

/** Parses a single `bytes=` range against a file size; null when absent, 'invalid' when unsatisfiable. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (header === undefined || !header.startsWith('bytes=')) return null
  const spec = header.slice(6).trim()
  // Several ranges would need multipart/byteranges; browsers ask for one, so serve the first.
  const first = spec.split(',', 1)[0]!.trim()
  const dash = first.indexOf('-')
  if (dash < 0) return 'invalid'
  const from = first.slice(0, dash)
  const to = first.slice(dash + 1)
  let start: number
  let end: number
  if (from === '') {
    const suffix = Number(to)
    if (!Number.isInteger(suffix) || suffix <= 0) return 'invalid'
    start = Math.max(0, size - suffix)
    end = size - 1
  } else {
    start = Number(from)
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1)
    if (!Number.isInteger(start) || !Number.isInteger(end)) return 'invalid'
  }
  if (start > end || start >= size) return 'invalid'
  return { start, end }
}

/** How a server may differ from the demo's everyday one. */
export interface ServeOptions {
  /** The Content-Security-Policy header (default: the demo's everyday policy). */
  csp?: string
  /**
   * Bytes per second for the files this returns a number for: a slow network; 0 sends the headers and
   * then nothing, a network that stalls. Other files go at full speed.
   */
  rate?: (pathname: string) => number | undefined
  /**
   * Extra response headers on every file, e.g. COOP `same-origin` and COEP `require-corp` for a
   * cross-origin isolated page (lower-case names: they are set after the defaults, so they may replace one).
   */
  headers?: Readonly<Record<string, string>>
}

// Sends `stream` at about `bytesPerSecond` (0: never), a chunk at a time.
function throttle(
  stream: ReturnType<typeof createReadStream>,
  res: ServerResponse,
  bytesPerSecond: number,
): void {
  if (bytesPerSecond === 0) {
    stream.destroy()
    res.flushHeaders()
    return
  }
  stream.on('data', (chunk) => {
    stream.pause()
    res.write(chunk)
    setTimeout(() => stream.resume(), (chunk.length / bytesPerSecond) * 1000)
  })
  stream.on('end', () => res.end())
}

async function handle(
  root: string,
  options: ServeOptions,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname)
  let file = normalize(join(root, pathname))
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end()
    return
  }
  let info = await stat(file).catch(() => null)
  if (info?.isDirectory()) {
    file = join(file, 'index.html')
    info = await stat(file).catch(() => null)
  }
  if (info === null || !info.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end(`Not found: ${pathname}`)
    return
  }
  const headers: Record<string, string | number> = {
    'content-type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
    'accept-ranges': 'bytes',
    'cache-control': 'no-cache',
    'content-security-policy': options.csp ?? CSP,
    'x-content-type-options': 'nosniff',
    ...options.headers,
  }
  const size = info.size
  const range = parseRange(req.headers.range, size)
  if (range === 'invalid') {
    res.writeHead(416, { ...headers, 'content-range': `bytes */${size}` }).end()
    return
  }
  const { start, end } = range ?? { start: 0, end: size - 1 }
  headers['content-length'] = size === 0 ? 0 : end - start + 1
  if (range !== null) headers['content-range'] = `bytes ${start}-${end}/${size}`
  res.writeHead(range === null ? 200 : 206, headers)
  if (req.method === 'HEAD' || size === 0) {
    res.end()
    return
  }
  const rate = options.rate?.(pathname)
  const stream = createReadStream(file, { start, end, highWaterMark: rate === undefined ? 65_536 : 256 })
  stream.on('error', () => res.destroy())
  // A seeking media element aborts its old request: stop reading when the client goes away.
  res.on('close', () => stream.destroy())
  if (rate === undefined) stream.pipe(res)
  else throttle(stream, res, rate)
}

/**
 * Serves `root` on a free localhost port: MIME types, Range requests (206) for seeking audio, a CSP
 * (the demo's everyday one unless `options.csp` names another), slow files if asked (`options.rate`) and
 * any extra headers (`options.headers`).
 */
export async function serveStatic(root: string, options: ServeOptions = {}): Promise<StaticServer> {
  const base = normalize(root).replace(/[\\/]+$/, '')
  const server: Server = createServer((req, res) => {
    handle(base, options, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', resolve)
  })
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
