/**
 * MiniPlayerState: shown only while the controls are out of view and playback has started (playing, or
 * played and paused since); hidden when the controls come back, and by the cleanup. A fake
 * IntersectionObserver the test drives stands in for scrolling.
 */
import { describe, expect, test } from 'vitest'
import { MediaStore, MiniPlayerState } from '../src/index.js'
import { fakeIntersectionObserver } from './fake-intersection-observer.js'
import { FakeMedia } from './fake-media.js'

function setup() {
  const media = new FakeMedia()
  const store = new MediaStore({ media })
  const { Observer, scroll, observers } = fakeIntersectionObserver()
  const state = new MiniPlayerState({ store, IntersectionObserver: Observer })
  const controls = document.createElement('div')
  const unmount = state.mount(controls)
  return { media, state, scroll, observers, unmount }
}

describe('MiniPlayerState', () => {
  test('controls out of view before playback: hidden; playing: shown; controls back: hidden', () => {
    const { media, state, scroll, unmount } = setup()
    let changes = 0
    state.subscribe(() => changes++)
    scroll(false)
    expect(state.getSnapshot()).toBe(false)
    media.report('play', { paused: false })
    expect(state.getSnapshot()).toBe(true)
    scroll(true)
    expect(state.getSnapshot()).toBe(false)
    expect(changes).toBe(2)
    unmount()
  })

  test('paused after playing: stays shown while the controls are away (its button resumes)', () => {
    const { media, state, scroll, unmount } = setup()
    media.report('play', { paused: false })
    scroll(false)
    expect(state.getSnapshot()).toBe(true)
    media.report('pause', { paused: true })
    expect(state.getSnapshot()).toBe(true)
    unmount()
  })

  test('the cleanup hides the bar and disconnects the observer', () => {
    const { media, state, scroll, observers, unmount } = setup()
    media.report('play', { paused: false })
    scroll(false)
    expect(state.getSnapshot()).toBe(true)
    unmount()
    expect(state.getSnapshot()).toBe(false)
    expect(observers).toHaveLength(0)
  })

  test('without an IntersectionObserver (a server, an old browser) it never shows', () => {
    const media = new FakeMedia()
    const store = new MediaStore({ media })
    const saved = globalThis.IntersectionObserver
    // biome-ignore lint/suspicious/noExplicitAny: removing the global for the test
    ;(globalThis as any).IntersectionObserver = undefined
    try {
      const state = new MiniPlayerState({ store })
      const unmount = state.mount(document.createElement('div'))
      media.report('play', { paused: false })
      expect(state.getSnapshot()).toBe(false)
      unmount()
    } finally {
      globalThis.IntersectionObserver = saved
    }
  })
})
