/**
 * What the React waveform draws over its wave: the hover tooltip (time and chapter, as text), the
 * buffered ranges and the search's ticks, all hidden from assistive technology.
 */
import type { Chapter } from '@castline/core/chapters'
import { act, fireEvent, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { expect, test, vi } from 'vitest'
import { TranscriptPlayer } from '../src/entry/player.js'
import { fakePlayerPage, generateTranscript, renderLoaded, settled } from './helpers.js'

vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))

fakePlayerPage()

// 200 lines of 5 s: line i starts at 5i; lines 1, 10-19 and 100-199 contain "number 1".
const TRANSCRIPT = generateTranscript(200, { seconds: 5 })
const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Introduction', toc: true },
  { start: 500, title: '<b>Timing</b> & you', toc: true },
]

async function renderPlayer() {
  const result = await renderLoaded(
    <TranscriptPlayer src="/ep.mp3" transcript={TRANSCRIPT} duration={1000} chapters={CHAPTERS} />,
    1000,
  )
  const slider = screen.getByRole('slider', { name: 'Seek' })
  // The wave's box: 1000 px from x = 100.
  const wave = slider.querySelector('.castline-waveform__wave') as HTMLElement
  wave.getBoundingClientRect = () => DOMRect.fromRect({ x: 100, y: 0, width: 1000, height: 64 })
  Object.defineProperty(wave, 'clientWidth', { value: 1000, configurable: true })
  return { ...result, slider }
}

test('hovering the wave shows the time and chapter there as text, hidden from assistive technology; leaving hides it', async () => {
  const { slider } = await renderPlayer()
  expect(slider.querySelector('.castline-waveform__hover')).toBeNull()
  fireEvent.pointerMove(slider, { clientX: 854, isPrimary: true })
  const tip = slider.querySelector('.castline-waveform__hover') as HTMLElement
  expect(tip.textContent).toBe('12:34 · <b>Timing</b> & you')
  expect(tip.querySelector('b')).toBeNull()
  expect(tip.getAttribute('aria-hidden')).toBe('true')
  expect(tip.style.getPropertyValue('--castline-at')).toBe('0.754')
  // The slider's own value text is unchanged by hovering.
  expect(slider.getAttribute('aria-valuetext')).toBe('0 seconds of 16 minutes, 40 seconds')
  fireEvent.pointerLeave(slider)
  expect(slider.querySelector('.castline-waveform__hover')).toBeNull()
})

test("the slider's keys show the tooltip where they seek", async () => {
  const { slider, media } = await renderPlayer()
  slider.focus()
  fireEvent.keyDown(slider, { key: 'End' })
  expect(media.seeks.at(-1)).toBe(1000)
  expect(slider.querySelector('.castline-waveform__hover')?.textContent).toBe('16:40 · <b>Timing</b> & you')
})

test('typing a search draws a tick at each matched line, and a new query redraws them', async () => {
  const user = userEvent.setup()
  const { slider } = await renderPlayer()
  const container = slider.querySelector('.castline-waveform__ticks') as HTMLElement
  expect(container.hidden).toBe(true)
  await user.type(screen.getByRole('searchbox'), 'number 19')
  await settled()
  // Lines 19 and 190-199: 95 s, then 950-995 s, each at its own pixel of the 1000 px wave.
  const ticks = () =>
    [...slider.querySelectorAll<HTMLElement>('.castline-waveform__tick')].map((t) =>
      Number(t.style.getPropertyValue('--castline-at')),
    )
  expect(ticks()).toEqual([0.095, ...Array.from({ length: 10 }, (_, i) => (950 + 5 * i) / 1000)])
  expect(slider.querySelector('.castline-waveform__ticks')?.getAttribute('aria-hidden')).toBe('true')
  await user.clear(screen.getByRole('searchbox'))
  await user.type(screen.getByRole('searchbox'), 'number 7 says')
  await settled()
  expect(ticks()).toEqual([0.035])
  await user.clear(screen.getByRole('searchbox'))
  await settled()
  expect(ticks()).toEqual([])
  expect(container.hidden).toBe(true)
})

test("what is buffered shows as ranges along the wave, following the element's progress", async () => {
  const { slider, media } = await renderPlayer()
  expect(slider.querySelector('.castline-waveform__buffered')).toBeNull()
  const ranges: [number, number][] = [
    [0, 250],
    [600, 700],
  ]
  Object.defineProperty(media.element, 'buffered', {
    configurable: true,
    get: () => ({
      length: ranges.length,
      start: (i: number) => ranges[i]![0],
      end: (i: number) => ranges[i]![1],
    }),
  })
  act(() => {
    media.element.dispatchEvent(new Event('progress'))
  })
  const drawn = () =>
    [...slider.querySelectorAll<HTMLElement>('.castline-waveform__range')].map((r) => [
      r.style.getPropertyValue('--castline-from'),
      r.style.getPropertyValue('--castline-to'),
    ])
  expect(drawn()).toEqual([
    ['0', '0.25'],
    ['0.6', '0.7'],
  ])
  ranges.push([700, 1000])
  act(() => {
    media.element.dispatchEvent(new Event('progress'))
  })
  expect(drawn()).toEqual([
    ['0', '0.25'],
    ['0.6', '1'],
  ])
})
