/**
 * Sharing a quote in the custom elements: a quote link in the page's hash lands on its words (found again
 * after an ad moved them), plays after the first gesture and pauses at its end; a line's "Copy link"
 * carries its words; text selected in the shadow root's list opens the quote menu, whose buttons copy
 * the quote and the link, and a failed copy is a `castline-error` of kind 'clipboard'.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import '../src/index.js'
import type { ErrorDetail } from '../src/index.js'
import { button, deep, drivenPlayer, record, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

let written: string[] = []
beforeEach(() => {
  written = []
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void written.push(text) },
  })
})
afterEach(() => {
  Reflect.deleteProperty(navigator, 'clipboard')
  window.location.hash = ''
})
// Registered after the file's own hooks: after-hooks run as a stack, so the page's teardown comes first, as it did.
useFakePage()

// 10 lines of 2 s: line i starts at 2i.
const LINES = Array.from({ length: 10 }, (_, i) => `words of line ${i} here`)

/** A player over a page-driven time: its audio records seeks and plays, and the test moves its time. */
const player = (deepLink = true) =>
  drivenPlayer((el) => {
    if (deepLink) el.removeAttribute('deep-link')
    el.setAttribute('duration', '20')
    el.setAttribute('title', 'Episode 514')
    el.setAttribute('waveform', 'none')
    el.transcript = transcriptOf(LINES)
  }, 20)

test('a quote link lands on its words where they are now, plays after a first gesture, pauses at its end', async () => {
  // The link says 4 s (line 2), but its words are line 5's (at 10 s): an ad moved them.
  window.location.hash = `#t=4,6.5&q=${encodeURIComponent('words of line 5 here')}`
  const { seeks, calls, playFor } = await player()
  expect(seeks.length).toBeGreaterThan(0)
  expect(seeks.every((t) => t === 10)).toBe(true)
  expect(calls.play).toBe(0)
  window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
  await vi.advanceTimersByTimeAsync(0)
  expect(calls.play).toBe(1)
  await playFor(2)
  expect(calls.pause).toBe(0)
  await playFor(1)
  // Paused once, at the range's end moved with the words (12.5 s).
  expect(calls.pause).toBe(1)
})

test('a line\u2019s Copy link carries its start and words', async () => {
  const { el } = await player(false)
  button(el, 'Copy link to 0:04').click()
  await vi.advanceTimersByTimeAsync(0)
  const base = window.location.href.split('#')[0]
  expect(written).toEqual([`${base}#t=4&q=${encodeURIComponent(LINES[2]!)}`])
})

test('a selection in the list opens the menu; its buttons copy the quote and the link; a failed copy is an error event', async () => {
  const { el } = await player(false)
  const errors = record<ErrorDetail>(el, 'castline-error')
  const text = deep(el, '.castline-line[data-index="3"] .castline-line__text')
  const node = text.firstChild!
  // jsdom keeps no selection inside a shadow root (Chromium's is the e2e's): the document's selection
  // is stubbed to hold a range there, as Chromium's getComposedRanges would give it.
  const range = document.createRange()
  range.setStart(node, 9)
  range.setEnd(node, 15)
  vi.spyOn(document, 'getSelection').mockReturnValue({
    rangeCount: 1,
    getRangeAt: () => range,
  } as unknown as Selection)
  document.dispatchEvent(new Event('selectionchange'))
  const menu = deep(el, '.castline-quote-menu')
  expect(menu.getAttribute('role')).toBe('group')
  expect(menu.getAttribute('aria-label')).toBe('Share the selected quote')
  button(el, 'Copy link').click()
  await vi.advanceTimersByTimeAsync(0)
  const base = window.location.href.split('#')[0]
  expect(written).toEqual([`${base}#t=6,8&q=line%203`])
  button(el, 'Copy quote').click()
  await vi.advanceTimersByTimeAsync(0)
  expect(written[1]).toBe(`\u201cline 3\u201d \u2014 Episode 514 <${written[0]}>`)
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: () => Promise.reject(new Error('Denied')) },
  })
  button(el, 'Copy quote').click()
  await vi.advanceTimersByTimeAsync(0)
  expect(errors.map((e) => [e.kind, e.message])).toEqual([
    ['clipboard', 'The quote could not be copied: Denied'],
  ])
  document.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }))
  expect(menu.isConnected).toBe(false)
  vi.restoreAllMocks()
})
