import { stat } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { parseRange, serveStatic } from './static-server.js'
import { demoUrl } from './support.js'

describe('parseRange', () => {
  test.each([
    ['bytes=0-99', 1000, { start: 0, end: 99 }],
    ['bytes=500-', 1000, { start: 500, end: 999 }],
    ['bytes=-100', 1000, { start: 900, end: 999 }],
    ['bytes=900-5000', 1000, { start: 900, end: 999 }],
    ['bytes=0-0,5-9', 1000, { start: 0, end: 0 }],
  ] as const)('%s of %i bytes', (header, size, expected) => {
    expect(parseRange(header, size)).toEqual(expected)
  })

  test.each([
    ['bytes=1000-', 1000],
    ['bytes=5-2', 1000],
    ['bytes=-0', 1000],
    ['bytes=abc', 1000],
    ['bytes=x-y', 1000],
  ] as const)('%s of %i bytes is unsatisfiable', (header, size) => {
    expect(parseRange(header, size)).toBe('invalid')
  })

  test('no header or another unit: the whole file', () => {
    expect(parseRange(undefined, 10)).toBeNull()
    expect(parseRange('items=0-1', 10)).toBeNull()
  })
})

describe('the server the e2e tests use', () => {
  const mp3 = new URL('episodes/talk-python-514/episode.mp3', demoUrl)
  const dist = new URL('../dist/episodes/talk-python-514/episode.mp3', import.meta.url)

  test('answers a Range request for the MP3 with 206, the slice and audio/mpeg', async () => {
    const size = (await stat(dist)).size
    const res = await fetch(mp3, { headers: { range: 'bytes=1000-1999' } })
    expect(res.status).toBe(206)
    expect(res.headers.get('content-type')).toBe('audio/mpeg')
    expect(res.headers.get('content-range')).toBe(`bytes 1000-1999/${size}`)
    expect((await res.arrayBuffer()).byteLength).toBe(1000)
  })

  test('serves the page with a policy against inline scripts; 404s what is missing, 403s what is outside', async () => {
    const page = await fetch(demoUrl)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const html = await page.text()
    // Every script is an external module file: nothing inline for a CSP to forbid.
    expect(html).toMatch(/<script type="module" crossorigin src="\.\/assets\/[^"]+\.js"><\/script>/)
    expect(html.match(/<script\b[^>]*>[^<]+<\/script>/g)).toBeNull()
    expect((await fetch(new URL('no-such-file.js', demoUrl))).status).toBe(404)
    // Encoded slashes survive URL normalisation and decode to a path outside dist/: refused.
    expect((await fetch(`${demoUrl}a%2f..%2f..%2fpackage.json`)).status).toBe(403)
  })

  test('sends extra headers when asked (a cross-origin isolated copy), after the defaults', async () => {
    const server = await serveStatic(fileURLToPath(new URL('../dist', import.meta.url)), {
      headers: {
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
        'cache-control': 'no-store',
      },
    })
    try {
      const res = await fetch(server.url)
      expect(res.status).toBe(200)
      expect(res.headers.get('cross-origin-opener-policy')).toBe('same-origin')
      expect(res.headers.get('cross-origin-embedder-policy')).toBe('require-corp')
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'")
      await res.arrayBuffer()
    } finally {
      await server.close()
    }
  })
})
