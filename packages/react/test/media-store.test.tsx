import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { PlayerControls } from '../src/entry/controls.js'
import { CastlineProvider, type MediaStore, Transcript, useCastline, useMediaState } from '../src/index.js'
import { fakeMedia, installFakeMedia } from './fake-media.js'
import { generateTranscript, settled } from './helpers.js'

let restoreMedia: () => void
beforeEach(() => {
  restoreMedia = installFakeMedia()
})
afterEach(() => restoreMedia())

/** Counts the listeners on `media` per (type, function), as the DOM counts them. */
function watchListeners(media: HTMLMediaElement) {
  const live = new Map<string, Set<unknown>>()
  const add = vi.spyOn(media, 'addEventListener')
  const remove = vi.spyOn(media, 'removeEventListener')
  const current = () => {
    live.clear()
    for (const [type, fn] of add.mock.calls) {
      if (!live.has(type)) live.set(type, new Set())
      live.get(type)!.add(fn)
    }
    for (const [type, fn] of remove.mock.calls) live.get(type)?.delete(fn)
    return live
  }
  return {
    get total() {
      let n = 0
      for (const set of current().values()) n += set.size
      return n
    },
    get functions() {
      const out = new Set<unknown>()
      for (const set of current().values()) for (const fn of set) out.add(fn)
      return out.size
    },
  }
}

/** Renders on every render and shows the volume it selected. */
function VolumeProbe({ onRender }: { onRender: () => void }) {
  onRender()
  const volume = useMediaState((s) => s.volume)
  return <output data-testid="volume">{volume}</output>
}

/** Hands the provider's store out of the tree. */
function StoreProbe({ onStore }: { onStore: (store: MediaStore) => void }) {
  onStore(useCastline().mediaStore)
  return null
}

function ClockProbe() {
  const time = useMediaState((s) => s.currentTime)
  return <output data-testid="clock">{time}</output>
}

describe('the provider hears its media through one MediaStore', () => {
  test('controls, transcript and hooks share one listener function on the element, gone on unmount', async () => {
    const user = userEvent.setup()
    const el = document.createElement('audio')
    el.setAttribute('src', '/episode.mp3')
    const listeners = watchListeners(el)
    const { unmount } = render(
      <CastlineProvider media={el} transcript={generateTranscript(10)}>
        <PlayerControls playbackRate={1} onPlaybackRateChange={() => {}} />
        <ClockProbe />
        <Transcript />
      </CastlineProvider>,
    )
    await settled()
    expect(listeners.total).toBeGreaterThan(10)
    expect(listeners.functions).toBe(1)
    const media = fakeMedia(el)
    act(() => media.loadMetadata(60))
    act(() => media.advance(12.5))
    expect(screen.getByTestId('clock')).toHaveTextContent('12')
    await user.click(screen.getByRole('button', { name: 'Play' }))
    expect(screen.getByRole('button', { name: 'Pause' })).toBeInTheDocument()
    expect(listeners.functions).toBe(1)
    unmount()
    expect(listeners.total).toBe(0)
  })

  test('a component re-renders only when the fields it selected change', async () => {
    const el = document.createElement('audio')
    const renders = vi.fn()
    render(
      <CastlineProvider media={el} transcript={generateTranscript(10)}>
        <VolumeProbe onRender={renders} />
      </CastlineProvider>,
    )
    await settled()
    const before = renders.mock.calls.length
    const media = fakeMedia(el)
    act(() => media.loadMetadata(60))
    for (let t = 1; t <= 5; t++) act(() => media.advance(t))
    act(() => {
      el.playbackRate = 2
    })
    expect(renders).toHaveBeenCalledTimes(before)
    act(() => {
      el.volume = 0.5
    })
    expect(renders).toHaveBeenCalledTimes(before + 1)
    expect(screen.getByTestId('volume')).toHaveTextContent('0.5')
  })

  test('the context hands out the store, and its requests reach the element', async () => {
    const el = document.createElement('audio')
    let store: MediaStore | null = null
    render(
      <CastlineProvider media={el} transcript={generateTranscript(3)}>
        <StoreProbe
          onStore={(s) => {
            store = s
          }}
        />
      </CastlineProvider>,
    )
    await settled()
    expect(store!.media).toBe(el)
    act(() => store!.setMuted(true))
    expect(el.muted).toBe(true)
    expect(store!.getSnapshot().muted).toBe(true)
  })
})
