import { describe, expect, expectTypeOf, test, vi } from 'vitest'
import { type MediaLike, type MediaSnapshot, MediaStore } from '../src/index.js'
import { FakeMedia } from './fake-media.js'

const microtask = () => Promise.resolve()

describe('reading', () => {
  test('an <audio> or <video> element is media the store takes', () => {
    expectTypeOf<HTMLAudioElement>().toExtend<MediaLike>()
    expectTypeOf<HTMLVideoElement>().toExtend<MediaLike>()
  })

  test('without media the snapshot is what a new element reports, and requests do nothing', async () => {
    const store = new MediaStore({ media: null })
    expect(store.getSnapshot()).toEqual({
      paused: true,
      ended: false,
      seeking: false,
      currentTime: 0,
      adBreak: -1,
      duration: Number.NaN,
      playbackRate: 1,
      volume: 1,
      muted: false,
      readyState: 0,
      buffered: [],
      error: null,
      currentSrc: '',
    })
    expect(store.getTime()).toBe(0)
    await expect(store.play()).resolves.toBeUndefined()
    store.pause()
    store.seek(10)
    store.setRate(2)
    store.setVolume(0.5)
    store.setMuted(true)
    expect(store.getSnapshot().playbackRate).toBe(1)
  })

  test('every field of the table is read from the element', () => {
    const media = new FakeMedia()
    Object.assign(media.state, {
      currentTime: 12.5,
      duration: 600,
      paused: false,
      seeking: true,
      readyState: 4,
      playbackRate: 1.5,
      volume: 0.25,
      muted: true,
      buffered: [
        [0, 30],
        [100, 130],
      ],
      error: { code: 2, message: 'network' },
      currentSrc: 'https://example.com/ep.mp3',
    })
    const snapshot = new MediaStore({ media }).getSnapshot()
    expect(snapshot).toEqual({
      paused: false,
      ended: false,
      seeking: true,
      currentTime: 12.5,
      adBreak: -1,
      duration: 600,
      playbackRate: 1.5,
      volume: 0.25,
      muted: true,
      readyState: 4,
      buffered: [
        [0, 30],
        [100, 130],
      ],
      error: { code: 2, message: 'network' },
      currentSrc: 'https://example.com/ep.mp3',
    })
    expect(Object.isFrozen(snapshot)).toBe(true)
    expect(Object.isFrozen(snapshot.buffered)).toBe(true)
  })

  test('the snapshot is the same object while nothing changed, buffered ranges included', () => {
    const media = new FakeMedia()
    media.state.buffered = [[0, 10]]
    const store = new MediaStore({ media })
    const first = store.getSnapshot()
    // The element hands out a new TimeRanges object on every read; equal ranges are the same state.
    expect(store.getSnapshot()).toBe(first)
    media.state.buffered = [[0, 20]]
    const second = store.getSnapshot()
    expect(second).not.toBe(first)
    expect(second.buffered).toEqual([[0, 20]])
    expect(first.buffered).toEqual([[0, 10]])
  })

  test('detached, getSnapshot reads the element on demand', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    expect(store.getSnapshot().currentTime).toBe(0)
    media.state.currentTime = 42
    expect(store.getSnapshot().currentTime).toBe(42)
    expect(media.listenerCount).toBe(0)
  })
})

describe('listening', () => {
  test('listeners are on the element only while someone subscribes: one function, one per event type', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    expect(media.listenerCount).toBe(0)
    const off1 = store.subscribe(() => {})
    const types = media.listenedTypes
    expect(types).toEqual(expect.arrayContaining(['play', 'pause', 'timeupdate', 'volumechange', 'error']))
    expect(media.listenerCount).toBe(types.length)
    expect(media.listenerFunctions.size).toBe(1)
    const off2 = store.select(
      (s) => s.paused,
      () => {},
    )
    const off3 = store.subscribeEvents(() => {})
    expect(media.listenerCount).toBe(types.length)
    off1()
    off2()
    expect(media.listenerCount).toBe(types.length)
    off3()
    expect(media.listenerCount).toBe(0)
    // Unsubscribing twice is harmless.
    off3()
    expect(media.listenerCount).toBe(0)
  })

  test('an event re-reads the fields it may change and notifies once, only on a change', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const seen: MediaSnapshot[] = []
    store.subscribe((s) => seen.push(s))
    media.report('timeupdate', { currentTime: 3 })
    expect(seen).toHaveLength(1)
    expect(seen[0]!.currentTime).toBe(3)
    expect(store.getSnapshot()).toBe(seen[0])
    media.report('timeupdate')
    expect(seen).toHaveLength(1)
    media.report('play', { paused: false })
    expect(seen.map((s) => s.paused)).toEqual([true, false])
  })

  test('a field changes only on the events its table entry lists', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const listener = vi.fn()
    store.subscribe(listener)
    // A volume change announced as a time update is not a volume change yet.
    media.report('timeupdate', { volume: 0.5 })
    expect(store.getSnapshot().volume).toBe(1)
    expect(listener).not.toHaveBeenCalled()
    media.report('volumechange')
    expect(store.getSnapshot().volume).toBe(0.5)
    expect(listener).toHaveBeenCalledTimes(1)
    // An event no field lists changes nothing.
    media.report('resize', { duration: 100 })
    expect(store.getSnapshot().duration).toBeNaN()
    media.report('durationchange')
    expect(store.getSnapshot().duration).toBe(100)
  })

  test('a change made while nobody listened is read when the first subscriber comes', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const before = store.getSnapshot()
    media.state.paused = false
    const listener = vi.fn()
    store.subscribe(listener)
    expect(store.getSnapshot()).not.toBe(before)
    expect(store.getSnapshot().paused).toBe(false)
    // The subscriber starts from that state; it is not told about it.
    expect(listener).not.toHaveBeenCalled()
  })

  test('select calls its listener only when its selection changes, with the previous one', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const onPaused = vi.fn()
    const onSecond = vi.fn()
    store.select((s) => s.paused, onPaused)
    store.select((s) => Math.floor(s.currentTime), onSecond)
    for (const t of [0.25, 0.5, 0.75]) media.report('timeupdate', { currentTime: t })
    expect(onSecond).not.toHaveBeenCalled()
    media.report('timeupdate', { currentTime: 1.1 })
    expect(onSecond).toHaveBeenCalledExactlyOnceWith(1, 0)
    expect(onPaused).not.toHaveBeenCalled()
    media.report('play', { paused: false })
    expect(onPaused).toHaveBeenCalledExactlyOnceWith(false, true)
  })

  test('select with isEqual: a selector that builds objects notifies only on a real change', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const listener = vi.fn()
    store.select(
      (s) => ({ volume: s.volume, muted: s.muted }),
      listener,
      (a, b) => a.volume === b.volume && a.muted === b.muted,
    )
    media.report('timeupdate', { currentTime: 5 })
    media.report('volumechange')
    expect(listener).not.toHaveBeenCalled()
    media.report('volumechange', { muted: true })
    expect(listener).toHaveBeenCalledExactlyOnceWith({ volume: 1, muted: true }, { volume: 1, muted: false })
  })

  test('subscribeEvents hears each media event after the snapshot took it in', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const heard: [string, number][] = []
    store.subscribeEvents((event) => heard.push([event.type, store.getSnapshot().currentTime]))
    media.report('seeking', { currentTime: 30, seeking: true })
    media.report('seeked', { seeking: false })
    expect(heard).toEqual([
      ['seeking', 30],
      ['seeked', 30],
    ])
  })

  test('setOptions moves the listeners to a new element and tells subscribers in a microtask', async () => {
    const first = new FakeMedia()
    const second = new FakeMedia()
    second.state.duration = 90
    const store = new MediaStore({ media: first })
    const seen: MediaSnapshot[] = []
    store.subscribe((s) => seen.push(s))
    store.setOptions({ media: second })
    expect(first.listenerCount).toBe(0)
    expect(second.listenerCount).toBeGreaterThan(0)
    // Not from inside setOptions: it may be called during a render.
    expect(seen).toHaveLength(0)
    await microtask()
    expect(seen.map((s) => s.duration)).toEqual([90])
    first.report('durationchange', { duration: 5 })
    expect(store.getSnapshot().duration).toBe(90)
    store.setOptions({ media: null })
    expect(second.listenerCount).toBe(0)
    await microtask()
    expect(seen.at(-1)!.duration).toBeNaN()
  })

  test('mount keeps the store attached; onChange reports what changed since the last render', () => {
    const media = new FakeMedia()
    const onChange = vi.fn()
    const store = new MediaStore({ media, onChange })
    const rendered = store.getSnapshot()
    // The element moves between the render and the layout effect.
    media.state.currentTime = 8
    const unmount = store.mount()
    expect(media.listenerCount).toBeGreaterThan(0)
    expect(onChange).toHaveBeenCalledTimes(1)
    expect(store.getSnapshot()).not.toBe(rendered)
    media.report('ratechange', { playbackRate: 2 })
    expect(onChange).toHaveBeenCalledTimes(2)
    unmount()
    unmount()
    expect(media.listenerCount).toBe(0)
    media.report('ratechange', { playbackRate: 3 })
    expect(onChange).toHaveBeenCalledTimes(2)
  })

  test('destroy detaches and drops every listener; the store can be used again', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const listener = vi.fn()
    store.subscribe(listener)
    store.mount()
    store.destroy()
    expect(media.listenerCount).toBe(0)
    media.report('play', { paused: false })
    expect(listener).not.toHaveBeenCalled()
    store.subscribe(listener)
    media.report('pause', { paused: true })
    expect(listener).toHaveBeenCalledTimes(1)
  })
})

describe('requests', () => {
  test('go to the element and are not optimistic: the state changes when the element reports', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    store.subscribe(() => {})
    store.seek(12)
    store.setRate(1.5)
    store.setVolume(0.4)
    store.setMuted(true)
    store.pause()
    expect(media.requests).toEqual([
      ['currentTime', 12],
      ['playbackRate', 1.5],
      ['defaultPlaybackRate', 1.5],
      ['volume', 0.4],
      ['muted', true],
      ['pause'],
    ])
    const s = store.getSnapshot()
    expect([s.currentTime, s.playbackRate, s.volume, s.muted]).toEqual([0, 1, 1, false])
    media.report('seeking', { currentTime: 12, seeking: true })
    media.report('seeked', { seeking: false })
    media.report('ratechange', { playbackRate: 1.5 })
    media.report('volumechange', { volume: 0.4, muted: true })
    const after = store.getSnapshot()
    expect([after.currentTime, after.playbackRate, after.volume, after.muted]).toEqual([12, 1.5, 0.4, true])
  })

  test('play resolves or rejects as the element does; paused changes only on its events', async () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    store.subscribe(() => {})
    await store.play()
    expect(media.requests).toEqual([['play']])
    expect(store.getSnapshot().paused).toBe(true)
    media.report('play', { paused: false })
    expect(store.getSnapshot().paused).toBe(false)
    media.playResult = 'reject'
    await expect(store.play()).rejects.toThrow('not allowed')
    // An engine that throws instead of rejecting.
    media.play = () => {
      throw new Error('no play here')
    }
    await expect(store.play()).rejects.toThrow('no play here')
  })

  test('out-of-range requests are clamped or ignored', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    store.seek(-5)
    store.seek(Number.NaN)
    store.setVolume(1.5)
    store.setVolume(-1)
    store.setVolume(Number.NaN)
    store.setRate(0)
    store.setRate(Number.POSITIVE_INFINITY)
    expect(media.requests).toEqual([
      ['currentTime', 0],
      ['volume', 1],
      ['volume', 0],
    ])
  })

  test('getTime reads the element now, not the last event', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    store.subscribe(() => {})
    media.state.currentTime = 7.25
    expect(store.getTime()).toBe(7.25)
    expect(store.getSnapshot().currentTime).toBe(0)
  })
})

describe('a jsdom <audio> element', () => {
  test('its own volume, muted and rate events reach the snapshot; detached on unsubscribe', () => {
    const audio = document.createElement('audio')
    const add = vi.spyOn(audio, 'addEventListener')
    const remove = vi.spyOn(audio, 'removeEventListener')
    const store = new MediaStore({ media: audio })
    const off = store.subscribe(() => {})
    store.setVolume(0.3)
    store.setMuted(true)
    store.setRate(2)
    const s = store.getSnapshot()
    expect([s.volume, s.muted, s.playbackRate]).toEqual([0.3, true, 2])
    expect(audio.defaultPlaybackRate).toBe(2)
    expect(s.error).toBeNull()
    expect(new Set(add.mock.calls.map(([, fn]) => fn)).size).toBe(1)
    off()
    expect(remove.mock.calls.map(([type]) => type).sort()).toEqual(
      add.mock.calls.map(([type]) => type).sort(),
    )
  })
})
