// @vitest-environment node
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { CastlineProvider, Transcript, TranscriptSearch } from '../src/index.js'

const episode = readFileSync(
  resolve(import.meta.dirname, '../../../../shared/fixtures/talk-python-514.txt'),
  'utf8',
)

test('runs in Node without a DOM at all', () => {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
})

test('renderToString contains the first screen of the transcript, and not the whole of it', () => {
  const html = renderToString(
    <CastlineProvider transcript={episode} src="/ep514.mp3">
      <TranscriptSearch />
      <Transcript />
    </CastlineProvider>,
  )
  expect(html).toContain('aria-label="Transcript"')
  expect(html).toContain('<audio')
  expect(html).toContain('data-static')
  const rows = html.match(/<li /g) ?? []
  expect(rows.length).toBeGreaterThanOrEqual(30)
  expect(rows.length).toBeLessThan(60)
  expect(html).toContain('aria-setsize="1074"')
  // The first line of the episode is in the HTML as text.
  const first = episode.split('\n').find((l) => l.trim() !== '')!
  const words = first
    .replace(/^\S+\s+/, '')
    .split(/\s+/)
    .slice(0, 4)
    .join(' ')
  // (The active line's words are wrapped in spans: compare the text without tags.)
  const text = html.replace(/<[^>]*>/g, '')
  expect(text).toContain(words.replaceAll('&', '&amp;').replaceAll("'", '&#x27;'))
  // The 30th line is there, the 100th is not.
  const lineText = (n: number) =>
    episode
      .split('\n')
      .filter((l) => l.trim() !== '')
      [n]!.replace(/^\S+\s+/, '')
  expect(text).toContain(lineText(29).slice(0, 20).replaceAll("'", '&#x27;'))
  expect(text).not.toContain(lineText(99).slice(0, 30).replaceAll("'", '&#x27;'))
})

test('a transcript fetched from a url renders its loading state on the server', () => {
  const html = renderToString(
    <CastlineProvider transcript={{ url: '/ep.vtt' }}>
      <Transcript />
    </CastlineProvider>,
  )
  expect(html).toContain('Loading transcript')
})
