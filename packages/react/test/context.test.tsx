import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createManualSource, type SyncSnapshot, type Transcript } from '@castline/core'
import { act, render, renderHook, screen } from '@testing-library/react'
import { type ReactNode, useRef } from 'react'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { type CastlineContextValue, CastlineProvider, type CastlineProviderProps } from '../src/context.js'
import { useActiveCue, useCastline, useFollowMode, useTranscriptSync } from '../src/hooks.js'
import { generateTranscript, settled } from './helpers.js'

// jsdom gives import.meta.url an http scheme: resolve from this file's directory instead.
const episode = readFileSync(
  resolve(import.meta.dirname, '../../../../shared/fixtures/talk-python-514.txt'),
  'utf8',
)

function wrapper(props: Omit<CastlineProviderProps, 'children'>) {
  return ({ children }: { children: ReactNode }) => <CastlineProvider {...props}>{children}</CastlineProvider>
}

afterEach(() => {
  window.location.hash = ''
})

/** Hands the context value out of the tree on every render. */
function Probe({ onValue }: { onValue: (value: CastlineContextValue) => void }) {
  onValue(useCastline())
  return null
}

/** A site that renders its own <audio> after the provider and passes it by ref. */
function SiteWithOwnAudio({ onValue }: { onValue: (value: CastlineContextValue) => void }) {
  const ref = useRef<HTMLAudioElement>(null)
  return (
    <>
      <CastlineProvider transcript={generateTranscript(3)} media={ref}>
        <Probe onValue={onValue} />
      </CastlineProvider>
      {/* biome-ignore lint/a11y/useMediaCaption: test element */}
      <audio ref={ref} data-testid="site-audio" />
    </>
  )
}

describe('hooks', () => {
  test('useTranscriptSync: the snapshot, and with a selector only re-renders when the selection changes', async () => {
    const source = createManualSource({ duration: 100 })
    const transcript = generateTranscript(20, { words: true })
    let renders = 0
    const { result } = renderHook(
      () => {
        renders++
        return { cue: useTranscriptSync((s) => s.cueIndex), snapshot: useTranscriptSync() }
      },
      { wrapper: wrapper({ transcript, source }) },
    )
    await settled()
    expect(result.current.snapshot.cueIndex).toBe(0)
    expect(Object.isFrozen(result.current.snapshot)).toBe(true)
    await act(async () => source.setTime(7))
    expect(result.current.cue).toBe(3)
    expect(result.current.snapshot.wordIndex).toBeGreaterThanOrEqual(0)

    let selected = 0
    const { result: only } = renderHook(
      () => {
        selected++
        return useTranscriptSync((s: SyncSnapshot) => s.cueIndex)
      },
      { wrapper: wrapper({ transcript, source }) },
    )
    await settled()
    const before = selected
    // Word changes inside line 3 change the snapshot but not the selection.
    await act(async () => source.setPlaying(true))
    await act(async () => {
      for (let i = 0; i < 50; i++) source.tick()
    })
    expect(only.current).toBe(3)
    expect(selected).toBe(before)
    expect(renders).toBeGreaterThan(0)
  })

  test('useActiveCue: the spoken cue and its index, null between cues', async () => {
    const transcript: Transcript = {
      format: 'vtt',
      cues: [
        { start: 0, end: 1, text: 'first' },
        { start: 5, end: 6, text: 'second' },
      ],
      warnings: [],
      speakers: [],
      wordLevel: false,
    }
    const source = createManualSource({ duration: 10 })
    const { result } = renderHook(() => useActiveCue(), { wrapper: wrapper({ transcript, source }) })
    await settled()
    expect(result.current?.cue.text).toBe('first')
    await act(async () => source.setTime(3))
    expect(result.current).toBeNull()
    await act(async () => source.setTime(5.5))
    expect(result.current).toEqual({ index: 1, cue: transcript.cues[1] })
  })

  test('useFollowMode: detach and follow', () => {
    const onFollowChange = vi.fn()
    const { result } = renderHook(() => useFollowMode(), {
      wrapper: wrapper({ transcript: generateTranscript(3), onFollowChange }),
    })
    expect(result.current.following).toBe(true)
    act(() => result.current.detach())
    expect(result.current.following).toBe(false)
    act(() => result.current.follow())
    expect(result.current.following).toBe(true)
    act(() => result.current.setFollowing(false))
    expect(onFollowChange.mock.calls).toEqual([[false], [true], [false]])
  })

  test('hooks outside a provider fail with a clear message', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {})
    expect(() => renderHook(() => useCastline())).toThrow(/inside <CastlineProvider>/)
    vi.restoreAllMocks()
  })

  test('seekTo / seekToCue go to the source and re-attach follow mode', async () => {
    const source = createManualSource({ duration: 100 })
    const { result } = renderHook(() => useCastline(), {
      wrapper: wrapper({ transcript: generateTranscript(20), source, defaultFollow: false }),
    })
    expect(result.current.following).toBe(false)
    await act(async () => result.current.seekToCue(4))
    expect(source.seeks).toEqual([8])
    expect(result.current.following).toBe(true)
    await act(async () => result.current.seekTo(-3))
    expect(source.seeks).toEqual([8, 0])
  })
})

describe('transcript input', () => {
  test('parses the real sample episode from text, once per distinct string', () => {
    let seen: Transcript | null = null
    const onValue = (v: CastlineContextValue) => {
      seen = v.transcript
    }
    const { rerender } = render(
      <CastlineProvider transcript={episode}>
        <Probe onValue={onValue} />
      </CastlineProvider>,
    )
    const first = seen as Transcript | null
    expect(first?.cues).toHaveLength(1074)
    rerender(
      <CastlineProvider transcript={episode.slice(0)}>
        <Probe onValue={onValue} />
      </CastlineProvider>,
    )
    expect(seen).toBe(first)
  })
})

describe('media', () => {
  test('with src the provider renders and owns a hidden <audio>, shared through the context', () => {
    let media: HTMLMediaElement | null = null
    const { container } = render(
      <CastlineProvider transcript={generateTranscript(3)} src="/episode.mp3">
        <Probe
          onValue={(v) => {
            media = v.media
          }}
        />
      </CastlineProvider>,
    )
    const audio = container.querySelector('audio')
    expect(audio).not.toBeNull()
    expect(audio!.getAttribute('src')).toBe('/episode.mp3')
    expect(audio!.hasAttribute('controls')).toBe(false)
    expect(media).toBe(audio)
  })

  test('a media ref to an element rendered after the provider is picked up', () => {
    let media: HTMLMediaElement | null = null
    const { container } = render(
      <SiteWithOwnAudio
        onValue={(v) => {
          media = v.media
        }}
      />,
    )
    expect(container.querySelectorAll('audio')).toHaveLength(1)
    expect(media).toBe(screen.getByTestId('site-audio'))
  })

  test('an audio error becomes a readable message', async () => {
    let error: { code: number; message: string } | null = null
    const { container } = render(
      <CastlineProvider transcript={generateTranscript(3)} src="/missing.mp3">
        <Probe
          onValue={(v) => {
            error = v.mediaError
          }}
        />
      </CastlineProvider>,
    )
    const audio = container.querySelector('audio')!
    Object.defineProperty(audio, 'error', { configurable: true, value: { code: 4, message: '' } })
    await act(async () => audio.dispatchEvent(new Event('error')))
    expect(error).toEqual({ code: 4, message: expect.stringContaining('404') })
  })

  test('a #t= deep link seeks once at start', async () => {
    // A page opened at the link: jsdom fires a hashchange for the hash set here, which a page loaded with
    // it never gets; wait for it before the provider mounts.
    const changed = new Promise((resolve) => window.addEventListener('hashchange', resolve, { once: true }))
    window.location.hash = '#t=12:34'
    await changed
    const source = createManualSource({ duration: 5000 })
    render(
      <CastlineProvider transcript={generateTranscript(3)} source={source}>
        <span />
      </CastlineProvider>,
    )
    await act(async () => {})
    expect(source.seeks).toEqual([754])
  })
})
