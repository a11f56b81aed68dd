import { type Cue, SyncController, type SyncSnapshot, type Transcript } from '@castline/core'
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { createMediaStoreSource, MediaStore } from '../src/index.js'
import { FakeMedia, manualFrames } from './fake-media.js'

/** `count` lines of one second each: [0, 1), [1, 2), ... */
function secondLines(count: number): Transcript {
  const cues: Cue[] = []
  for (let i = 0; i < count; i++) cues.push({ start: i, end: i + 1, text: `Line ${i}` })
  return { format: 'vtt', cues, warnings: [], speakers: [], wordLevel: false, duration: count }
}

let frames: ReturnType<typeof manualFrames>
beforeEach(() => {
  frames = manualFrames()
  frames.install()
})
afterEach(() => frames.restore())

function setup() {
  const media = new FakeMedia()
  media.state.duration = 10
  const store = new MediaStore({ media })
  const source = createMediaStoreSource(store)
  const controller = new SyncController({ transcript: secondLines(10), source })
  return { media, store, source, controller }
}

describe('createMediaStoreSource', () => {
  test('the sync controller hears the media through the store: one listener function on the element', () => {
    const { media, store, controller } = setup()
    expect(media.listenerCount).toBe(0)
    const offSync = controller.subscribe(() => {})
    const offUi = store.subscribe(() => {})
    const offFrames = controller.subscribeFrame(() => {})
    expect(media.listenerFunctions.size).toBe(1)
    const attached = media.listenerCount
    expect(attached).toBe(media.listenedTypes.length)
    offUi()
    expect(media.listenerCount).toBe(attached)
    offSync()
    offFrames()
    expect(media.listenerCount).toBe(0)
  })

  test('reads currentTime once a frame while playing and stops the frame loop on pause', () => {
    const { media, controller } = setup()
    const seen: SyncSnapshot[] = []
    controller.subscribe((s) => seen.push(s))
    const times: number[] = []
    controller.subscribeFrame((t) => times.push(t))
    expect(frames.pending).toBe(0)
    media.report('play', { paused: false })
    expect(frames.pending).toBe(1)
    expect(controller.getSnapshot().playing).toBe(true)
    // No timeupdate in between: the frame loop alone moves the cue.
    for (const [k, t] of [0.5, 1.2, 1.9, 2.4].entries()) {
      media.state.currentTime = t
      frames.run(1000 + 16 * k)
    }
    expect(times).toEqual([0.5, 1.2, 1.9, 2.4])
    expect(controller.getSnapshot().cueIndex).toBe(2)
    expect(seen.map((s) => s.cueIndex)).toEqual([0, 1, 2])
    media.report('pause', { paused: true })
    expect(controller.getSnapshot().playing).toBe(false)
    expect(frames.pending).toBe(0)
  })

  test('seeks go through the store to the element; the cue changes when the element reports the seek', () => {
    const { media, store, controller } = setup()
    controller.subscribe(() => {})
    controller.seekToCue(7)
    expect(media.requests).toEqual([['currentTime', 7]])
    expect(controller.getSnapshot().cueIndex).toBe(0)
    media.report('seeking', { currentTime: 7, seeking: true })
    media.report('seeked', { seeking: false })
    expect(controller.getSnapshot().cueIndex).toBe(7)
    expect(store.getSnapshot().currentTime).toBe(7)
  })

  test('play, pause, duration and rate are the element’s, read through the store', async () => {
    const { media, source } = setup()
    media.state.playbackRate = 1.5
    expect(source.getDuration()).toBe(10)
    expect(source.getRate?.()).toBe(1.5)
    await source.play()
    source.pause()
    expect(media.requests).toEqual([['play'], ['pause']])
    expect(source.isPlaying()).toBe(false)
  })

  test('without media the source reads as an empty element', () => {
    const source = createMediaStoreSource(new MediaStore({ media: null }))
    expect([source.getTime(), source.getDuration(), source.isPlaying(), source.getRate?.()]).toEqual([
      0,
      Number.NaN,
      false,
      1,
    ])
    const off = source.subscribe(() => {})
    off()
  })

  test('destroy detaches from the store and ends the frame loop', () => {
    const { media, source } = setup()
    media.state.paused = false
    const events: string[] = []
    source.subscribe((e) => events.push(e))
    expect(frames.pending).toBe(1)
    source.destroy()
    expect(media.listenerCount).toBe(0)
    expect(frames.pending).toBe(0)
    media.report('pause', { paused: true })
    expect(events).toEqual([])
  })
})
