/**
 * A fetch over the demo's sample episode folder, for the feed tests of every renderer: the sample
 * feed.xml and the files it links, served at `FEED_URL`'s folder from disk; `overrides` answers chosen
 * URLs (a status, or a rejection) instead. Counts every request in `requests`.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** Where the fake serves the sample feed. */
export const FEED_URL = 'https://podcast.example/episodes/talk-python-514/feed.xml'
/** The sample episode's GUID in feed.xml. */
export const FEED_GUID = 'talkpython-514-python-language-summit-2025'

// From the repository root, where vitest runs (jsdom's import.meta.url is an http: URL).
const FOLDER = join(process.cwd(), 'apps/demo/public/episodes/talk-python-514')

export type FakeAnswer = number | 'reject' | { body: string }

/** Reads a file of the repository, from its root. */
export function repoFile(path: string): string {
  return readFileSync(join(process.cwd(), path), 'utf8')
}

export function sampleFeedFetch(overrides: Record<string, FakeAnswer> = {}) {
  const requests: string[] = []
  const base = new URL('.', FEED_URL).href
  const fetch = async (url: string): Promise<Response> => {
    requests.push(url)
    const name = url.startsWith(base) ? url.slice(base.length) : url
    const answer = overrides[name] ?? overrides[url]
    if (answer === 'reject') throw new TypeError('Failed to fetch')
    if (typeof answer === 'number') return new Response('', { status: answer })
    if (answer !== undefined) return new Response(answer.body, { status: 200 })
    if (!url.startsWith(base)) return new Response('', { status: 404 })
    try {
      return new Response(readFileSync(join(FOLDER, name), 'utf8'), { status: 200 })
    } catch {
      return new Response('', { status: 404 })
    }
  }
  return { fetch, requests }
}
