/**
 * TranscriptView's state in jsdom (no layout): the staged mount, what the snapshot says and when it is
 * a new object, follow mode's events from scrolling, clicks, keys and search, roving focus. Timers and
 * animation frames are the test's: nothing runs unless the test advances them.
 */
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { TranscriptView, type TranscriptViewSnapshot } from '../src/index.js'
import { generateTranscript, type Setup, setup } from './transcript-fixture.js'

let mounted: Setup | null = null
const mount = (options?: Parameters<typeof setup>[0]) => {
  mounted = setup(options)
  return mounted
}
beforeEach(() => {
  vi.useFakeTimers({
    toFake: [
      'setTimeout',
      'clearTimeout',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'performance',
      'Date',
    ],
  })
})
afterEach(() => {
  mounted?.cleanup()
  mounted = null
  vi.useRealTimers()
})

/** Lets the SyncController's microtask notification run. */
const microtasks = () => vi.advanceTimersByTimeAsync(0)

/** Runs the staged mount's tasks (and whatever they schedule) to the end. */
async function mounted_(): Promise<void> {
  for (let i = 0; i < 10 && vi.getTimerCount() > 0; i++) await vi.advanceTimersToNextTimerAsync()
}

describe('staged mount', () => {
  test('static first (the first initialLines lines, unpositioned), then measuring, then virtual, each in a task of its own', async () => {
    const { view, list } = mount({ view: { initialLines: 10, overscan: 2 } })
    const phases: string[] = [view.getSnapshot().phase]
    view.subscribe((s) => {
      if (s.phase !== phases.at(-1)) phases.push(s.phase)
    })
    expect(view.getSnapshot().rows).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])
    expect(list.hasAttribute('data-static')).toBe(true)
    expect(list.querySelectorAll('[data-index]')).toHaveLength(12)
    // Nothing moves inside mount: each step waits for a task.
    expect(phases).toEqual(['static'])
    await vi.advanceTimersToNextTimerAsync()
    expect(phases).toEqual(['static', 'measuring'])
    await vi.advanceTimersToNextTimerAsync()
    expect(phases).toEqual(['static', 'measuring', 'virtual'])
    expect(list.hasAttribute('data-static')).toBe(false)
    // Positioned by the view: the list's height is the whole transcript's.
    expect(Number.parseFloat(list.style.height)).toBeGreaterThan(1000 * 24)
  })

  test('an unmount before the steps ran cancels them; a later mount carries on', async () => {
    const { view, viewport } = mount()
    mounted!.cleanup()
    mounted = null
    expect(vi.getTimerCount()).toBe(0)
    document.body.append(viewport)
    const unmount = view.mount(viewport)
    await mounted_()
    expect(view.getSnapshot().phase).toBe('virtual')
    unmount()
    viewport.remove()
  })
})

/** A slice scheduler driven by the test: `runOne()` runs the next queued slice. */
function manualScheduler() {
  const queue: Array<{ run: () => void; cancelled: boolean }> = []
  return {
    schedule: (run: () => void) => {
      const task = { run, cancelled: false }
      queue.push(task)
      return () => {
        task.cancelled = true
      }
    },
    pending: () => queue.filter((t) => !t.cancelled).length,
    runOne(): boolean {
      const task = queue.shift()
      if (task === undefined) return false
      if (!task.cancelled) task.run()
      return true
    },
  }
}

describe('staged mount of a long transcript: the estimates in slices', () => {
  test('the list stays measuring, its first lines rendered, until the last slice; then it turns virtual', async () => {
    const scheduler = manualScheduler()
    const { view, list } = mount({
      view: { initialLines: 10, overscan: 2, slices: { budget: 100, schedule: scheduler.schedule } },
    })
    await vi.advanceTimersToNextTimerAsync()
    expect(view.getSnapshot().phase).toBe('measuring')
    // The step's task estimated the first 100 lines; 900 are left, a slice a task.
    await vi.advanceTimersToNextTimerAsync()
    expect(vi.getTimerCount()).toBe(0)
    // jsdom lays nothing out: the rows are what the measuring list shows (the first line, the tab stop).
    const shown = view.getSnapshot().rows
    expect(shown[0]).toBe(0)
    let slices = 0
    while (view.getSnapshot().phase === 'measuring' && scheduler.runOne()) {
      slices++
      await microtasks()
      if (view.getSnapshot().phase === 'measuring') {
        expect(view.getSnapshot().rows).toEqual(shown)
        expect(list.querySelector('[data-index="0"]')).not.toBeNull()
      }
    }
    expect(slices).toBe(9)
    expect(view.getSnapshot().phase).toBe('virtual')
    expect(Number.parseFloat(list.style.height)).toBeGreaterThan(1000 * 24)
  })

  test('an unmount cancels the remaining slices; a later mount computes the estimates and turns virtual', async () => {
    const scheduler = manualScheduler()
    const { view, viewport } = mount({ view: { slices: { budget: 100, schedule: scheduler.schedule } } })
    await vi.advanceTimersToNextTimerAsync()
    await vi.advanceTimersToNextTimerAsync()
    scheduler.runOne()
    expect(scheduler.pending()).toBe(1)
    mounted!.cleanup()
    mounted = null
    expect(scheduler.pending()).toBe(0)
    while (scheduler.runOne()) {}
    expect(view.getSnapshot().phase).toBe('measuring')

    document.body.append(viewport)
    const unmount = view.mount(viewport)
    await vi.advanceTimersToNextTimerAsync()
    while (scheduler.runOne()) await microtasks()
    expect(view.getSnapshot().phase).toBe('virtual')
    unmount()
    viewport.remove()
  })

  test('destroy cancels the remaining slices', async () => {
    const scheduler = manualScheduler()
    const { view } = mount({ view: { slices: { budget: 100, schedule: scheduler.schedule } } })
    await vi.advanceTimersToNextTimerAsync()
    await vi.advanceTimersToNextTimerAsync()
    expect(scheduler.pending()).toBe(1)
    view.destroy()
    expect(scheduler.pending()).toBe(0)
    expect(view.getSnapshot().phase).toBe('measuring')
  })
})

describe('snapshot', () => {
  test('is frozen and the same object while nothing shown changes; a new one when follow mode or the focus does', async () => {
    const { view, follow } = mount()
    await mounted_()
    const a = view.getSnapshot()
    expect(Object.isFrozen(a)).toBe(true)
    view.setOptions({ ...view.options })
    follow.dispatch({ type: 'seek' })
    expect(view.getSnapshot()).toBe(a)
    follow.dispatch({ type: 'user-scroll' })
    const b = view.getSnapshot()
    expect(b).not.toBe(a)
    expect(b.following).toBe(false)
    view.moveFocus(3)
    expect(view.getSnapshot().focusIndex).toBe(3)
  })

  test('the jump button: hidden while following, else pointing at the spoken line', async () => {
    const { view, follow, source } = mount({ view: { initialLines: 10 } })
    await mounted_()
    expect(view.getSnapshot().jump).toBeNull()
    follow.dispatch({ type: 'user-scroll' })
    // Line 0 is spoken at time 0, and in view.
    expect(view.getSnapshot().jump).toBe('none')
    source.setTime(2 * 500 + 1)
    await microtasks()
    expect(view.getSnapshot().jump).toBe('down')
    view.jump()
    expect(view.getSnapshot()).toMatchObject<Partial<TranscriptViewSnapshot>>({ following: true, jump: null })
  })

  test('an empty transcript renders no rows and ignores focus moves', () => {
    const { view } = mount({ transcript: generateTranscript(0) })
    expect(view.getSnapshot().rows).toEqual([])
    view.moveFocus(5)
    expect(view.getSnapshot().focusIndex).toBe(0)
  })
})

describe('follow mode', () => {
  test('a wheel, a touch move or a scrolling key on the viewport detaches; a scroll event alone does not', async () => {
    const { view, viewport, follow } = mount()
    await mounted_()
    viewport.dispatchEvent(new Event('scroll'))
    expect(view.getSnapshot().following).toBe(true)
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: 40 }))
    expect(view.getSnapshot().following).toBe(false)
    follow.dispatch({ type: 'jump' })
    viewport.dispatchEvent(new Event('touchmove'))
    expect(view.getSnapshot().following).toBe(false)
    follow.dispatch({ type: 'jump' })
    viewport.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }))
    expect(view.getSnapshot().following).toBe(false)
  })

  test('after the resume timer runs out, the view follows again', async () => {
    const { view, viewport } = mount({ follow: { resumeAfterMs: 2000 } })
    await mounted_()
    viewport.dispatchEvent(new WheelEvent('wheel', { deltaY: 40 }))
    expect(view.getSnapshot().following).toBe(false)
    vi.advanceTimersByTime(1999)
    expect(view.getSnapshot().following).toBe(false)
    vi.advanceTimersByTime(1)
    expect(view.getSnapshot().following).toBe(true)
  })

  test('reveal (a search result) detaches; a seek from the view re-attaches', async () => {
    const { view, source } = mount()
    await mounted_()
    view.reveal(400)
    expect(view.getSnapshot().following).toBe(false)
    view.seekToCue(400)
    expect(view.getSnapshot().following).toBe(true)
    expect(source.seeks).toEqual([800])
  })
})

describe('clicks', () => {
  // Clicks on the static rows (the server's HTML): jsdom lays nothing out, so a virtual list shows only its tab stop.
  test('a click on a line seeks to its start and re-attaches; the copy button and a text selection do not seek', async () => {
    const { view, list, source, follow } = mount()
    follow.dispatch({ type: 'user-scroll' })
    const row = list.querySelector<HTMLElement>('[data-index="3"]')!
    row.querySelector<HTMLElement>('.castline-line__copy')!.click()
    expect(source.seeks).toEqual([])
    const text = row.querySelector<HTMLElement>('.castline-line__text')!
    const selection = window.getSelection()!
    selection.selectAllChildren(text)
    text.click()
    expect(source.seeks).toEqual([])
    selection.removeAllRanges()
    text.click()
    expect(source.seeks).toEqual([6])
    expect(view.getSnapshot().following).toBe(true)
  })

  test('a click on a word span of a line with word timings seeks to the word; the time button to the line', async () => {
    const transcript = generateTranscript(50, { words: true })
    const { list, source } = mount({ transcript })
    const text = list.querySelector<HTMLElement>('[data-index="2"] .castline-line__text')!
    text.textContent = ''
    const words = transcript.cues[2]!.words!
    words.forEach((w, i) => {
      const span = document.createElement('span')
      span.dataset.word = String(i)
      span.textContent = `${w.text} `
      text.append(span)
    })
    text.querySelector<HTMLElement>('[data-word="3"]')!.click()
    expect(source.seeks).toEqual([words[3]!.start])
    list.querySelector<HTMLElement>('[data-index="2"] .castline-line__time')!.click()
    expect(source.seeks).toEqual([words[3]!.start, 4])
  })
})

describe('roving focus', () => {
  const key = (target: Element, k: string) =>
    target.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true }))

  // jsdom lays nothing out: the virtual list renders just the tab stop's row, and a focus move renders the next.
  test('one tab stop: arrows move it a line, Home and End to the ends, Right and Left between the parts of a line', async () => {
    const { view, list } = mount()
    await mounted_()
    expect(view.getSnapshot().rows).toEqual([0])
    const time = (i: number) => list.querySelector<HTMLElement>(`[data-index="${i}"] .castline-line__time`)
    expect(list.querySelectorAll('[tabindex="0"]')).toHaveLength(1)
    time(0)!.focus()
    expect(key(time(0)!, 'ArrowDown')).toBe(false)
    expect(document.activeElement).toBe(time(1))
    expect(view.getSnapshot().focusIndex).toBe(1)
    expect(time(1)!.tabIndex).toBe(0)
    expect(list.querySelectorAll('[tabindex="0"]')).toHaveLength(1)
    key(time(1)!, 'ArrowUp')
    key(time(0)!, 'ArrowUp')
    expect(document.activeElement).toBe(time(0))
    key(time(0)!, 'ArrowRight')
    expect(document.activeElement).toBe(list.querySelector('[data-index="0"] .castline-line__copy'))
    key(document.activeElement!, 'ArrowLeft')
    expect(document.activeElement).toBe(time(0))
    // End: the last line is not rendered yet; it is rendered for the focus and focused when it comes.
    expect(time(999)).toBeNull()
    key(time(0)!, 'End')
    expect(view.getSnapshot().rows).toContain(999)
    expect(document.activeElement).toBe(time(999))
    key(time(999)!, 'Home')
    expect(document.activeElement).toBe(time(0))
  })

  test('focus arriving by Tab or a click moves the tab stop there; modified keys are left alone', async () => {
    const { view, list } = mount()
    const copy = list.querySelector<HTMLElement>('[data-index="4"] .castline-line__copy')!
    copy.focus()
    expect(view.getSnapshot().focusIndex).toBe(4)
    const event = new KeyboardEvent('keydown', {
      key: 'ArrowDown',
      altKey: true,
      bubbles: true,
      cancelable: true,
    })
    copy.dispatchEvent(event)
    expect(event.defaultPrevented).toBe(false)
    expect(view.getSnapshot().focusIndex).toBe(4)
  })

  test('a focus move before the list is virtual lands once the line is rendered', async () => {
    const { view, list } = mount({ view: { initialLines: 5 } })
    expect(view.getSnapshot().phase).toBe('static')
    view.moveFocus(500)
    expect(document.activeElement).toBe(document.body)
    await mounted_()
    expect(document.activeElement).toBe(list.querySelector('[data-index="500"] .castline-line__time'))
  })
})

test('a view made without mounting renders the first lines (a server render) and touches no DOM', () => {
  const transcript = generateTranscript(100)
  const setupOnly = setup({ transcript })
  setupOnly.cleanup()
  const view = new TranscriptView({
    cues: transcript.cues,
    controller: setupOnly.controller,
    follow: setupOnly.follow,
    initialLines: 3,
    overscan: 1,
  })
  expect(view.getSnapshot()).toEqual({
    phase: 'static',
    rows: [0, 1, 2, 3],
    focusIndex: 0,
    following: true,
    jump: null,
    printing: false,
  })
  expect(vi.getTimerCount()).toBe(0)
})

describe('printing', () => {
  test('beforeprint renders every line; afterprint brings back the virtual window', async () => {
    const { view, list } = mount({ view: { initialLines: 10, overscan: 2 } })
    await mounted_()
    const windowRows = view.getSnapshot().rows
    expect(windowRows.length).toBeLessThan(1000)
    window.dispatchEvent(new Event('beforeprint'))
    expect(view.getSnapshot().printing).toBe(true)
    expect(view.getSnapshot().rows).toHaveLength(1000)
    expect(list.querySelectorAll('[data-index]')).toHaveLength(1000)
    expect(list.querySelector('[data-index="999"]')).not.toBeNull()
    window.dispatchEvent(new Event('afterprint'))
    expect(view.getSnapshot().printing).toBe(false)
    expect(view.getSnapshot().rows).toEqual(windowRows)
    expect(list.querySelectorAll('[data-index]')).toHaveLength(windowRows.length)
  })

  test('an unmounted view no longer listens for printing', async () => {
    const { view } = mount()
    await mounted_()
    mounted!.cleanup()
    mounted = null
    window.dispatchEvent(new Event('beforeprint'))
    expect(view.getSnapshot().printing).toBe(false)
  })
})
