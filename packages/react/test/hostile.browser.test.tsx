/**
 * Hostile transcripts in real Chromium: markup, event handlers, javascript: and data: URLs and style
 * sheets in every format reach the page as text. No script runs (no call to the trap, no dialog, no page
 * error) and nothing is requested (no resource entry for the trap's URLs), in the full player and after
 * a search has wrapped the matches in highlights.
 */
import type { TranscriptFormat } from '@castline/core'
import { parseTranscript } from '@castline/core/formats'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { userEvent } from 'vitest/browser'
import { render } from 'vitest-browser-react'
import { TranscriptPlayer } from '../src/entry/player.js'
import '../src/styles.css'
import '../src/player.css'
import { type AudioFixture, makeAudioFixture } from './audio-fixture.js'

// Any request for this path means the page turned transcript text into markup (or CSS) that loads it.
const TRAP = '/__castline_hostile__/'
declare global {
  interface Window {
    __castlineTrap?: (what: string) => void
  }
}

/** Payloads as a transcript's text carries them (raw markup, and markup escaped as entities). */
const PAYLOADS = [
  `<script>window.__castlineTrap('script')</script>`,
  `<img src="${TRAP}img.png" onerror="window.__castlineTrap('img')">`,
  `<svg onload="window.__castlineTrap('svg')"><image href="${TRAP}svg.png"/></svg>`,
  `<iframe src="${TRAP}frame.html"></iframe>`,
  `<a href="javascript:window.__castlineTrap('href')">click</a> javascript:window.__castlineTrap('bare')`,
  `data:text/html,<script>window.__castlineTrap('data')</script>`,
  `<style>@import url(${TRAP}import.css); body { background: url(${TRAP}bg.png) }</style>`,
  `"><img src=${TRAP}attr.png onerror=window.__castlineTrap('attr')>`,
  `&lt;img src=${TRAP}entity.png onerror=window.__castlineTrap('entity')&gt;`,
  `&lt;script&gt;window.__castlineTrap('entity-script')&lt;/script&gt;`,
]
const SPEAKER = `Eve &lt;img src=${TRAP}speaker.png onerror=window.__castlineTrap('speaker')&gt;`

const clock = (s: number, sep: string) => `00:00:${String(s).padStart(2, '0')}${sep}000`

const sources: Record<TranscriptFormat, string> = {
  text: PAYLOADS.map((p, i) => `${clock(i, '').slice(0, 8)} ${p}`).join('\n'),
  vtt: [
    'WEBVTT',
    '',
    'STYLE',
    `::cue { background-image: url(${TRAP}cue.png) }`,
    `@import url(${TRAP}vtt-import.css);`,
    '',
    ...PAYLOADS.map((p, i) => `${clock(i, '.')} --> ${clock(i + 1, '.')}\n<v ${SPEAKER}>${p}\n`),
  ].join('\n'),
  srt: PAYLOADS.map((p, i) => `${i + 1}\n${clock(i, ',')} --> ${clock(i + 1, ',')}\n${p}\n`).join('\n'),
  json: JSON.stringify({
    version: '1.0.0',
    segments: PAYLOADS.map((p, i) => ({
      speaker: `Eve <img src=${TRAP}json-speaker.png onerror=window.__castlineTrap('json-speaker')>`,
      startTime: i,
      endTime: i + 1,
      body: p,
    })),
  }),
  html: `<!DOCTYPE html><html><head><script>window.__castlineTrap('head')</script></head><body>${PAYLOADS.map(
    (p, i) => `<cite>${SPEAKER}:</cite>\n<time>0:${String(i).padStart(2, '0')}</time>\n<p>${p}</p>`,
  ).join('\n')}</body></html>`,
}

let audio: AudioFixture
let trapped: string[]
let restore: () => void
beforeEach(async () => {
  audio = await makeAudioFixture(PAYLOADS.length + 1)
  trapped = []
  window.__castlineTrap = (what) => trapped.push(what)
  const dialogs = { alert: window.alert, confirm: window.confirm, prompt: window.prompt }
  window.alert = () => trapped.push('alert')
  window.confirm = () => {
    trapped.push('confirm')
    return false
  }
  window.prompt = () => {
    trapped.push('prompt')
    return null
  }
  const onError = (e: ErrorEvent) => trapped.push(`page error: ${e.message}`)
  window.addEventListener('error', onError)
  restore = () => {
    Object.assign(window, dialogs)
    window.removeEventListener('error', onError)
    delete window.__castlineTrap
  }
})
afterEach(() => {
  restore()
  audio.release()
})

// Every resource the page asked for that points at the trap (failed loads have entries too).
function trapRequests(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((e) => e.name)
    .filter((name) => name.includes(TRAP))
}

test.each(Object.keys(sources) as TranscriptFormat[])(
  'a hostile %s transcript is shown as text: no script runs, nothing is requested',
  async (format) => {
    const source = sources[format]
    const expected = parseTranscript(source, { format })
    // Every payload is a line of its own, or (an HTML paragraph holding only markup, which has no text)
    // reported as skipped: nothing hostile is silently dropped either.
    // (WebVTT counts its skipped cues in one warning: "2 cue(s) with only white space skipped".)
    const skipped = expected.warnings
      .filter((w) => w.code === 'empty-cue')
      .reduce((n, w) => n + Number(/^(\d+) cue\(s\)/.exec(w.message)?.[1] ?? 1), 0)
    expect(expected.cues.length + skipped).toBe(PAYLOADS.length)
    expect(expected.cues.length).toBeGreaterThanOrEqual(PAYLOADS.length / 2)
    const screen = await render(
      <div style={{ width: 1100, height: 900 }}>
        <TranscriptPlayer
          src={audio.url}
          transcript={source}
          duration={audio.duration}
          title={`<img src=${TRAP}title.png onerror=window.__castlineTrap('title')>`}
        />
      </div>,
    )
    const region = screen.getByRole('region', { name: 'Transcript' })
    await expect.element(region.getByRole('listitem').first()).toBeVisible()
    const root = screen.container
    const rows = [...root.querySelectorAll<HTMLElement>('.castline-line')]
    expect(rows.length).toBe(expected.cues.length)
    for (const row of rows) {
      const cue = expected.cues[Number(row.getAttribute('aria-posinset')) - 1]!
      // The line's text is the cue's text to the letter: markup in it stayed characters.
      expect(row.querySelector('.castline-line__text')!.textContent).toBe(cue.text)
      // A speaker is named on the first of their lines in a row.
      const speaker = row.querySelector('.castline-line__speaker')
      if (speaker !== null) expect(speaker.textContent).toContain(cue.speaker)
    }
    // Markup is on screen as characters: as written in plain formats (text, SRT, JSON bodies), and where
    // the format's own markup is parsed (VTT, HTML), the escaped payloads decoded to markup characters.
    const shown = root.textContent ?? ''
    // Formats with speakers show the hostile name as text too.
    if (format !== 'text' && format !== 'srt') expect(shown).toContain(`Eve <img src=${TRAP}`)
    const plain = format === 'text' || format === 'srt' || format === 'json'
    expect(shown).toContain(plain ? `<script>window.__castlineTrap('script')` : `<img src=${TRAP}entity.png`)
    expect(screen.getByRole('heading').element().textContent).toContain('<img')

    // A search wraps matches in highlights: the text around them must stay text too.
    await userEvent.type(screen.getByRole('searchbox'), 'img')
    await expect.poll(() => root.querySelectorAll('.castline-match').length).toBeGreaterThan(0)

    // Let anything that was injected load, fail and fire its handlers.
    await new Promise((r) => setTimeout(r, 500))
    expect(
      root.querySelectorAll(
        'script, img, svg:not([aria-hidden]) image, iframe, object, embed, a[href], style, link',
      ).length,
    ).toBe(0)
    expect(trapped).toEqual([])
    expect(trapRequests()).toEqual([])
  },
)

test('the trap works: the same payload as markup runs its handler and requests its URL', async () => {
  // Without this, a broken trap (a wrong path, a blocked observer) would let every test above pass.
  const probe = document.createElement('div')
  probe.innerHTML = `<img src="${TRAP}probe.png" onerror="window.__castlineTrap('probe')">`
  document.body.append(probe)
  await expect.poll(() => trapped).toEqual(['probe'])
  await expect.poll(trapRequests).toEqual([expect.stringContaining(`${TRAP}probe.png`)])
  probe.remove()
})
