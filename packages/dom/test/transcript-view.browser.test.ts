/**
 * TranscriptView's geometry in real Chromium, without a framework: the plain renderer of
 * transcript-fixture.ts renders its rows, 36 px each, in a viewport 400 px high. Scrolls are instant
 * (reduced motion). The waits are for the page to reach a state (`expect.poll`) or for animation frames
 * to pass, never for a length of time.
 */
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { generateTranscript, type Setup, setup } from './transcript-fixture.js'

// The view's estimate of a one-line row without a speaker: rows never rendered keep it, so the rows
// measure the same and every position is exact.
const ROW = 36
const HEIGHT = 400
const BAND_TOP = 0.2 * HEIGHT

beforeAll(() => {
  const style = document.createElement('style')
  style.textContent = `
    .castline-transcript__viewport { height: ${HEIGHT}px; overflow: auto; width: 600px; }
    .castline-transcript__list { position: relative; margin: 0; padding: 0; list-style: none; }
    .castline-transcript__list:not([data-static]) > li { position: absolute; top: 0; left: 0; width: 100%; }
    .castline-line { box-sizing: border-box; height: ${ROW}px; margin: 0; white-space: nowrap; font: 16px/20px monospace; }
  `
  document.head.append(style)
})

let mounted: Setup | null = null
afterEach(() => {
  mounted?.cleanup()
  mounted = null
  vi.useRealTimers()
})

function mount(options: Parameters<typeof setup>[0] = {}): Setup {
  mounted = setup({ ...options, view: { reducedMotion: () => true, ...options.view } })
  return mounted
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
/** Lets the browser lay out, observe and deliver what two frames bring (resize observations, scroll events). */
const frames = async (n = 3) => {
  for (let i = 0; i < n; i++) await frame()
}

/** Mounts and waits until the list is virtual and measured. */
async function mountVirtual(options: Parameters<typeof setup>[0] = {}): Promise<Setup> {
  const s = mount(options)
  await expect.poll(() => s.view.getSnapshot().phase).toBe('virtual')
  await frames()
  return s
}

/** Where row `index` is drawn, in pixels from the viewport's top. */
function rowTop(s: Setup, index: number): number {
  const row = s.list.querySelector(`[data-index="${index}"]`)!
  return row.getBoundingClientRect().top - s.viewport.getBoundingClientRect().top
}

/** Moves the time into line `index` and waits for the controller to report it. */
async function speak(s: Setup, index: number): Promise<void> {
  s.source.setTime(2 * index + 1)
  await expect.poll(() => s.controller.getSnapshot().cueIndex).toBe(index)
}

describe('follow mode', () => {
  test('scrolls the spoken line to the comfort band top with its own scrolls, which never detach', async () => {
    const s = await mountVirtual()
    await speak(s, 300)
    await expect.poll(() => s.viewport.scrollTop).toBe(300 * ROW - BAND_TOP)
    expect(s.view.getSnapshot().following).toBe(true)
    // The line is rendered where the scroll put it.
    const row = s.list.querySelector('[data-index="300"]')!
    expect(row.getBoundingClientRect().top - s.viewport.getBoundingClientRect().top).toBe(BAND_TOP)
  })

  test('keeps the line in the comfort band instead of scrolling on every line', async () => {
    const s = await mountVirtual()
    await speak(s, 100)
    await expect.poll(() => s.viewport.scrollTop).toBe(100 * ROW - BAND_TOP)
    const first = s.viewport.scrollTop
    // Lines 101 to 104 start inside the band (its bottom is at 60% of the viewport): no scroll.
    for (const index of [101, 102, 103, 104]) {
      await speak(s, index)
      await frames()
      expect(s.viewport.scrollTop).toBe(first)
      expect(rowTop(s, index)).toBe(BAND_TOP + ROW * (index - 100))
    }
    // Line 105 starts below it: back to the band's top.
    await speak(s, 105)
    await expect.poll(() => s.viewport.scrollTop).toBe(105 * ROW - BAND_TOP)
    expect(rowTop(s, 105)).toBe(BAND_TOP)
  })

  test('the rows around the spoken line are rendered with the cue change, and no more than a few screens of them', async () => {
    const s = await mountVirtual()
    s.source.setTime(2 * 700 + 1)
    await expect.poll(() => s.view.getSnapshot().rows.includes(700)).toBe(true)
    expect(s.view.getSnapshot().rows.length).toBeLessThan(3 * (HEIGHT / ROW) + 20)
    await expect.poll(() => s.viewport.scrollTop).toBe(700 * ROW - BAND_TOP)
  })

  test('a wheel detaches: the list stays while the audio moves on, the jump button points at the line and re-attaches', async () => {
    const s = await mountVirtual()
    await speak(s, 300)
    await expect.poll(() => s.viewport.scrollTop).toBe(300 * ROW - BAND_TOP)
    s.viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true }))
    expect(s.view.getSnapshot().following).toBe(false)
    await speak(s, 600)
    await frames()
    expect(s.viewport.scrollTop).toBe(300 * ROW - BAND_TOP)
    expect(s.view.getSnapshot().jump).toBe('down')
    // The user scrolls past it: the button points up.
    s.viewport.scrollTop = 700 * ROW
    await expect.poll(() => s.view.getSnapshot().jump).toBe('up')
    s.view.jump()
    await expect.poll(() => s.viewport.scrollTop).toBe(600 * ROW - BAND_TOP)
    expect(s.view.getSnapshot()).toMatchObject({ following: true, jump: null })
  })

  test('the resume timer re-attaches after quiet time and scrolls back to the spoken line', async () => {
    // The test's timers: the staged mount's, the virtualizer's end-of-scroll and the resume timer.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const s = mount({ follow: { resumeAfterMs: 3000 } })
    // The staged mount: two tasks.
    await vi.advanceTimersToNextTimerAsync()
    await vi.advanceTimersToNextTimerAsync()
    expect(s.view.getSnapshot().phase).toBe('virtual')
    await frames()
    await speak(s, 300)
    await expect.poll(() => s.viewport.scrollTop).toBe(300 * ROW - BAND_TOP)
    s.viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: 120, bubbles: true }))
    await speak(s, 600)
    await vi.advanceTimersByTimeAsync(2999)
    await frames()
    expect(s.view.getSnapshot().following).toBe(false)
    expect(s.viewport.scrollTop).toBe(300 * ROW - BAND_TOP)
    await vi.advanceTimersByTimeAsync(1)
    expect(s.view.getSnapshot().following).toBe(true)
    await expect.poll(() => s.viewport.scrollTop).toBe(600 * ROW - BAND_TOP)
  })

  test('a press on the scrollbar detaches; a press on a line does not', async () => {
    const s = await mountVirtual()
    const rect = s.viewport.getBoundingClientRect()
    const press = (target: Element, x: number, y: number) =>
      target.dispatchEvent(
        new PointerEvent('pointerdown', { bubbles: true, clientX: x, clientY: y, button: 0 }),
      )
    press(s.list.querySelector('[data-index="1"] .castline-line__text')!, rect.left + 20, rect.top + ROW + 10)
    expect(s.view.getSnapshot().following).toBe(true)
    // Right of the content box: the scrollbar's place, whatever its width.
    press(s.viewport, rect.left + s.viewport.clientWidth + 1, rect.top + HEIGHT / 2)
    expect(s.view.getSnapshot().following).toBe(false)
  })

  test('a search result (reveal) centres its line and detaches', async () => {
    const s = await mountVirtual()
    s.view.reveal(500)
    expect(s.view.getSnapshot().following).toBe(false)
    const inView = () => {
      const row = s.list.querySelector('[data-index="500"]')?.getBoundingClientRect()
      const viewport = s.viewport.getBoundingClientRect()
      return row !== undefined && row.top >= viewport.top + BAND_TOP && row.bottom <= viewport.bottom
    }
    await expect.poll(inView).toBe(true)
    expect(s.viewport.scrollTop).toBeGreaterThan(0)
  })
})

describe('hit-testing', () => {
  /** The viewport point at the middle of `word` in the line's plain text. */
  function pointOf(text: HTMLElement, word: string): { x: number; y: number } {
    const node = text.firstChild!
    const at = node.textContent!.indexOf(word)
    const range = document.createRange()
    range.setStart(node, at)
    range.setEnd(node, at + word.length)
    const rect = range.getBoundingClientRect()
    return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 }
  }

  test('a click on a word of plain text seeks to that timed word, found from the caret under the pointer', async () => {
    const transcript = generateTranscript(200, { words: true })
    const s = await mountVirtual({ transcript })
    const text = s.list.querySelector<HTMLElement>('[data-index="2"] .castline-line__text')!
    const words = transcript.cues[2]!.words!
    for (const [k, word] of [
      [3, 'says'],
      [5, 'worth'],
      [0, 'Line'],
    ] as const) {
      const { x, y } = pointOf(text, word)
      text.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }))
      expect(s.source.seeks.at(-1)).toBe(words[k]!.start)
    }
    expect(s.source.seeks).toHaveLength(3)
  })

  test('without word timings a click seeks to the line', async () => {
    const s = await mountVirtual({ transcript: generateTranscript(200) })
    const text = s.list.querySelector<HTMLElement>('[data-index="4"] .castline-line__text')!
    const { x, y } = pointOf(text, 'worth')
    text.dispatchEvent(new MouseEvent('click', { bubbles: true, clientX: x, clientY: y }))
    expect(s.source.seeks).toEqual([8])
  })
})

describe('roving focus', () => {
  const key = (k: string) =>
    document.activeElement!.dispatchEvent(
      new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }),
    )
  const focusedIndex = () =>
    Number(document.activeElement?.closest<HTMLElement>('[data-index]')?.dataset.index)

  test('the focused line stays rendered and tabbable when the list is scrolled far from it', async () => {
    const s = await mountVirtual({ transcript: generateTranscript(2000) })
    s.list.querySelector<HTMLElement>('[data-index="0"] .castline-line__time')!.focus()
    // Moving through the list is the user's own navigation: follow mode lets go of the spoken line 0.
    for (let i = 0; i < 3; i++) key('ArrowDown')
    await expect.poll(focusedIndex).toBe(3)
    expect(s.view.getSnapshot().following).toBe(false)
    s.viewport.scrollTop = 1500 * ROW
    await expect.poll(() => s.list.querySelector('[data-index="1500"]') !== null).toBe(true)
    const time = s.list.querySelector<HTMLElement>('[data-index="3"] .castline-line__time')
    expect(time).not.toBeNull()
    expect(time!.tabIndex).toBe(0)
    expect(document.activeElement).toBe(time)
    expect(s.list.querySelectorAll('[tabindex="0"]')).toHaveLength(1)
    // Nothing else from up there: only the tab stop's row is kept.
    const shown = [...s.list.querySelectorAll<HTMLElement>('[data-index]')].map((e) =>
      Number(e.dataset.index),
    )
    expect(Math.min(...shown.filter((i) => i !== 3))).toBeGreaterThan(1000)
    expect(s.list.querySelector('[data-index="1"]')).toBeNull()
  })

  test('End renders and focuses the last line and scrolls it into view; PageUp moves a screen of lines', async () => {
    const s = await mountVirtual()
    s.list.querySelector<HTMLElement>('[data-index="0"] .castline-line__time')!.focus()
    key('End')
    await expect.poll(focusedIndex).toBe(999)
    await expect.poll(() => s.viewport.scrollTop + HEIGHT).toBe(1000 * ROW)
    await frames()
    const page = (s.view.virtualizer.range?.endIndex ?? 0) - (s.view.virtualizer.range?.startIndex ?? 0)
    expect(page).toBeGreaterThanOrEqual(HEIGHT / ROW - 1)
    key('PageUp')
    await expect.poll(focusedIndex).toBe(999 - page)
    const row = document.activeElement!.closest('[data-index]')!.getBoundingClientRect()
    const viewport = s.viewport.getBoundingClientRect()
    expect(row.top).toBeGreaterThanOrEqual(viewport.top)
    expect(row.bottom).toBeLessThanOrEqual(viewport.bottom)
  })
})
