// @vitest-environment node
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { renderToString } from 'react-dom/server'
import { expect, test, vi } from 'vitest'
import { TranscriptPlayer } from '../src/entry/player.js'

// Records whether anything loads wavesurfer.js (which needs a DOM) during a server render.
const loaded = vi.hoisted(() => ({ wavesurfer: false }))
vi.mock('wavesurfer.js', () => {
  loaded.wavesurfer = true
  return { default: class {} }
})

const episode = readFileSync(
  resolve(import.meta.dirname, '../../../../shared/fixtures/talk-python-514.txt'),
  'utf8',
)
const lines = episode
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => l.replace(/^\S+\s+/, ''))

const escapeHtml = (s: string) =>
  s.replaceAll('&', '&amp;').replaceAll("'", '&#x27;').replaceAll('"', '&quot;').replaceAll('<', '&lt;')

test('renders on a server with no window or document, without loading wavesurfer', () => {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
  const html = renderToString(
    <TranscriptPlayer
      src="/ep514.mp3"
      transcript={episode}
      peaks="/ep514-peaks.json"
      duration={4372.8}
      title="Python Language Summit 2025"
    />,
  )
  expect(loaded.wavesurfer).toBe(false)
  expect(html).toContain('<h2 class="castline-player__title">Python Language Summit 2025</h2>')
  expect(html).toContain('role="slider"')
  expect(html).toContain('aria-valuetext="0 seconds of 1 hour, 12 minutes, 52 seconds"')
  expect(html).toContain('aria-valuemax="4372"')
  expect(html).toContain('<audio')
  // The controls are in the HTML, with their names.
  const text = html.replace(/<[^>]*>/g, '')
  for (const name of ['Play', 'Back 15 seconds', 'Forward 30 seconds', 'Playback speed', 'Mute', 'Volume']) {
    expect(text).toContain(name)
  }
  // The first screen of the transcript is text in the HTML; the whole episode is not.
  for (const n of [0, 1, 2, 20]) expect(text).toContain(escapeHtml(lines[n]!.slice(0, 30)))
  expect(text).not.toContain(escapeHtml(lines[400]!.slice(0, 40)))
  expect(html).toContain('aria-setsize="1074"')
})

test('a player with parsed peaks or none renders the same shell', () => {
  const withPeaks = renderToString(
    <TranscriptPlayer
      src="/a.mp3"
      transcript={episode}
      peaks={{
        peaks: [new Float32Array(10)],
        duration: 60,
        sampleRate: 8000,
        samplesPerPixel: 48000,
        channels: 1,
        bits: 8,
        length: 10,
      }}
    />,
  )
  const without = renderToString(<TranscriptPlayer src="/a.mp3" transcript={episode} />)
  expect(withPeaks).toContain('aria-valuetext="0 seconds of 1 minute"')
  expect(without).toContain('aria-valuetext="0 seconds"')
  expect(loaded.wavesurfer).toBe(false)
})
