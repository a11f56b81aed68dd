/**
 * The UI's locale in the custom elements: `<castline-player lang>` (or the nearest `lang` ancestor)
 * picks German or Arabic, the root gets `dir`, the `labels` property and JSON attribute override single
 * strings (bad JSON is a `castline-error` of kind 'labels'), a change of `lang` rewrites every part, and
 * `for=` parts follow the language of their media element. A German player has no English word of the
 * labels left in any control, name or status (the same check finds them in an English one).
 */
import type { Chapter } from '@castline/core/chapters'
import { ar } from '@castline/dom/locales/ar'
import { de } from '@castline/dom/locales/de'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { untranslated } from '../../dom/test/ui-strings.js'
import '../src/index.js'
import type { CastlinePlayerElement, ErrorDetail } from '../src/index.js'
import { button, deep, deepAll, drivenAudio, record, settle, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

useFakePage()
afterEach(() => {
  document.documentElement.removeAttribute('lang')
  vi.restoreAllMocks()
})

const LINES = Array.from({ length: 30 }, (_, i) => `Zeile ${i}`)
const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Einleitung', toc: true },
  { start: 20, title: 'Schluss', toc: true },
]

/** The fullest player: chapters, ad breaks, the mini player, the waveform; `setup` sets its language. */
async function player(setup: (el: CastlinePlayerElement) => void = () => {}) {
  const el = document.createElement('castline-player')
  el.setAttribute('src', '/ep.mp3')
  el.setAttribute('deep-link', 'off')
  el.setAttribute('ad-breaks', '6+30')
  el.setAttribute('mini-player', '')
  el.setAttribute('duration', '90')
  el.transcript = transcriptOf(LINES)
  el.chapters = CHAPTERS
  setup(el)
  document.body.append(el)
  await settle()
  return el
}

const root = (el: CastlinePlayerElement) => deep(el, '.castline-player')
/** The visually hidden names of the controls' icon buttons. */
const hiddenNames = (el: CastlinePlayerElement) =>
  deepAll(el, '.castline-controls__button .castline-visually-hidden').map((s) => s.textContent)
/** The name of the controls' play button (the mini player has one too). */
const playName = (el: CastlinePlayerElement) => deep(el, '.castline-controls__play').textContent

describe('<castline-player lang labels>', () => {
  test('lang="de": every control, name, status and value text is German (the check finds English when there is some)', async () => {
    const english = await player()
    expect(untranslated(english, de).length).toBeGreaterThan(10)
    english.remove()

    const el = await player((p) => p.setAttribute('lang', 'de'))
    const search = deep(el, 'input[type="search"]') as HTMLInputElement
    search.value = 'Zeile 1'
    search.dispatchEvent(new Event('input'))
    await settle()
    expect(deep(el, '.castline-search__count').textContent).toMatch(/von/)
    expect(untranslated(el, de)).toEqual([])
    expect(playName(el)).toBe('Abspielen')
    expect(deep(el, '.castline-line__ad').textContent).toBe('Werbepause · 0:30')
    expect(root(el).getAttribute('dir')).toBe('ltr')
    expect(deep(el, '.castline-waveform').getAttribute('aria-label')).toBe('Springen')
  })

  test("lang on an ancestor picks the locale (the HTML way); Arabic is right to left with the locale's digits", async () => {
    document.documentElement.setAttribute('lang', 'ar-EG')
    const el = await player()
    expect(root(el).getAttribute('dir')).toBe('rtl')
    expect(playName(el)).toBe('تشغيل')
    const digit = (d: number) => new Intl.NumberFormat('ar').format(d)
    expect(deep(el, '.castline-controls__duration').textContent).toBe(`${digit(1)}:${digit(3)}${digit(0)}`)
    expect(untranslated(el, ar)).toEqual([])
  })

  test('a change of lang rewrites every part at once', async () => {
    const el = await player((p) => p.setAttribute('lang', 'de'))
    expect(button(el, 'Nächstes Kapitel')).toBeTruthy()
    el.setAttribute('lang', 'en')
    await settle()
    expect(button(el, 'Next chapter')).toBeTruthy()
    expect(deep(el, 'summary[aria-label]').getAttribute('aria-label')).toBe('Reader settings')
    expect(deep(el, '.castline-line__ad').textContent).toBe('Ad break · 0:30')
    expect(root(el).getAttribute('dir')).toBe('ltr')
    el.setAttribute('lang', 'ar')
    await settle()
    expect(root(el).getAttribute('dir')).toBe('rtl')
    expect(untranslated(el, ar)).toEqual([])
  })

  test('labels override single strings: the property, and the JSON attribute with templates', async () => {
    const el = await player((p) => {
      p.setAttribute('lang', 'de')
      p.setAttribute('labels', '{"play": "Los", "back": "−{seconds} s"}')
    })
    expect(playName(el)).toBe('Los')
    expect(hiddenNames(el)).toContain('−15 s')
    expect(button(el, 'Nächstes Kapitel')).toBeTruthy()
    el.labels = { play: 'Hören' }
    await settle()
    expect(playName(el)).toBe('Hören')
    expect(hiddenNames(el)).toContain('15 Sekunden zurück')
  })

  test('bad JSON in labels is a castline-error of kind labels, and the locale is shown; an unknown lang is English and a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const el = document.createElement('castline-player')
    const errors = record<ErrorDetail>(el, 'castline-error')
    el.setAttribute('lang', 'fr')
    el.setAttribute('labels', '{play: Los}')
    el.setAttribute('deep-link', 'off')
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    expect(errors.map((e) => e.kind)).toEqual(['labels'])
    expect(errors[0]!.message).toMatch(/not JSON/)
    expect(playName(el)).toBe('Play')
    expect(warn).toHaveBeenCalledWith(
      'Castline locale: No labels for the locale "fr": the player is shown in English.',
    )
  })

  test('for= parts speak the language of their media element', async () => {
    const section = document.createElement('div')
    section.setAttribute('lang', 'de')
    document.body.append(section)
    const driven = drivenAudio('ep')
    section.append(driven.audio)
    const controls = document.createElement('castline-controls')
    controls.setAttribute('for', 'ep')
    const search = document.createElement('castline-search')
    search.setAttribute('for', 'ep')
    section.append(controls, search)
    await settle()
    expect(button(controls, 'Abspielen')).toBeTruthy()
    expect(deep(search, 'input').getAttribute('placeholder')).toBe('Transkript durchsuchen')
  })
})
