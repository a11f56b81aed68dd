import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createManualSource, formatTimestamp } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import { act } from '@testing-library/react'
import { hydrateRoot } from 'react-dom/client'
import { renderToReadableStream, renderToString } from 'react-dom/server'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { CastlineProvider } from '../src/context.js'
import { TranscriptSearch } from '../src/search.js'
import { Transcript } from '../src/transcript.js'
import { generateTranscript, listMounted, mockLayout } from './helpers.js'

// jsdom gives import.meta.url an http scheme: resolve from this file's directory instead.
const episode = parseTranscript(
  readFileSync(resolve(import.meta.dirname, '../../../../shared/fixtures/talk-python-514.txt'), 'utf8'),
)

let restore: () => void
beforeEach(() => {
  restore = mockLayout({ viewport: 400, row: 40 })
})
afterEach(() => restore())

/** The text of `html` as a reader sees it: no tags, entities decoded. */
function textOf(html: string): string {
  const template = document.createElement('template')
  template.innerHTML = html
  return template.content.textContent ?? ''
}

test('renderAllOnServer: the server HTML holds every line as text; hydration is clean, then the list is virtual', async () => {
  const app = (source?: ReturnType<typeof createManualSource>) => (
    <CastlineProvider transcript={episode} source={source}>
      <TranscriptSearch />
      <Transcript renderAllOnServer />
    </CastlineProvider>
  )
  const html = renderToString(app())
  const container = document.createElement('div')
  container.innerHTML = html
  document.body.append(container)

  // Every line, with its time.
  const count = episode.cues.length
  expect(count).toBe(1074)
  expect(container.querySelectorAll('li')).toHaveLength(count)
  const text = textOf(html)
  for (const cue of episode.cues) expect(text).toContain(cue.text)
  expect(text).toContain(formatTimestamp(episode.cues[count - 1]!.start))

  const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
  const warnings = vi.spyOn(console, 'warn').mockImplementation(() => {})
  const recoverable = vi.fn()
  const source = createManualSource({ duration: episode.cues[count - 1]!.end })
  let root: ReturnType<typeof hydrateRoot> | undefined
  await act(async () => {
    root = hydrateRoot(container, app(source), { onRecoverableError: recoverable })
  })
  await listMounted()
  expect(recoverable).not.toHaveBeenCalled()
  expect(errors).not.toHaveBeenCalled()
  expect(warnings).not.toHaveBeenCalled()
  errors.mockRestore()
  warnings.mockRestore()

  // After hydration's effects: the virtualized window, a few dozen rows at most, live.
  expect(container.querySelector('[data-full]')).toBeNull()
  const rows = container.querySelectorAll('li').length
  expect(rows).toBeGreaterThan(0)
  expect(rows).toBeLessThan(40)
  await act(async () => source.setTime(episode.cues[3]!.start))
  expect(container.querySelector('[aria-current="true"]')).toHaveAttribute('aria-posinset', '4')
  await act(async () => root!.unmount())
  container.remove()
})

test('renderAllOnServer: a streamed render (renderToReadableStream) holds every line too', async () => {
  const stream = await renderToReadableStream(
    <CastlineProvider transcript={episode}>
      <Transcript renderAllOnServer />
    </CastlineProvider>,
  )
  await stream.allReady
  const text = textOf(await new Response(stream).text())
  for (const cue of episode.cues) expect(text).toContain(cue.text)
})

test("renderAllOnServer renders a line's markup as text", () => {
  const transcript = generateTranscript(3, { text: (i) => `<b>line ${i}</b> & <script>x()</script>` })
  const html = renderToString(
    <CastlineProvider transcript={transcript}>
      <Transcript renderAllOnServer />
    </CastlineProvider>,
  )
  expect(html).toContain('&lt;b&gt;line 2&lt;/b&gt; &amp; &lt;script&gt;')
  expect(html).not.toContain('<b>')
  expect(html).not.toContain('<script>')
})

test('without renderAllOnServer the server HTML holds the first screen only', () => {
  const html = renderToString(
    <CastlineProvider transcript={episode}>
      <Transcript />
    </CastlineProvider>,
  )
  expect(textOf(html)).not.toContain(episode.cues[episode.cues.length - 1]!.text)
})
