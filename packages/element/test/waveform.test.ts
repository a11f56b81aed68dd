/**
 * wavesurfer.js is loaded only when a waveform is shown: a page of transcript, search and controls
 * never imports it, the first `<castline-waveform>` imports it once, and a second shares that import.
 * The module is replaced by the dom package's fake, and its factory counts the imports.
 */
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import '../src/index.js'
import { instances } from '../../dom/test/fake-wavesurfer.js'
import type { ErrorDetail } from '../src/index.js'
import { deep, drivenAudio, fakeLayout, record, serve, settle, transcriptOf } from './fixture.js'

const loads = vi.hoisted(() => ({ count: 0 }))
vi.mock('wavesurfer.js', async () => {
  loads.count++
  return await import('../../dom/test/fake-wavesurfer.js')
})

let restoreLayout: () => void = () => {}
beforeEach(() => {
  restoreLayout = fakeLayout()
  vi.useFakeTimers({
    toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'],
  })
})
afterEach(() => {
  vi.unstubAllGlobals()
  restoreLayout()
  document.body.replaceChildren()
  vi.useRealTimers()
})

test('no import until a waveform is shown, then one for the page; the slider seeks the page audio', async () => {
  const media = drivenAudio()
  const transcript = document.createElement('castline-transcript')
  transcript.transcript = transcriptOf(['one', 'two'])
  const parts = [
    transcript,
    document.createElement('castline-search'),
    document.createElement('castline-controls'),
  ]
  for (const el of parts) {
    el.setAttribute('for', 'a')
    document.body.append(el)
  }
  const player = document.createElement('castline-player')
  player.setAttribute('waveform', 'none')
  player.transcript = transcriptOf(['one'])
  document.body.append(player)
  await settle()
  expect(loads.count).toBe(0)

  const waveform = document.createElement('castline-waveform')
  waveform.setAttribute('for', 'a')
  waveform.setAttribute('duration', '100')
  document.body.append(waveform)
  await settle()
  expect(loads.count).toBe(1)
  expect(instances.at(-1)?.options.media).toBe(media.audio)

  const second = document.createElement('castline-waveform')
  second.setAttribute('for', 'a')
  document.body.append(second)
  await settle()
  expect(loads.count).toBe(1)

  const slider = deep(waveform, '[role="slider"]')
  expect(slider.getAttribute('aria-label')).toBe('Seek')
  expect(slider.getAttribute('aria-valuetext')).toBe('0 seconds of 1 minute, 40 seconds')
  slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageUp', bubbles: true }))
  expect(media.seeks).toEqual([60])
})

test('peaks that fail to load: castline-error of kind peaks, a flat line, and the slider still seeks', async () => {
  serve({})
  const media = drivenAudio()
  const waveform = document.createElement('castline-waveform')
  waveform.setAttribute('for', 'a')
  waveform.setAttribute('peaks', '/gone.json')
  waveform.setAttribute('duration', '100')
  const errors = record<ErrorDetail>(waveform, 'castline-error')
  document.body.append(waveform)
  await settle()
  expect(errors.map((e) => [e.kind, e.message])).toEqual([
    ['peaks', 'Could not load the peaks /gone.json: HTTP 404'],
  ])
  const slider = deep(waveform, '[role="slider"]')
  expect(slider.dataset.peaks).toBe('error')
  slider.dispatchEvent(new KeyboardEvent('keydown', { key: 'End', bubbles: true }))
  expect(media.seeks).toEqual([100])
})
