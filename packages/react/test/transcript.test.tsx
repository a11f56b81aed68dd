import { createManualSource, type ManualSource, type Transcript as TranscriptModel } from '@castline/core'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { StrictMode } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { CastlineProvider, type CastlineProviderProps } from '../src/context.js'
import { lineRenderProbe } from '../src/line.js'
import { Transcript, type TranscriptProps } from '../src/transcript.js'
import {
  generateTranscript,
  lineTop,
  listMounted,
  mockLayout,
  settled,
  settleFrames,
  useFakeClocks,
  whileClocksRun,
} from './helpers.js'

let restore: () => void
beforeEach(() => {
  restore = mockLayout({ viewport: 400, row: 40 })
})
afterEach(() => {
  restore()
  vi.useRealTimers()
})

interface SetupOptions {
  transcript?: TranscriptModel
  source?: ManualSource
  provider?: Partial<CastlineProviderProps>
  props?: TranscriptProps
  strict?: boolean
}

async function setup(options: SetupOptions = {}) {
  const transcript = options.transcript ?? generateTranscript(200)
  const source = options.source ?? createManualSource({ duration: transcript.duration ?? Number.NaN })
  const tree = (provider: Partial<CastlineProviderProps> = options.provider ?? {}) => (
    <CastlineProvider transcript={transcript} source={source} {...provider}>
      <Transcript {...options.props} />
    </CastlineProvider>
  )
  const utils = render(options.strict ? <StrictMode>{tree()}</StrictMode> : tree())
  const rerender = (provider: Partial<CastlineProviderProps>) => utils.rerender(tree(provider))
  await settled()
  await listMounted()
  return { ...utils, rerender, source, transcript }
}

const viewport = () => document.querySelector<HTMLElement>('.castline-transcript__viewport')!
const row = (index: number) => document.querySelector<HTMLElement>(`.castline-line[data-index="${index}"]`)
const currentRows = () => [...document.querySelectorAll('[aria-current="true"]')]
const rowIndexes = () =>
  [...document.querySelectorAll<HTMLElement>('.castline-line[data-index]')].map((r) =>
    Number(r.dataset.index),
  )

describe('structure', () => {
  test('a labelled region holding a list: a few rendered lines out of many, with set size and position', async () => {
    await setup({ transcript: generateTranscript(1000) })
    const region = screen.getByRole('region', { name: 'Transcript' })
    const items = within(within(region).getByRole('list')).getAllByRole('listitem')
    // 400 px viewport / 40 px lines = 10 visible, plus overscan.
    expect(items.length).toBeGreaterThanOrEqual(10)
    expect(items.length).toBeLessThan(30)
    expect(items[0]).toHaveAttribute('aria-setsize', '1000')
    expect(items[0]).toHaveAttribute('aria-posinset', '1')
    expect(items[3]).toHaveAttribute('aria-posinset', '4')
  })

  test('a client-side mount commits the region first; the lines come in a transition after it', async () => {
    const container = document.body.appendChild(document.createElement('div'))
    const root = createRoot(container)
    const source = createManualSource({ duration: 1000 })
    let first = { region: 0, lines: -1 }
    await act(async () => {
      // The page's own render: committed at once, the list's work is left for the transition.
      flushSync(() =>
        root.render(
          <CastlineProvider transcript={generateTranscript(1000)} source={source}>
            <Transcript />
          </CastlineProvider>,
        ),
      )
      first = {
        region: container.querySelectorAll('section[aria-label="Transcript"]').length,
        lines: container.querySelectorAll('li').length,
      }
    })
    expect(first).toEqual({ region: 1, lines: 0 })
    await settled()
    expect(container.querySelectorAll('li').length).toBeGreaterThanOrEqual(10)
    await act(async () => source.setTime(3))
    expect(container.querySelector('[aria-current="true"]')).toHaveAttribute('aria-posinset', '2')
    act(() => root.unmount())
    container.remove()
  })

  test('each line shows its timestamp as a button, and the speaker only at the start of a run', async () => {
    await setup({ transcript: generateTranscript(20, { run: 3, seconds: 30 }) })
    expect(within(row(2)!).getByRole('button', { name: '1:00' })).toBeInTheDocument()
    const speakers = [0, 1, 2, 3, 4, 5, 6].map(
      (i) => row(i)!.querySelector('.castline-line__speaker')?.textContent ?? null,
    )
    expect(speakers).toEqual(['Michael', null, null, 'Sofia', null, null, 'Ada'])
    expect(row(3)).toHaveClass('castline-line--speaker-start')
    expect(row(4)).not.toHaveClass('castline-line--speaker-start')
  })

  test('transcript text is rendered as text, never as markup', async () => {
    const transcript = generateTranscript(3, {
      text: (i) => (i === 1 ? '<img src=x onerror=alert(1)> & <b>bold</b>' : `line ${i}`),
    })
    await setup({ transcript })
    expect(row(1)!.querySelector('img, b')).toBeNull()
    expect(row(1)!.querySelector('.castline-line__text')!.textContent).toBe(
      '<img src=x onerror=alert(1)> & <b>bold</b>',
    )
  })
})

describe('the active line', () => {
  test('has aria-current="true" and the active class; exactly one line at a time', async () => {
    const { source } = await setup()
    expect(currentRows()).toEqual([row(0)])
    await act(async () => source.setTime(5)) // line 2 spans [4, 6)
    expect(currentRows()).toEqual([row(2)])
    expect(row(2)).toHaveClass('castline-line--active')
    await act(async () => source.setTime(6.5))
    expect(currentRows()).toEqual([row(3)])
    expect(row(2)).not.toHaveAttribute('aria-current')
  })

  test('a cue change re-renders exactly the two affected lines, and frames inside a cue re-render none', async () => {
    const { source } = await setup({ source: createManualSource({ duration: 400 }) })
    await act(async () => source.setTime(3))
    await act(async () => source.setPlaying(true))
    const renders: number[] = []
    const mounts: number[] = []
    lineRenderProbe.current = (index, mount) => (mount ? mounts : renders).push(index)
    try {
      // 0.5 s of frames inside line 1 ([2, 4)), then across the boundary into line 2.
      await act(async () => {
        for (let i = 0; i < 30; i++) source.tick()
      })
      expect(renders).toEqual([])
      expect(mounts).toEqual([])
      const before = new Set(rowIndexes())
      await act(async () => {
        for (let i = 0; i < 40; i++) source.tick()
      })
      expect(currentRows()).toEqual([row(2)])
      expect(renders.sort((a, b) => a - b)).toEqual([1, 2])
      // Rows mounted with the change (the rows around the new line) are rows that were not there.
      for (const index of mounts) expect(before.has(index)).toBe(false)
    } finally {
      lineRenderProbe.current = null
    }
  })

  test('the spoken word is marked per frame without re-rendering, from word timings', async () => {
    const transcript = generateTranscript(10, { words: true, seconds: 4, text: () => 'one two three four' })
    const { source } = await setup({ transcript })
    await act(async () => source.setTime(4.1)) // line 1, first word [4, 5)
    const spoken = () => [...document.querySelectorAll('.castline-word--spoken')].map((e) => e.textContent)
    expect(spoken()).toEqual(['one'])
    let renders = 0
    lineRenderProbe.current = () => renders++
    try {
      await act(async () => source.setPlaying(true))
      await act(async () => {
        for (let i = 0; i < 126; i++) source.tick() // +2.1 s: 6.2 s is in "three"
      })
      expect(spoken()).toEqual(['three'])
      expect(row(1)!.querySelector('[data-spoken]')!.textContent).toBe('three')
      expect(Number(row(1)!.style.getPropertyValue('--castline-progress'))).toBeCloseTo(0.55, 1)
      expect(renders).toBe(0)
      // One style write a frame, the frame that moves to the next word included (it changes the snapshot
      // and runs the frame: the line hears both).
      const style = row(1)!.style
      const write = vi.spyOn(style, 'setProperty')
      await act(async () => {
        for (let i = 0; i < 60; i++) source.tick() // +1 s: into "four"
      })
      expect(spoken()).toEqual(['four'])
      expect(write).toHaveBeenCalledTimes(60)
      write.mockRestore()
    } finally {
      lineRenderProbe.current = null
    }
  })

  test('without word timings the spoken word is estimated from its character position', async () => {
    // 40 characters over [10, 20): 75% through is character 30, inside "gamma".
    const transcript = generateTranscript(5, {
      seconds: 10,
      text: () => 'alpha beta omega theta iota gamma kappa.',
    })
    const { source } = await setup({ transcript })
    await act(async () => source.setTime(17.5))
    expect([...document.querySelectorAll('.castline-word--spoken')].map((e) => e.textContent)).toEqual([
      'gamma',
    ])
    await act(async () => source.setTime(10.1))
    expect([...document.querySelectorAll('.castline-word--spoken')].map((e) => e.textContent)).toEqual([
      'alpha',
    ])
  })
})

describe('mounting 100,000 lines', () => {
  test('the first lines show at once; the time index and the estimates come in slices, each a task, and the active line with the last', async () => {
    useFakeClocks()
    const transcript = generateTranscript(100_000)
    // Line 7 spans [14, 16).
    const source = createManualSource({ duration: transcript.duration!, time: 15 })
    render(
      <CastlineProvider transcript={transcript} source={source}>
        <Transcript />
      </CastlineProvider>,
    )
    await settled()
    // A usable first window: the first lines, while no line is active yet (the index is not built).
    expect(rowIndexes().slice(0, 3)).toEqual([0, 1, 2])
    expect(currentRows()).toEqual([])
    let tasks = 0
    while (currentRows().length === 0 && vi.getTimerCount() > 0) {
      await act(async () => {
        vi.advanceTimersToNextTimer()
      })
      tasks++
    }
    expect(currentRows()).toEqual([row(7)])
    // Sorted lines that never overlap: three passes over 100,000 cues (the scan, the time buckets and
    // their sums), 50,000 units a slice, the first in the provider's render: five more tasks at least.
    expect(tasks).toBeGreaterThanOrEqual(5)
    await settleFrames()
    expect(rowIndexes()).toContain(7)
  }, 60_000)
})

describe('seeking', () => {
  test('a click on a line seeks to its start and keeps playing', async () => {
    const { source } = await setup()
    await act(async () => source.setPlaying(true))
    await userEvent.click(row(7)!.querySelector('.castline-line__text')!)
    expect(source.seeks).toEqual([14])
    expect(source.isPlaying()).toBe(true)
    expect(currentRows()).toEqual([row(7)])
  })

  test('a text selection does not seek', async () => {
    const { source } = await setup()
    const text = row(4)!.querySelector('.castline-line__text')!
    const range = document.createRange()
    range.selectNodeContents(text)
    window.getSelection()!.removeAllRanges()
    window.getSelection()!.addRange(range)
    fireEvent.click(text)
    expect(source.seeks).toEqual([])
    window.getSelection()!.removeAllRanges()
    fireEvent.click(text)
    expect(source.seeks).toEqual([8])
  })

  test('a click on a timed word seeks to the word', async () => {
    const transcript = generateTranscript(10, { words: true, seconds: 4, text: () => 'one two three four' })
    const { source } = await setup({ transcript })
    await act(async () => source.setTime(4.5))
    const three = within(row(1)!).getByText('three')
    await userEvent.click(three)
    expect(source.seeks.at(-1)).toBe(6)
  })

  test('the copy-link action produces a #t=start&q=words URL for the line', async () => {
    const onCopyLink = vi.fn()
    await setup({ transcript: generateTranscript(50, { seconds: 7.5 }), props: { onCopyLink } })
    await userEvent.click(within(row(3)!).getByRole('button', { name: 'Copy link to 0:22' }))
    expect(onCopyLink).toHaveBeenCalledTimes(1)
    const [url, cue, index] = onCopyLink.mock.calls[0]!
    // The line's start and its first words: the link finds the line again after an ad moved it.
    const words = encodeURIComponent(cue.text.split(/\s+/).slice(0, 8).join(' '))
    expect(url).toBe(`${window.location.href.split('#')[0]}#t=22.5&q=${words}`)
    expect(cue.start).toBe(22.5)
    expect(index).toBe(3)
  })
})

describe('keyboard', () => {
  test('one tab stop; arrows, Home/End and PageUp/PageDown move focus; Enter and Space seek', async () => {
    const user = userEvent.setup({ delay: null })
    const { source } = await setup({ transcript: generateTranscript(500) })
    const stops = document.querySelectorAll('.castline-transcript [tabindex="0"]')
    expect(stops).toHaveLength(1)
    await user.tab()
    expect(document.activeElement).toBe(within(row(0)!).getByRole('button', { name: '0:00' }))
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(document.activeElement).toBe(row(2)!.querySelector('.castline-line__time'))
    await user.keyboard('{ArrowUp}')
    expect(document.activeElement).toBe(row(1)!.querySelector('.castline-line__time'))
    await user.keyboard('{Enter}')
    expect(source.seeks).toEqual([2])
    await user.keyboard('{End}')
    expect(document.activeElement).toBe(row(499)!.querySelector('.castline-line__time'))
    expect(row(499)).toHaveAttribute('aria-posinset', '500')
    await user.keyboard(' ')
    expect(source.seeks).toEqual([2, 998])
    await user.keyboard('{Home}')
    expect(document.activeElement).toBe(row(0)!.querySelector('.castline-line__time'))
    await user.keyboard('{PageDown}')
    const paged = Number(document.activeElement!.closest<HTMLElement>('[data-index]')!.dataset.index)
    expect(paged).toBeGreaterThanOrEqual(8)
    expect(paged).toBeLessThanOrEqual(12)
    await user.keyboard('{PageUp}')
    expect(document.activeElement).toBe(row(0)!.querySelector('.castline-line__time'))
    // Still one tab stop, now on the focused line.
    expect(document.querySelectorAll('.castline-transcript [tabindex="0"]')).toHaveLength(1)
  })

  test("ArrowRight reaches the line's copy-link button and ArrowLeft comes back", async () => {
    const user = userEvent.setup({ delay: null })
    await setup()
    await user.tab()
    await user.keyboard('{ArrowRight}')
    expect(document.activeElement).toBe(within(row(0)!).getByRole('button', { name: /Copy link/ }))
    await user.keyboard('{ArrowLeft}')
    expect(document.activeElement).toBe(row(0)!.querySelector('.castline-line__time'))
  })
})

// Where follow scrolling puts the spoken line (the comfort band) and which rows stay rendered far from the
// focus are geometry: TranscriptView's Chromium tests check them in real layout
// (packages/dom/test/transcript-view.browser.test.ts). These check what the component renders of it.
describe('follow mode', () => {
  const jumpButton = () => screen.queryByRole('button', { name: /Jump to current line/ })
  // Follow mode's scrolls are re-aimed in animation frames as rows get measured, and the virtualizer
  // counts the list as scrolling for 150 ms after each: these tests drive the frames and timers
  // themselves and read positions once everything has come to rest.
  beforeEach(useFakeClocks)
  const click = (element: Element) => whileClocksRun(userEvent.setup({ delay: null }).click(element))

  test('a wheel detaches; the jump button points at the line and re-attaches', async () => {
    const { source } = await setup({ transcript: generateTranscript(1000) })
    await act(async () => source.setTime(2 * 300 + 1))
    await settleFrames()
    await act(async () => {
      fireEvent.wheel(viewport(), { deltaY: 400 })
      viewport().scrollTop = 40 * 600
      viewport().dispatchEvent(new Event('scroll'))
    })
    const button = jumpButton()!
    expect(button).toHaveAttribute('data-direction', 'up')
    // Detached: playback moves on (as playing does, not a seek) but the list stays.
    await act(async () => source.advance(20))
    await settleFrames()
    expect(viewport().scrollTop).toBe(40 * 600)
    await click(button)
    await settleFrames()
    expect(jumpButton()).toBeNull()
    expect(lineTop(row(310)!) - viewport().scrollTop).toBe(80)
  })

  test('the jump button points down when the line is below', async () => {
    const { source } = await setup({ transcript: generateTranscript(1000) })
    await act(async () => source.setTime(2 * 500 + 1))
    await settleFrames()
    await act(async () => {
      fireEvent.wheel(viewport(), { deltaY: -400 })
      viewport().scrollTop = 0
      viewport().dispatchEvent(new Event('scroll'))
    })
    expect(jumpButton()).toHaveAttribute('data-direction', 'down')
  })

  test("scroll events alone (ours or anyone's without user input) do not detach", async () => {
    await setup({ transcript: generateTranscript(1000) })
    await act(async () => {
      viewport().scrollTo({ top: 5000 })
    })
    await settleFrames()
    expect(jumpButton()).toBeNull()
  })

  test('touch, scroll keys and the scrollbar detach too', async () => {
    const { source } = await setup()
    await act(async () => source.setTime(1))
    for (const detach of [
      () => fireEvent.touchMove(viewport()),
      () => fireEvent.keyDown(viewport(), { key: 'PageDown' }),
      () => fireEvent.pointerDown(viewport(), { button: 0, clientX: 605, clientY: 10 }),
    ]) {
      await act(async () => detach())
      expect(jumpButton()).not.toBeNull()
      await act(async () => jumpButton()!.click())
      expect(jumpButton()).toBeNull()
    }
  })

  test('a seek re-attaches', async () => {
    const { source } = await setup()
    await act(async () => source.setTime(1))
    await act(async () => fireEvent.wheel(viewport(), { deltaY: 100 }))
    expect(jumpButton()).not.toBeNull()
    await act(async () => source.setTime(50))
    expect(jumpButton()).toBeNull()
  })

  test('resumeAfterMs re-attaches after the user stops scrolling', async () => {
    const { source } = await setup({ provider: { resumeAfterMs: 3000 } })
    await act(async () => source.setTime(1))
    await act(async () => fireEvent.wheel(viewport(), { deltaY: 100 }))
    await act(async () => vi.advanceTimersByTime(2000))
    // Scrolling again restarts the wait.
    await act(async () => fireEvent.wheel(viewport(), { deltaY: 100 }))
    await act(async () => vi.advanceTimersByTime(2000))
    expect(jumpButton()).not.toBeNull()
    await act(async () => vi.advanceTimersByTime(1001))
    expect(jumpButton()).toBeNull()
  })

  test('controlled: the owner decides; onFollowChange reports what the user did', async () => {
    const onFollowChange = vi.fn()
    const { source, rerender } = await setup({ provider: { follow: true, onFollowChange } })
    await act(async () => source.setTime(1))
    await act(async () => fireEvent.wheel(viewport(), { deltaY: 100 }))
    expect(onFollowChange).toHaveBeenLastCalledWith(false)
    expect(jumpButton()).toBeNull()
    rerender({ follow: false, onFollowChange })
    expect(jumpButton()).not.toBeNull()
    await click(jumpButton()!)
    expect(onFollowChange).toHaveBeenLastCalledWith(true)
    expect(jumpButton()).not.toBeNull()
  })

  test('uncontrolled: defaultFollow={false} starts detached', async () => {
    const onFollowChange = vi.fn()
    await setup({ provider: { defaultFollow: false, onFollowChange } })
    expect(jumpButton()).not.toBeNull()
    await click(jumpButton()!)
    expect(jumpButton()).toBeNull()
    expect(onFollowChange).toHaveBeenCalledWith(true)
  })
})

describe('loading and errors', () => {
  test('a transcript fetched from a url shows a loading state, then the lines', async () => {
    let resolve!: (r: Response) => void
    const fetchMock = vi.fn(() => new Promise<Response>((r) => (resolve = r)))
    vi.stubGlobal('fetch', fetchMock)
    try {
      render(
        <CastlineProvider transcript={{ url: '/ep.vtt' }}>
          <Transcript />
        </CastlineProvider>,
      )
      expect(screen.getByRole('status')).toHaveTextContent('Loading transcript')
      await act(async () =>
        resolve(new Response('WEBVTT\n\n00:00.000 --> 00:02.000\nHello there\n', { status: 200 })),
      )
      expect((await screen.findByRole('listitem')).querySelector('.castline-line__text')).toHaveTextContent(
        'Hello there',
      )
      expect(fetchMock).toHaveBeenCalledWith('/ep.vtt', expect.anything())
    } finally {
      vi.unstubAllGlobals()
    }
  })

  test('an HTTP error is shown with its status', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('nope', { status: 404, statusText: 'Not Found' })),
    )
    try {
      render(
        <CastlineProvider transcript={{ url: '/missing.vtt' }}>
          <Transcript />
        </CastlineProvider>,
      )
      expect(await screen.findByRole('alert')).toHaveTextContent('HTTP 404 Not Found')
    } finally {
      vi.unstubAllGlobals()
    }
  })

  test('a source that is not a transcript shows the parse error with its line', async () => {
    render(
      <CastlineProvider transcript={'{"this": "is json but not a transcript"}'}>
        <Transcript />
      </CastlineProvider>,
    )
    expect(screen.getByRole('alert')).toHaveTextContent(/line \d+/)
  })
})

test('StrictMode: one working controller, and nothing left subscribed after unmount', async () => {
  const { source, unmount } = await setup({ strict: true })
  await act(async () => source.setTime(5))
  expect(currentRows()).toEqual([row(2)])
  expect(source.listenerCount).toBeGreaterThan(0)
  unmount()
  expect(source.listenerCount).toBe(0)
})
