/**
 * Failures in real Chromium: audio that 404s, audio in a codec nobody decodes, audio whose network
 * stalls, transcripts that 404, come back as an HTML page or never finish; switching episodes while one
 * is loading or playing; unmounting while playing. Each shows a clear state and no stale highlight, and
 * leaves nothing behind: the test counts pending animation frames, listeners on media elements and live
 * wavesurfer instances, by wrapping the functions that create them.
 */
import type { Transcript } from '@castline/core'
import { parsePeaks } from '@castline/core/peaks'
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest'
import { render } from 'vitest-browser-react'
import WaveSurfer from 'wavesurfer.js'
import { TranscriptPlayer, type TranscriptPlayerProps } from '../src/entry/player.js'
import '../src/styles.css'
import '../src/player.css'
import { type AudioFixture, makeAudioFixture } from './audio-fixture.js'
import { generateTranscript } from './helpers.js'

// ---- counting what the player leaves behind ---------------------------------------------------------

const pendingFrames = new Set<number>()
const mediaListeners = new Map<EventTarget, Set<unknown>>()
const liveWaveSurfers = new Set<WaveSurfer>()
const original = {
  raf: window.requestAnimationFrame,
  caf: window.cancelAnimationFrame,
  add: EventTarget.prototype.addEventListener,
  remove: EventTarget.prototype.removeEventListener,
  create: WaveSurfer.create,
}

// A listener is the same listener for the same type and capture flag (as the DOM counts them).
const listenerKey = (type: string, listener: unknown, options?: boolean | EventListenerOptions) =>
  `${type}|${typeof options === 'boolean' ? options : (options?.capture ?? false)}|${listenerId(listener)}`
const ids = new WeakMap<object, number>()
let nextId = 0
function listenerId(listener: unknown): number {
  if (typeof listener !== 'object' && typeof listener !== 'function') return -1
  if (listener === null) return -1
  let id = ids.get(listener)
  if (id === undefined) {
    id = nextId++
    ids.set(listener, id)
  }
  return id
}

beforeAll(() => {
  window.requestAnimationFrame = (callback) => {
    const id = original.raf.call(window, (t) => {
      pendingFrames.delete(id)
      callback(t)
    })
    pendingFrames.add(id)
    return id
  }
  window.cancelAnimationFrame = (id) => {
    pendingFrames.delete(id)
    original.caf.call(window, id)
  }
  EventTarget.prototype.addEventListener = function (type, listener, options) {
    // React itself listens to every media event on each <audio> it creates (media events do not
    // bubble to its root) and never removes those: they go with the element. They are not the
    // player's, so they are not counted.
    const react = typeof listener === 'function' && listener.name.startsWith('bound dispatch')
    if (this instanceof HTMLMediaElement && listener !== null && !react) {
      let set = mediaListeners.get(this)
      if (set === undefined) {
        set = new Set()
        mediaListeners.set(this, set)
      }
      set.add(listenerKey(type, listener, options))
    }
    return original.add.call(this, type, listener, options)
  }
  EventTarget.prototype.removeEventListener = function (type, listener, options) {
    if (this instanceof HTMLMediaElement)
      mediaListeners.get(this)?.delete(listenerKey(type, listener, options))
    return original.remove.call(this, type, listener, options)
  }
  WaveSurfer.create = (options) => {
    const ws = original.create.call(WaveSurfer, options)
    liveWaveSurfers.add(ws)
    ws.on('destroy', () => liveWaveSurfers.delete(ws))
    return ws
  }
})
afterAll(() => {
  window.requestAnimationFrame = original.raf
  window.cancelAnimationFrame = original.caf
  EventTarget.prototype.addEventListener = original.add
  EventTarget.prototype.removeEventListener = original.remove
  WaveSurfer.create = original.create
})

const listenersOn = (media: HTMLMediaElement | null | undefined): number =>
  media == null ? 0 : (mediaListeners.get(media)?.size ?? 0)

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// Frames from the unpatched requestAnimationFrame, which the count of pending frames does not see.
const framesPass = async (count: number) => {
  for (let i = 0; i < count; i++) await new Promise((r) => original.raf.call(window, r))
}

async function expectNothingLeft(media: HTMLMediaElement): Promise<void> {
  // After two frames, every frame asked for before them has run, and a loop that outlived its component
  // has asked for its next one.
  await framesPass(2)
  expect(pendingFrames.size, 'pending animation frames').toBe(0)
  expect(listenersOn(media), 'listeners left on the old media element').toBe(0)
  expect(liveWaveSurfers.size, 'live wavesurfer instances').toBe(0)
}

// ---- fixtures ---------------------------------------------------------------------------------------

const SECONDS = 6
let audio: AudioFixture
let second: AudioFixture
const urls: string[] = []
beforeEach(async () => {
  audio = await makeAudioFixture(SECONDS)
  second = await makeAudioFixture(SECONDS + 2)
})
afterEach(() => {
  audio.release()
  second.release()
  for (const url of urls.splice(0)) URL.revokeObjectURL(url)
})

function blobUrl(body: BlobPart, type: string): string {
  const url = URL.createObjectURL(new Blob([body], { type }))
  urls.push(url)
  return url
}

/** Audio that never gets any data: a MediaSource nobody appends to, as a network that stalls. */
function stalledAudioUrl(): string {
  const url = URL.createObjectURL(new MediaSource())
  urls.push(url)
  return url
}

const lines = (n: number, label: string): Transcript => {
  const t = generateTranscript(n, { seconds: 1 })
  for (const cue of t.cues) cue.text = `${label} ${cue.text}`
  return t
}

function Player(props: Partial<TranscriptPlayerProps>) {
  return (
    <div style={{ width: 1100 }}>
      <TranscriptPlayer
        src={audio.url}
        transcript={lines(SECONDS, 'first')}
        peaks={parsePeaks(audio.peaksJson)}
        duration={audio.duration}
        title="Failures"
        {...props}
      />
    </div>
  )
}

// The episode switched to: other audio, other lines (each starting with "second").
function SecondEpisode() {
  return (
    <Player
      src={second.url}
      transcript={lines(SECONDS + 2, 'second')}
      peaks={parsePeaks(second.peaksJson)}
      duration={second.duration}
    />
  )
}

const activeRows = (root: Element) => root.querySelectorAll('[aria-current="true"]')

// ---- the cases --------------------------------------------------------------------------------------

test('audio that 404s: an alert says so, the transcript stays readable, nothing is highlighted', async () => {
  const screen = await render(<Player src="/__castline_missing__/episode.mp3" />)
  await expect.element(screen.getByRole('alert')).toHaveTextContent(/audio/i)
  await expect.element(screen.getByRole('alert')).toHaveTextContent('The transcript is still here to read.')
  expect(screen.container.querySelectorAll('.castline-line').length).toBeGreaterThan(0)
  expect(activeRows(screen.container).length).toBeLessThanOrEqual(1)
  const media = screen.container.querySelector('audio')!
  expect(media.error).not.toBeNull()
  await screen.unmount()
  await expectNothingLeft(media)
})

test('audio in a format nobody decodes: an alert, and nothing left behind on unmount', async () => {
  const garbage = new Uint8Array(4096).map((_, i) => (i * 7919) % 256)
  const screen = await render(<Player src={blobUrl(garbage, 'audio/x-castline-unknown')} />)
  await expect.element(screen.getByRole('alert')).toHaveTextContent('The transcript is still here to read.')
  const media = screen.container.querySelector('audio')!
  expect(media.error?.code).toBeGreaterThanOrEqual(3)
  await screen.unmount()
  await expectNothingLeft(media)
})

test('audio whose network stalls: "Loading audio…" stays up, no alert, no highlight; unmount cleans up', async () => {
  const screen = await render(<Player src={stalledAudioUrl()} />)
  await expect.element(screen.getByText('Loading audio…')).toBeVisible()
  await sleep(1000)
  await expect.element(screen.getByText('Loading audio…')).toBeVisible()
  expect(screen.container.querySelector('[role="alert"]')).toBeNull()
  const media = screen.container.querySelector('audio')!
  expect(media.readyState).toBe(0)
  await screen.unmount()
  await expectNothingLeft(media)
})

test.each([
  ['that 404s', () => '/__castline_missing__/transcript.vtt', /HTTP 404|could not|not/i],
  [
    'that returns an HTML page',
    () => blobUrl('<!doctype html><html><body><h1>Sorry</h1><p>Not here.</p></body></html>', 'text/html'),
    /html|transcript/i,
  ],
])(
  'a transcript URL %s: an alert in the transcript region, no lines, nothing left behind',
  async (_, url, message) => {
    const screen = await render(<Player transcript={{ url: url() }} />)
    const region = screen.getByRole('region', { name: 'Transcript' })
    await expect.element(region.getByRole('alert')).toHaveTextContent(message)
    expect(screen.container.querySelectorAll('.castline-line').length).toBe(0)
    const media = screen.container.querySelector('audio')!
    await screen.unmount()
    await expectNothingLeft(media)
  },
)

test('switching episodes while the first is still loading shows the second, with no trace of the first', async () => {
  const screen = await render(<Player src={stalledAudioUrl()} />)
  await expect.element(screen.getByText('Loading audio…')).toBeVisible()
  const firstMedia = screen.container.querySelector('audio')!
  await screen.rerender(<SecondEpisode />)
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => media.readyState).toBeGreaterThanOrEqual(1)
  const texts = [...screen.container.querySelectorAll('.castline-line__text')].map((e) => e.textContent)
  expect(texts.every((t) => t?.startsWith('second'))).toBe(true)
  expect(screen.container.querySelector('[role="alert"]')).toBeNull()
  expect(liveWaveSurfers.size).toBe(1)
  // The element may be reused for the new source; either way it carries one set of listeners.
  if (firstMedia !== media) expect(listenersOn(firstMedia)).toBe(0)
  await screen.unmount()
  await expectNothingLeft(media)
})

test('switching episodes while playing: the new one starts paused at 0 with no stale highlight', async () => {
  const screen = await render(<Player />)
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => media.readyState).toBeGreaterThanOrEqual(1)
  await media.play()
  await expect.poll(() => media.currentTime, { timeout: 5000 }).toBeGreaterThan(2.2)
  await expect.poll(() => activeRows(screen.container)[0]?.getAttribute('data-index')).toMatch(/^[2-9]$/)
  const listenersWhilePlaying = listenersOn(media)

  await screen.rerender(<SecondEpisode />)
  const next = screen.container.querySelector('audio')!
  await expect.poll(() => next.readyState).toBeGreaterThanOrEqual(1)
  await expect.poll(() => screen.getByRole('button', { name: 'Play' }).query()).not.toBeNull()
  expect(next.currentTime).toBeLessThan(0.5)
  // Either nothing is highlighted yet or the first line of the new episode is; never line 2+ of the old.
  const rows = activeRows(screen.container)
  expect(rows.length).toBeLessThanOrEqual(1)
  if (rows.length === 1) {
    expect(rows[0]!.getAttribute('data-index')).toBe('0')
    expect(rows[0]!.textContent).toContain('second')
  }
  expect(liveWaveSurfers.size).toBe(1)
  if (next === media) expect(listenersOn(next)).toBe(listenersWhilePlaying)
  else expect(listenersOn(media)).toBe(0)
  await screen.unmount()
  await expectNothingLeft(next)
})

test('unmounting while playing stops the frame loop, removes every listener and destroys wavesurfer', async () => {
  const screen = await render(<Player />)
  const media = screen.container.querySelector('audio')!
  await expect.poll(() => liveWaveSurfers.size).toBe(1)
  await expect.poll(() => media.readyState).toBeGreaterThanOrEqual(1)
  await media.play()
  await expect.poll(() => media.currentTime, { timeout: 5000 }).toBeGreaterThan(1)
  // While playing, the time source runs a frame loop and listens to the media.
  expect(pendingFrames.size).toBeGreaterThan(0)
  expect(listenersOn(media)).toBeGreaterThan(0)
  await screen.unmount()
  await expectNothingLeft(media)
})
