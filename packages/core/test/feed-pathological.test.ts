/**
 * The feed reader on hostile shapes: each input is read at two sizes eight times apart, and the work is
 * counted, not timed (./work.ts), as ./pathological.test.ts does for the transcript readers. Each count
 * may grow at most 12-fold (a linear read grows 8-fold, a quadratic one 64-fold). Each read gives a feed
 * or a FeedParseError, never another error.
 */
// First, so that the library's code is loaded after counting starts.
import './counting.js'
import { afterAll, describe, expect, it } from 'vitest'
import { FeedParseError } from '../src/errors.js'
import { type Feed, readFeed } from '../src/feed/feed.js'
import { countWork, stopCounting } from './work.js'

const rss = (body: string) => `<rss version="2.0"><channel><title>T</title>${body}</channel></rss>`
const item = (inner: string) => rss(`<item>${inner}</item>`)

const inputs: Array<{ name: string; build: (n: number) => string }> = [
  { name: 'bare ampersands, no semicolon anywhere', build: (n) => item(`<title>${'&'.repeat(n)}</title>`) },
  { name: 'unknown entities', build: (n) => item(`<title>${'&x;'.repeat(n / 3)}</title>`) },
  { name: 'ampersands in an attribute', build: (n) => item(`<enclosure url="${'&a'.repeat(n / 2)}"/>`) },
  { name: 'many sibling elements', build: (n) => item('<a/>'.repeat(n / 4)) },
  { name: 'many items', build: (n) => rss('<item><title>x</title></item>'.repeat(n / 28)) },
  {
    name: 'many attributes',
    build: (n) => item(`<a ${Array.from({ length: n / 8 }, (_, k) => `b${k}="1"`).join(' ')}/>`),
  },
  {
    name: 'nesting to the depth limit, again and again',
    build: (n) => item(`${'<a>'.repeat(200)}${'</a>'.repeat(200)}`.repeat(n / 1400)),
  },
  { name: 'comments', build: (n) => item('<!-- c -->'.repeat(n / 10)) },
  { name: 'CDATA sections', build: (n) => item(`<title>${'<![CDATA[x]]>'.repeat(n / 13)}</title>`) },
  { name: 'lines of text', build: (n) => item(`<description>${'a\n'.repeat(n / 2)}</description>`) },
  { name: 'an unterminated tag at the end', build: (n) => `${item('<a></a>'.repeat(n / 7))}<b` },
  {
    name: 'a DOCTYPE with a huge internal subset',
    build: (n) => `<!DOCTYPE r [${'<!ENTITY a "b">'.repeat(n / 15)}]>${rss('')}`,
  },
]

function outcome(source: string): Feed | null {
  try {
    return readFeed(source)
  } catch (e) {
    if (e instanceof FeedParseError) return null
    throw e
  }
}

afterAll(stopCounting)

describe('readFeed reads or rejects hostile shapes in linear time', () => {
  it.each(inputs)('$name', { timeout: 60_000 }, ({ build }) => {
    const small = build(250_000)
    const large = build(2_000_000)
    const librarySources = (url: string) => url.includes('/packages/core/src/')
    const smallWork = countWork(() => outcome(small), librarySources)
    const largeWork = countWork(() => outcome(large), librarySources)
    expect(smallWork.code, 'code counted').toBeGreaterThan(0)
    const code = largeWork.code / Math.max(1, smallWork.code)
    const native = largeWork.native / Math.max(1, smallWork.native)
    expect(code, `code: ${smallWork.code} -> ${largeWork.code}`).toBeLessThanOrEqual(12)
    expect(native, `built-in work: ${smallWork.native} -> ${largeWork.native}`).toBeLessThanOrEqual(12)
  })
})
