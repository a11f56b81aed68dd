/**
 * MediaStore over a real <audio> element in Chromium, playing real audio (a tone rendered in the page).
 * The waits are for the element's events (`expect.poll`), never for a length of time.
 */
import { type Cue, SyncController, type Transcript } from '@castline/core'
import { afterEach, beforeEach, expect, test } from 'vitest'
import { createMediaStoreSource, type MediaSnapshot, MediaStore } from '../src/index.js'
import { type AudioFixture, makeAudioFixture } from './audio-fixture.js'

const SECONDS = 6
const wait = { timeout: 10_000 }

let audio: AudioFixture
let element: HTMLAudioElement
beforeEach(async () => {
  audio = await makeAudioFixture(SECONDS)
  element = document.createElement('audio')
  element.preload = 'auto'
  document.body.append(element)
})
afterEach(() => {
  element.pause()
  element.remove()
  audio.release()
})

/** Counts the listeners on `media` per (type, function), as the DOM counts them. */
function countListeners(media: HTMLMediaElement) {
  const live = new Map<string, Set<unknown>>()
  const add = media.addEventListener.bind(media)
  const remove = media.removeEventListener.bind(media)
  media.addEventListener = ((type: string, fn: EventListenerOrEventListenerObject, options?: unknown) => {
    if (!live.has(type)) live.set(type, new Set())
    live.get(type)!.add(fn)
    add(type, fn, options as AddEventListenerOptions)
  }) as typeof media.addEventListener
  media.removeEventListener = ((type: string, fn: EventListenerOrEventListenerObject, options?: unknown) => {
    live.get(type)?.delete(fn)
    remove(type, fn, options as EventListenerOptions)
  }) as typeof media.removeEventListener
  return {
    get total() {
      let n = 0
      for (const set of live.values()) n += set.size
      return n
    },
    get functions() {
      const out = new Set<unknown>()
      for (const set of live.values()) for (const fn of set) out.add(fn)
      return out.size
    },
  }
}

function secondLines(count: number): Transcript {
  const cues: Cue[] = []
  for (let i = 0; i < count; i++) cues.push({ start: i, end: i + 1, text: `Line ${i}` })
  return { format: 'vtt', cues, warnings: [], speakers: [], wordLevel: false, duration: count }
}

test('a real element: each request shows in the snapshot only once the element reports it', async () => {
  const store = new MediaStore({ media: element })
  const seen: MediaSnapshot[] = []
  store.subscribe((s) => seen.push(s))
  element.src = audio.url
  await expect.poll(() => store.getSnapshot().duration, wait).toBeCloseTo(SECONDS, 1)
  expect(store.getSnapshot().readyState).toBeGreaterThanOrEqual(1)
  expect(store.getSnapshot().currentSrc).toBe(audio.url)
  await expect.poll(() => store.getSnapshot().buffered.at(-1)?.[1] ?? 0, wait).toBeGreaterThan(0)

  // The element flips `paused` at once and announces it in a task: the store waits for the announcement.
  const playing = store.play()
  expect(element.paused).toBe(false)
  expect(store.getSnapshot().paused).toBe(true)
  await playing
  await expect.poll(() => store.getSnapshot().paused, wait).toBe(false)
  await expect.poll(() => store.getSnapshot().currentTime, wait).toBeGreaterThan(0.3)
  store.pause()
  await expect.poll(() => store.getSnapshot().paused, wait).toBe(true)
  expect(store.getSnapshot().currentTime).toBe(element.currentTime)

  store.seek(2.5)
  expect(store.getSnapshot().currentTime).not.toBe(2.5)
  await expect.poll(() => store.getSnapshot().currentTime, wait).toBe(2.5)
  await expect.poll(() => store.getSnapshot().seeking, wait).toBe(false)

  store.setRate(1.5)
  store.setVolume(0.5)
  store.setMuted(true)
  expect(store.getSnapshot().playbackRate).toBe(1)
  await expect.poll(() => store.getSnapshot().playbackRate, wait).toBe(1.5)
  await expect.poll(() => store.getSnapshot().muted, wait).toBe(true)
  expect(store.getSnapshot().volume).toBe(0.5)
  expect(element.defaultPlaybackRate).toBe(1.5)
  // Every snapshot handed to subscribers was a new frozen object.
  expect(new Set(seen).size).toBe(seen.length)
  expect(seen.every((s) => Object.isFrozen(s))).toBe(true)
})

test('the sync controller follows real playback through the store, the only listener on the element', async () => {
  const listeners = countListeners(element)
  const store = new MediaStore({ media: element })
  const source = createMediaStoreSource(store)
  const controller = new SyncController({ transcript: secondLines(SECONDS), source })
  const offSync = controller.subscribe(() => {})
  const offUi = store.select(
    (s) => s.paused,
    () => {},
  )
  // A frame read shows a time the store has not heard of yet (timeupdate comes about 4 times a second).
  let framesAheadOfEvents = 0
  const offFrames = controller.subscribeFrame((time) => {
    if (time !== store.getSnapshot().currentTime) framesAheadOfEvents++
  })
  expect(listeners.functions).toBe(1)
  const attached = listeners.total
  expect(attached).toBeGreaterThan(10)

  element.src = audio.url
  await expect.poll(() => controller.getSnapshot().duration, wait).toBeCloseTo(SECONDS, 1)
  await controller.play()
  await expect.poll(() => controller.getSnapshot().cueIndex, wait).toBeGreaterThanOrEqual(2)
  expect(framesAheadOfEvents).toBeGreaterThan(0)
  controller.pause()
  await expect.poll(() => controller.getSnapshot().playing, wait).toBe(false)
  expect(controller.getSnapshot().cueIndex).toBe(Math.floor(element.currentTime))

  controller.seekToCue(1)
  await expect.poll(() => controller.getSnapshot().cueIndex, wait).toBe(1)
  expect(listeners.functions).toBe(1)
  expect(listeners.total).toBe(attached)

  offSync()
  offFrames()
  expect(listeners.total).toBe(attached)
  offUi()
  expect(listeners.total).toBe(0)
})

test('a missing file: the error is in the snapshot once the element reports it', async () => {
  const store = new MediaStore({ media: element })
  store.subscribe(() => {})
  element.src = '/castline-no-such-episode.mp3'
  await expect.poll(() => store.getSnapshot().error?.code, wait).toBe(4)
  expect(store.getSnapshot().paused).toBe(true)
})
