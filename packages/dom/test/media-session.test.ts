/**
 * MediaSessionBinding against a fake `navigator.mediaSession` the test installs: metadata per chapter,
 * the action handlers, the position state (counted: sent on play/pause/seek/rate, not per time update),
 * one owner per page (the player played last), and the cleanup.
 */
import { createManualSource, SyncController } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import { afterEach, describe, expect, test } from 'vitest'
import { ChapterState, MediaSessionBinding, MediaStore } from '../src/index.js'
import { FakeMedia } from './fake-media.js'
import { FakeMediaSession as FakeSession } from './fake-media-session.js'

const microtask = () => Promise.resolve()

const chapters: Chapter[] = [
  { start: 0, title: 'Intro', toc: true },
  { start: 100, title: 'Middle', img: 'middle.jpg', toc: true },
  { start: 200, title: 'End', toc: true },
]
const episode = { title: 'Episode 514', show: 'Talk Python', artwork: 'cover.jpg' }

const cleanups: (() => void)[] = []
afterEach(() => {
  for (const c of cleanups.splice(0)) c()
})

function player(session: FakeSession) {
  const media = new FakeMedia()
  media.state.duration = 300
  const store = new MediaStore({ media })
  // The controller reads a manual clock the test moves along with the element.
  const source = createManualSource({ duration: 300 })
  const controller = new SyncController({ transcript: null, source })
  const chapterState = new ChapterState({ controller, chapters })
  const binding = new MediaSessionBinding({ store, chapters: chapterState, metadata: episode, session })
  const unmount = binding.mount()
  cleanups.push(unmount)
  const moveTo = async (t: number) => {
    source.seek(t)
    media.report('seeked', { currentTime: t })
    await microtask()
  }
  return { media, store, source, chapterState, binding, unmount, moveTo }
}

describe('MediaSessionBinding', () => {
  test('the metadata follows the chapter: its title, the show, its image else the episode artwork', async () => {
    const session = new FakeSession()
    const { moveTo } = player(session)
    expect(session.metadata).toEqual({
      title: 'Intro',
      artist: 'Talk Python',
      album: 'Episode 514',
      artwork: [{ src: 'cover.jpg' }],
    })
    await moveTo(150)
    expect(session.metadata).toMatchObject({ title: 'Middle', artwork: [{ src: 'middle.jpg' }] })
    await moveTo(250)
    expect(session.metadata).toMatchObject({ title: 'End', artwork: [{ src: 'cover.jpg' }] })
  })

  test('actions: play, pause, seeks by offset and to a time, previous/next chapter', async () => {
    const session = new FakeSession()
    const { media, moveTo } = player(session)
    await moveTo(150)
    media.state.currentTime = 150
    session.act('play')
    session.act('pause')
    session.act('seekbackward', {})
    session.act('seekforward', { seekOffset: 30 })
    session.act('seekto', { seekTime: 42 })
    session.act('seekto', { seekTime: Number.NaN })
    expect(media.requests).toEqual([
      ['play'],
      ['pause'],
      ['currentTime', 140],
      ['currentTime', 180],
      ['currentTime', 42],
    ])
    expect(session.handlers.has('nexttrack')).toBe(true)
    // Chapters seek through the controller (its manual source here).
    const before = media.requests.length
    session.act('nexttrack')
    expect(media.requests.length).toBe(before)
  })

  test('position state on play, pause, seek and rate change only, with invalid values left out', () => {
    const session = new FakeSession()
    const { media } = player(session)
    const sent = session.positions.length
    media.report('play', { paused: false })
    for (let t = 1; t <= 20; t++) media.report('timeupdate', { currentTime: t })
    media.report('pause', { paused: true })
    expect(session.positions.length - sent).toBe(2)
    expect(session.positions.at(-1)).toEqual({ duration: 300, playbackRate: 1, position: 20 })
    expect(session.playbackState).toBe('paused')
    media.report('ratechange', { playbackRate: 1.5 })
    expect(session.positions.at(-1)).toEqual({ duration: 300, playbackRate: 1.5, position: 20 })
    // Past the duration the position is clamped; an unknown duration sends nothing.
    media.report('seeked', { currentTime: 400 })
    expect(session.positions.at(-1)?.position).toBe(300)
    const count = session.positions.length
    media.report('durationchange', { duration: Number.NaN })
    media.report('seeked', { currentTime: 10 })
    media.report('durationchange', { duration: Number.POSITIVE_INFINITY })
    expect(session.positions.length).toBe(count)
  })

  test('the player played last owns the session; a cleanup removes only its own handlers', () => {
    const session = new FakeSession()
    const first = player(session)
    const second = player(session)
    expect(first.binding.owning).toBe(true)
    expect(second.binding.owning).toBe(false)
    second.media.report('play', { paused: false })
    expect(second.binding.owning).toBe(true)
    expect(first.binding.owning).toBe(false)
    session.act('pause')
    expect(second.media.requests).toEqual([['pause']])
    expect(first.media.requests).toEqual([])
    first.unmount()
    expect(session.handlers.size).toBe(7)
    second.unmount()
    expect(session.handlers.size).toBe(0)
    expect(session.metadata).toBeNull()
  })

  test('without a Media Session it does nothing', () => {
    const store = new MediaStore({ media: new FakeMedia() })
    const controller = new SyncController({ transcript: null, source: createManualSource({}) })
    const binding = new MediaSessionBinding({
      store,
      chapters: new ChapterState({ controller, chapters }),
      metadata: episode,
      session: null,
    })
    binding.mount()()
    expect(binding.owning).toBe(false)
  })
})
