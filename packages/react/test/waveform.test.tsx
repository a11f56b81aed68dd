import { type Peaks, parsePeaks } from '@castline/core/peaks'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { Profiler, StrictMode } from 'react'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { seekValueText, sliderKeyTarget, Waveform, type WaveformProps } from '../src/entry/waveform.js'
import { CastlineProvider } from '../src/index.js'
import { fakeMedia, installFakeMedia } from './fake-media.js'
import { instances, resetWaveSurfers } from './fake-wavesurfer.js'
import { generateTranscript, useFakeClocks } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

const EPISODE = 4371 // 1:12:51

let restoreMedia: () => void
beforeEach(() => {
  restoreMedia = installFakeMedia()
  resetWaveSurfers()
})
afterEach(() => {
  restoreMedia()
  vi.unstubAllGlobals()
  vi.useRealTimers()
})

/** audiowaveform JSON (version 2, 8 bit) with `length` pixels of a rising ramp. */
function peaksJson(length: number, samplesPerPixel = 800, sampleRate = 16000): string {
  const data: number[] = []
  for (let i = 0; i < length; i++) {
    const v = Math.round((i / length) * 127)
    data.push(-v, v)
  }
  return JSON.stringify({
    version: 2,
    channels: 1,
    sample_rate: sampleRate,
    samples_per_pixel: samplesPerPixel,
    bits: 8,
    length,
    data,
  })
}

function audio(src = '/episode.mp3'): HTMLAudioElement {
  const el = document.createElement('audio')
  el.setAttribute('src', src)
  return el
}

function renderWaveform(props: WaveformProps, el = audio(), strict = false) {
  const tree = (p: WaveformProps) => (
    <CastlineProvider media={el} transcript={generateTranscript(20)}>
      <Waveform {...p} />
    </CastlineProvider>
  )
  const result = render(strict ? <StrictMode>{tree(props)}</StrictMode> : tree(props))
  return {
    ...result,
    media: fakeMedia(el),
    rerenderWith: (p: WaveformProps) =>
      result.rerender(strict ? <StrictMode>{tree(p)}</StrictMode> : tree(p)),
  }
}

async function created(count = 1) {
  await waitFor(() => expect(instances).toHaveLength(count))
  return instances[count - 1]!
}

describe('slider semantics', () => {
  test('a slider named "Seek" from 0 to the duration, with the time in words', () => {
    renderWaveform({ duration: EPISODE })
    const slider = screen.getByRole('slider', { name: 'Seek' })
    expect(slider).toHaveAttribute('aria-valuemin', '0')
    expect(slider).toHaveAttribute('aria-valuemax', String(EPISODE))
    expect(slider).toHaveAttribute('aria-valuenow', '0')
    expect(slider).toHaveAttribute('aria-valuetext', '0 seconds of 1 hour, 12 minutes, 51 seconds')
    expect(slider).toHaveAttribute('tabindex', '0')
  })

  test('follows the media: position in whole seconds, duration from the metadata once known', () => {
    const { media } = renderWaveform({ duration: 4000 })
    const slider = screen.getByRole('slider')
    act(() => media.loadMetadata(EPISODE))
    act(() => media.advance(754.6))
    expect(slider).toHaveAttribute('aria-valuenow', '754')
    expect(slider).toHaveAttribute('aria-valuemax', String(EPISODE))
    expect(slider).toHaveAttribute(
      'aria-valuetext',
      '12 minutes, 34 seconds of 1 hour, 12 minutes, 51 seconds',
    )
  })

  test('takes the duration from the peaks when neither the media nor a prop has one', () => {
    // 5,000 pixels x 800 samples at 16 kHz: 250 seconds.
    renderWaveform({ peaks: parsePeaks(peaksJson(5000)) })
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', '0 seconds of 4 minutes, 10 seconds')
  })

  test('without any duration the text is the position alone', () => {
    renderWaveform({})
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', '0 seconds')
  })

  test('re-renders once per second of playback, not per timeupdate', () => {
    let commits = 0
    const el = audio()
    render(
      <CastlineProvider media={el} transcript={generateTranscript(5)}>
        <Profiler id="waveform" onRender={() => commits++}>
          <Waveform duration={EPISODE} />
        </Profiler>
      </CastlineProvider>,
    )
    const media = fakeMedia(el)
    const before = commits
    // Forty timeupdates over ten seconds of audio: the whole second changes ten times.
    for (let i = 1; i <= 40; i++) act(() => media.advance(i * 0.25))
    expect(commits - before).toBe(10)
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuenow', '10')
  })
})

describe('keyboard', () => {
  test('arrows move 5 s, PageUp/PageDown 60 s, Home/End to the ends; each seek goes to the media', async () => {
    const user = userEvent.setup()
    const { media } = renderWaveform({ duration: EPISODE })
    act(() => media.loadMetadata(EPISODE))
    act(() => media.advance(100))
    await user.tab()
    expect(screen.getByRole('slider')).toHaveFocus()
    await user.keyboard('{ArrowRight}')
    expect(media.seeks.at(-1)).toBe(105)
    await user.keyboard('{ArrowLeft}{ArrowLeft}')
    expect(media.seeks.at(-1)).toBe(95)
    await user.keyboard('{ArrowUp}')
    expect(media.seeks.at(-1)).toBe(100)
    await user.keyboard('{PageUp}')
    expect(media.seeks.at(-1)).toBe(160)
    await user.keyboard('{PageDown}{PageDown}{PageDown}')
    expect(media.seeks.at(-1)).toBe(0)
    await user.keyboard('{End}')
    expect(media.seeks.at(-1)).toBe(EPISODE)
    await user.keyboard('{Home}')
    expect(media.seeks.at(-1)).toBe(0)
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuenow', '0')
  })

  test('keys with Ctrl/Alt/Meta are left to the browser', async () => {
    const user = userEvent.setup()
    const { media } = renderWaveform({ duration: EPISODE })
    await user.tab()
    await user.keyboard('{Control>}{ArrowRight}{/Control}{Alt>}{ArrowLeft}{/Alt}')
    expect(media.seeks).toEqual([])
  })

  test('sliderKeyTarget clamps to the episode and ignores End while the duration is unknown', () => {
    expect(sliderKeyTarget('ArrowRight', 4368, EPISODE)).toBe(EPISODE)
    expect(sliderKeyTarget('ArrowLeft', 3, EPISODE)).toBe(0)
    expect(sliderKeyTarget('End', 10, Number.NaN)).toBeNull()
    expect(sliderKeyTarget('PageUp', 10, Number.NaN)).toBe(70)
    expect(sliderKeyTarget('a', 10, EPISODE)).toBeNull()
    expect(seekValueText(3723, EPISODE)).toBe(
      '1 hour, 2 minutes, 3 seconds of 1 hour, 12 minutes, 51 seconds',
    )
  })
})

describe('pointer', () => {
  test('a press seeks to its place along the wave; a drag keeps seeking, once a frame', () => {
    // A drag seeks in an animation frame: the test runs the frames.
    useFakeClocks()
    const { media, container } = renderWaveform({ duration: 200 })
    act(() => media.loadMetadata(200))
    const host = container.querySelector<HTMLElement>('.castline-waveform__wave')!
    host.getBoundingClientRect = () => ({
      left: 100,
      width: 400,
      top: 0,
      height: 64,
      right: 500,
      bottom: 64,
      x: 100,
      y: 0,
      toJSON: () => ({}),
    })
    const slider = screen.getByRole('slider')
    fireEvent.pointerDown(slider, { clientX: 200, button: 0, isPrimary: true, pointerId: 1 })
    expect(media.seeks.at(-1)).toBe(50)
    const pressed = media.seeks.length
    // Two moves in one frame: one seek, in the frame, to the last place.
    fireEvent.pointerMove(slider, { clientX: 300, pointerId: 1 })
    fireEvent.pointerMove(slider, { clientX: 400, pointerId: 1 })
    expect(media.seeks).toHaveLength(pressed)
    act(() => vi.advanceTimersToNextFrame())
    expect(media.seeks).toHaveLength(pressed + 1)
    expect(media.seeks.at(-1)).toBe(150)
    fireEvent.pointerUp(slider, { clientX: 600, pointerId: 1 })
    expect(media.seeks.at(-1)).toBe(200)
    const count = media.seeks.length
    // After release, moving the pointer seeks nothing, in this frame or any later one.
    fireEvent.pointerMove(slider, { clientX: 300, pointerId: 1 })
    act(() => vi.advanceTimersByTime(100))
    expect(media.seeks).toHaveLength(count)
    // A secondary button does not seek.
    fireEvent.pointerDown(slider, { clientX: 300, button: 2, isPrimary: true, pointerId: 2 })
    expect(media.seeks).toHaveLength(count)
  })
})

describe('wavesurfer', () => {
  // These hand wavesurfer the peaks as given (`scale: 'peak'`), to see them arrive; the loudness bars
  // drawn by default are WaveformView's (dom's waveform-view.test.ts).
  test('one instance on the provider media, with the peaks and duration, not interactive itself', async () => {
    const peaks = parsePeaks(peaksJson(1000))
    const el = audio()
    renderWaveform({ peaks, duration: EPISODE, scale: 'peak' }, el)
    const ws = await created()
    expect(ws.options.media).toBe(el)
    expect(ws.options.peaks).toBe(peaks.peaks)
    expect(ws.options.duration).toBe(EPISODE)
    expect(ws.options.interact).toBe(false)
    expect(ws.loads).toEqual([])
  })

  test('under StrictMode there is one live instance, and unmounting destroys it', async () => {
    const { unmount, container } = renderWaveform({ peaks: parsePeaks(peaksJson(100)) }, audio(), true)
    await created()
    // StrictMode's two effect runs (the first cancelled) wait on one shared import, which has resolved
    // once the first instance exists: flush what either queued after it.
    await act(async () => {})
    expect(instances).toHaveLength(1)
    expect(container.querySelectorAll('.fake-wavesurfer')).toHaveLength(1)
    unmount()
    expect(instances[0]!.destroyed).toBe(true)
  })

  test('new option objects with the same values change nothing; new values go through setOptions', async () => {
    const peaks = parsePeaks(peaksJson(100))
    const { rerenderWith } = renderWaveform({ peaks, height: 64 })
    const ws = await created()
    rerenderWith({ peaks, height: 64 })
    rerenderWith({ peaks, height: 64 })
    expect(instances).toHaveLength(1)
    expect(ws.setOptionsCalls).toHaveLength(0)
    rerenderWith({ peaks, height: 96, waveColor: '#123456' })
    expect(instances).toHaveLength(1)
    expect(ws.setOptionsCalls.at(-1)).toMatchObject({ height: 96, waveColor: '#123456' })
    expect(ws.loads).toEqual([])
  })

  test('without peaks wavesurfer is left to decode the audio (no peaks option)', async () => {
    renderWaveform({})
    const ws = await created()
    expect(ws.options.peaks).toBeUndefined()
    expect(screen.getByRole('slider')).toHaveAttribute('data-peaks', 'none')
  })

  test('a peaks URL is fetched and parsed; wavesurfer never gets a chance to fetch the audio', async () => {
    const json = peaksJson(2000)
    const fetchSpy = vi.fn(
      async (_url: string) =>
        new Response(json, { status: 200, headers: { 'content-type': 'application/json' } }),
    )
    vi.stubGlobal('fetch', fetchSpy)
    renderWaveform({ peaks: '/episode-peaks.json', duration: EPISODE, scale: 'peak' })
    const ws = await created()
    await waitFor(() => expect(screen.getByRole('slider')).toHaveAttribute('data-peaks', 'ready'))
    expect(fetchSpy.mock.calls.map((c) => c[0])).toEqual(['/episode-peaks.json'])
    // Whatever came first, every state wavesurfer saw had peaks, and the last ones are the file's.
    const seen = [ws.options.peaks, ...ws.loads.map((l) => l.peaks)]
    for (const p of seen) expect(p).toBeDefined()
    const last = seen.at(-1)!
    expect(last[0]).toHaveLength(2000)
    expect(last[0]![1999]).toBeCloseTo(Math.round((1999 / 2000) * 127) / 128, 5)
  })

  test('a failed peaks URL leaves a flat line (no audio download) and a working slider', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('nope', { status: 404 })),
    )
    const user = userEvent.setup()
    const { media } = renderWaveform({ peaks: '/missing.json', duration: EPISODE })
    const ws = await created()
    await waitFor(() => expect(screen.getByRole('slider')).toHaveAttribute('data-peaks', 'error'))
    const seen = [ws.options.peaks, ...ws.loads.map((l) => l.peaks)]
    for (const p of seen) expect(p).toBeDefined()
    await user.tab()
    await user.keyboard('{PageUp}')
    expect(media.seeks.at(-1)).toBe(60)
  })

  test('peaks given as the bytes of a .dat file are parsed', async () => {
    // audiowaveform .dat version 1, 16 bit: header of 5 int32 then min/max int16 pairs.
    const length = 50
    const buf = new ArrayBuffer(20 + length * 4)
    const view = new DataView(buf)
    view.setInt32(0, 1, true)
    view.setUint32(4, 0, true)
    view.setInt32(8, 8000, true)
    view.setInt32(12, 160, true)
    view.setUint32(16, length, true)
    for (let i = 0; i < length; i++) {
      view.setInt16(20 + i * 4, -1000 * i, true)
      view.setInt16(22 + i * 4, 1000 * i, true)
    }
    renderWaveform({ peaks: buf, scale: 'peak' })
    const ws = await created()
    expect(ws.options.peaks?.[0]).toHaveLength(length)
    // 50 pixels x 160 samples at 8 kHz: one second.
    expect(ws.options.duration).toBe(1)
    expect(screen.getByRole('slider')).toHaveAttribute('aria-valuetext', '0 seconds of 1 second')
  })

  test('new peaks load into the same instance', async () => {
    const first = parsePeaks(peaksJson(100))
    const second: Peaks = parsePeaks(peaksJson(300))
    const { rerenderWith } = renderWaveform({ peaks: first, scale: 'peak' })
    const ws = await created()
    rerenderWith({ peaks: second, scale: 'peak' })
    expect(instances).toHaveLength(1)
    expect(ws.loads.at(-1)?.peaks).toBe(second.peaks)
    expect(ws.loads.at(-1)?.url).toContain('/episode.mp3')
  })

  test('decoding follows the element to a new source; with peaks a new source alone loads nothing', async () => {
    const el = audio('/first.mp3')
    renderWaveform({}, el)
    const ws = await created()
    el.setAttribute('src', '/second.mp3')
    el.dispatchEvent(new Event('loadstart'))
    expect(ws.loads.map((l) => l.url)).toEqual([el.src])
    expect(ws.loads[0]!.peaks).toBeUndefined()
    el.dispatchEvent(new Event('loadstart'))
    expect(ws.loads).toHaveLength(1)
    cleanup()
    resetWaveSurfers()
    const other = audio('/third.mp3')
    renderWaveform({ peaks: parsePeaks(peaksJson(10)) }, other)
    const withPeaks = await created()
    other.setAttribute('src', '/fourth.mp3')
    other.dispatchEvent(new Event('loadstart'))
    expect(withPeaks.loads).toEqual([])
  })

  test('onWaveSurfer receives the instance, then null when it is destroyed', async () => {
    const seen: unknown[] = []
    const { unmount } = renderWaveform({ onWaveSurfer: (ws) => seen.push(ws) })
    const ws = await created()
    expect(seen).toEqual([ws])
    unmount()
    expect(seen).toEqual([ws, null])
  })
})
