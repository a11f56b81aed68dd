/**
 * What `<castline-player>`'s waveform draws over its wave: the hover tooltip (time and chapter, as
 * text), the buffered ranges and the search's ticks, all hidden from assistive technology.
 */
import type { Chapter } from '@castline/core/chapters'
import { expect, test, vi } from 'vitest'
import '../src/index.js'
import { deep, deepAll, drivenPlayer, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

useFakePage()

// 100 lines of 2 s: line i starts at 2i ("Line 19 text" at 38 s). Duration 1000 s.
const LINES = Array.from({ length: 100 }, (_, i) => `Line ${i} text`)
const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Opening', toc: true },
  { start: 500, title: '<i>Deep</i> & wide', toc: true },
]

async function player() {
  const ranges: [number, number][] = []
  const { el, seeks } = await drivenPlayer((p) => {
    p.setAttribute('duration', '1000')
    p.transcript = transcriptOf(LINES)
    p.chapters = CHAPTERS
    Object.defineProperty(p.media, 'buffered', {
      configurable: true,
      get: () => ({
        length: ranges.length,
        start: (i: number) => ranges[i]![0],
        end: (i: number) => ranges[i]![1],
      }),
    })
  }, 1000)
  const slider = deep(el, '[role="slider"]')
  // The wave's box: 1000 px from x = 100.
  const wave = deep(el, '.castline-waveform__wave')
  wave.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 0, width: 1000, height: 64 })
  Object.defineProperty(wave, 'clientWidth', { value: 1000, configurable: true })
  return { el, slider, seeks, ranges }
}

const pointer = (target: Element, type: string, clientX: number) =>
  target.dispatchEvent(new PointerEvent(type, { clientX, pointerId: 1, isPrimary: true, bubbles: true }))

test('hovering the wave shows the time and chapter there as text, hidden from assistive technology; leaving hides it', async () => {
  const { el, slider } = await player()
  const tip = deep(el, '.castline-waveform__hover')
  expect(tip.hidden).toBe(true)
  expect(tip.getAttribute('aria-hidden')).toBe('true')
  // Styled from the page as ::part(waveform-tooltip), which the player forwards.
  expect(tip.getAttribute('part')).toBe('waveform-tooltip')
  expect(deep(el, 'castline-waveform').getAttribute('exportparts')).toContain('waveform-tooltip')
  pointer(slider, 'pointermove', 854)
  expect(tip.hidden).toBe(false)
  expect(tip.textContent).toBe('12:34 · <i>Deep</i> & wide')
  expect(tip.querySelector('i')).toBeNull()
  expect(tip.style.getPropertyValue('--castline-at')).toBe('0.754')
  pointer(slider, 'pointerleave', 854)
  expect(tip.hidden).toBe(true)
  // A key's seek shows where it went.
  slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }))
  expect(tip.hidden).toBe(false)
  expect(tip.textContent).toBe('1:00 · Opening')
})

test('typing a search draws a tick at each matched line; a new query redraws them, an empty one removes them', async () => {
  const { el } = await player()
  const ticks = deep(el, '.castline-waveform__ticks')
  expect(ticks.hidden).toBe(true)
  const input = deep(el, 'input[type="search"]') as HTMLInputElement
  const type = (value: string) => {
    input.value = value
    input.dispatchEvent(new Event('input', { bubbles: true }))
  }
  type('line 1')
  // Lines 1 and 10-19: 2 s and 20-38 s, each at its own pixel of the 1000 px wave.
  const at = () =>
    deepAll(el, '.castline-waveform__tick').map((t) =>
      Number((t as HTMLElement).style.getPropertyValue('--castline-at')),
    )
  expect(ticks.hidden).toBe(false)
  expect(ticks.getAttribute('aria-hidden')).toBe('true')
  expect(at()).toEqual([0.002, ...Array.from({ length: 10 }, (_, i) => (20 + 2 * i) / 1000)])
  type('line 42 ')
  expect(at()).toEqual([0.084])
  type('')
  expect(ticks.hidden).toBe(true)
  expect(at()).toEqual([])
})

test("what is buffered shows as ranges along the wave, following the element's progress", async () => {
  const { el, ranges } = await player()
  const bar = deep(el, '.castline-waveform__buffered')
  expect(bar.hidden).toBe(true)
  ranges.push([0, 250], [600, 700])
  el.media.dispatchEvent(new Event('progress'))
  const drawn = () =>
    (deepAll(el, '.castline-waveform__range') as HTMLElement[]).map((r) => [
      r.style.getPropertyValue('--castline-from'),
      r.style.getPropertyValue('--castline-to'),
    ])
  expect(bar.hidden).toBe(false)
  expect(drawn()).toEqual([
    ['0', '0.25'],
    ['0.6', '0.7'],
  ])
  ranges.push([700, 1000])
  el.media.dispatchEvent(new Event('progress'))
  expect(drawn()).toEqual([
    ['0', '0.25'],
    ['0.6', '1'],
  ])
})
