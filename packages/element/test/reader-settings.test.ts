/**
 * The element's reader settings and mini player: the "Reader settings" disclosure sets the transcript's
 * text size (kept in localStorage, read by the next player), hides the timestamps (the lines still seek
 * by their time button), turns follow along off; with `mini-player`, the bar shows only while playback
 * has started and the controls are out of view (a fake IntersectionObserver), and its Pause pauses.
 */
import { READER_SETTINGS_STORAGE_KEY } from '@castline/dom'
import { beforeEach, describe, expect, test, vi } from 'vitest'
import { fakeIntersectionObserver } from '../../dom/test/fake-intersection-observer.js'
import { DIALOGUE } from '../../dom/test/take-away-fixture.js'
import '../src/index.js'
import type { CastlinePlayerElement } from '../src/index.js'
import { deep, deepAll, drivenPlayer, settle, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

beforeEach(() => {
  localStorage.clear()
})
useFakePage()

/** A player whose `<audio>` plays and pauses as asked (jsdom's plays nothing). */
async function player(attributes: Record<string, string> = {}) {
  const { el } = await drivenPlayer((p) => {
    p.setAttribute('waveform', 'none')
    for (const [k, v] of Object.entries(attributes)) p.setAttribute(k, v)
    p.transcript = DIALOGUE
  })
  return el
}

const regionOf = (el: CastlinePlayerElement) => deep(el, 'section.castline-transcript')
const larger = (el: CastlinePlayerElement) => deep(el, '.castline-reader__larger') as HTMLButtonElement
const checkbox = (el: CastlinePlayerElement, id: string) => deep(el, `#${id}`) as HTMLInputElement

describe('reader settings', () => {
  test('larger text sets --castline-text-scale, is kept, and the next player starts with it', async () => {
    const el = await player()
    expect(regionOf(el).style.getPropertyValue('--castline-text-scale')).toBe('1')
    larger(el).click()
    larger(el).click()
    await settle()
    expect(regionOf(el).style.getPropertyValue('--castline-text-scale')).toBe('1.25')
    expect(deep(el, '.castline-reader output').textContent).toBe('125%')
    expect(JSON.parse(localStorage.getItem(READER_SETTINGS_STORAGE_KEY)!)).toMatchObject({ textScale: 1.25 })
    el.remove()
    const next = await player()
    expect(regionOf(next).style.getPropertyValue('--castline-text-scale')).toBe('1.25')
    expect(larger(next).disabled).toBe(false)
  })

  test('hidden timestamps mark the transcript; a line still seeks by its time button', async () => {
    const el = await player()
    const box = checkbox(el, 'castline-reader-timestamps')
    expect(regionOf(el).getAttribute('data-timestamps')).toBe('shown')
    box.click()
    await settle()
    expect(regionOf(el).getAttribute('data-timestamps')).toBe('hidden')
    const times = deepAll(el, '.castline-line__time') as HTMLElement[]
    times[1]!.click()
    await settle()
    expect(el.media.currentTime).toBe(DIALOGUE.cues[1]!.start)
  })

  test('follow along is the session follow mode, both ways', async () => {
    const el = await player()
    const box = checkbox(el, 'castline-reader-follow')
    expect(box.checked).toBe(true)
    box.click()
    await settle()
    expect(el.session.follow.getSnapshot()).toBe(false)
    el.session.follow.dispatch({ type: 'jump' })
    await settle()
    expect(box.checked).toBe(true)
  })
})

describe('mini player', () => {
  test('with mini-player: shows while playing with the controls out of view; its Pause pauses; hides when they return', async () => {
    const io = fakeIntersectionObserver()
    vi.stubGlobal('IntersectionObserver', io.Observer)
    const el = await player({ 'mini-player': '' })
    const bar = deep(el, '.castline-mini')
    expect(bar.hidden).toBe(true)
    io.scroll(false)
    expect(bar.hidden).toBe(true)
    await el.media.play()
    expect(bar.hidden).toBe(false)
    const pause = bar.querySelector<HTMLButtonElement>('.castline-mini__play')!
    expect(pause.textContent).toBe('Pause')
    pause.click()
    expect(el.media.paused).toBe(true)
    expect(pause.textContent).toBe('Play')
    io.scroll(true)
    expect(bar.hidden).toBe(true)
  })

  test('without the attribute (or removed) there is no bar', async () => {
    const io = fakeIntersectionObserver()
    vi.stubGlobal('IntersectionObserver', io.Observer)
    const el = await player({ 'mini-player': '' })
    el.removeAttribute('mini-player')
    expect(deepAll(el, '.castline-mini')).toHaveLength(0)
    expect(io.observers).toHaveLength(0)
    const plain = await player()
    expect(deepAll(plain, '.castline-mini')).toHaveLength(0)
  })
})
