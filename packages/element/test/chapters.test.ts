/**
 * Chapters in the custom elements: `<castline-player chapters>` (attribute URL, or a parsed property)
 * puts a heading in each listed chapter's first line (text as text), the current chapter above the lines
 * and in the controls, markers under the waveform that seek, previous/next buttons and `[`/`]` keys that
 * seek, a chapter list without `toc: false` chapters, and a failed file as a `castline-error` and an alert.
 */
import type { Chapter } from '@castline/core/chapters'
import { describe, expect, test, vi } from 'vitest'
import '../src/index.js'
import type { CastlinePlayerElement, ErrorDetail } from '../src/index.js'
import { deep, deepAll, drivenPlayer, record, serve, settle, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

useFakePage()

// 10 lines of 2 s: line i starts at 2i. Duration 100 s.
const LINES = Array.from({ length: 10 }, (_, i) => `Line ${i} text`)
const CHAPTERS: Chapter[] = [
  { start: 0, end: 6, title: 'Opening', toc: true },
  { start: 6, end: 10, title: 'Sponsor', toc: false },
  { start: 10, end: 15, title: '<i>Deep</i> & wide', toc: true },
  { start: 15, end: 100, title: 'Close', toc: true },
]

/** A player over a page-driven time: its audio's currentTime records seeks and moves the time. */
const player = (setup: (el: CastlinePlayerElement) => void) =>
  drivenPlayer((el) => {
    el.setAttribute('duration', '100')
    el.transcript = transcriptOf(LINES)
    setup(el)
  }, 100)

const text = (el: Element) => el.textContent

/** The one button whose accessible name is `name`: its text without the `aria-hidden` icon. */
function named(root: Element, name: string): HTMLButtonElement {
  const found = deepAll(root, 'button').filter((b) => {
    const copy = b.cloneNode(true) as Element
    for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove()
    return copy.textContent?.trim() === name
  })
  if (found.length !== 1) throw new Error(`${found.length} buttons named ${name}`)
  return found[0] as HTMLButtonElement
}

describe('<castline-player chapters>', () => {
  test('headings in the first line of each listed chapter, as text, inside the listitems', async () => {
    const { el } = await player((p) => {
      p.chapters = CHAPTERS
    })
    const headings = deepAll(el, 'h3')
    expect(headings.map(text)).toEqual(['Opening', '<i>Deep</i> & wide', 'Close'])
    expect(deepAll(el, 'i')).toEqual([])
    const rows = headings.map((h) => h.closest('li')!)
    expect(rows.map((r) => r.getAttribute('aria-posinset'))).toEqual(['1', '6', '9'])
    // The heading is above the line's own text, which stays the line's text.
    expect(rows[1]!.firstElementChild).toBe(headings[1])
    expect(rows[1]!.querySelector('.castline-line__text')!.textContent).toBe('Line 5 text')
    expect(deep(el, '.castline-transcript__chapter').textContent).toBe('Current chapter: Opening')
  })

  test("the current chapter's image is the artwork while it plays (as text: a src, never markup)", async () => {
    const { el } = await player((p) => {
      p.chapters = CHAPTERS.map((c) => (c.start === 10 ? { ...c, img: '/deep.png' } : c))
    })
    const artwork = deep(el, '.castline-player__artwork') as HTMLImageElement
    expect(artwork.hidden).toBe(true)
    el.media.currentTime = 11
    el.media.dispatchEvent(new Event('timeupdate'))
    await settle()
    expect(artwork.hidden).toBe(false)
    expect(artwork.getAttribute('src')).toBe('/deep.png')
    el.media.currentTime = 20
    el.media.dispatchEvent(new Event('timeupdate'))
    await settle()
    expect(artwork.hidden).toBe(true)
  })

  test('castline-chapterchange tells the page of the listed chapter playing, once connected and once a change', async () => {
    const seen: Array<string | null> = []
    const { el } = await player((p) => {
      p.chapters = CHAPTERS
      p.addEventListener('castline-chapterchange', (e) => seen.push(e.detail.chapter?.title ?? null))
    })
    expect(seen).toEqual(['Opening'])
    for (const t of [11, 12, 13]) {
      el.media.currentTime = t
      el.media.dispatchEvent(new Event('timeupdate'))
      await settle()
    }
    expect(seen).toEqual(['Opening', '<i>Deep</i> & wide'])
    el.media.currentTime = 20
    el.media.dispatchEvent(new Event('timeupdate'))
    await settle()
    expect(seen).toEqual(['Opening', '<i>Deep</i> & wide', 'Close'])
  })

  test('markers seek; previous/next buttons and [ ] keys seek; the list leaves out silent chapters', async () => {
    const { el, seeks } = await player((p) => {
      p.chapters = CHAPTERS
    })
    const markers = deepAll(el, '.castline-waveform__marker')
    expect(markers.map(text)).toEqual(['Opening', '<i>Deep</i> & wide', 'Close'])
    expect((markers[2]!.parentElement as HTMLElement).style.getPropertyValue('--castline-at')).toBe('0.15')
    ;(markers[2] as HTMLButtonElement).click()
    expect(seeks).toEqual([15])
    await settle()
    expect(deep(el, '.castline-controls__chapter').textContent).toBe('Chapter: Close')
    expect(named(el, 'Next chapter').disabled).toBe(true)
    named(el, 'Previous chapter').click()
    expect(seeks).toEqual([15, 10])
    named(el, 'Next chapter').click()
    expect(seeks).toEqual([15, 10, 15])

    const section = deep(el, 'section.castline-player')
    const key = (k: string) => {
      const e = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true })
      section.dispatchEvent(e)
      return e.defaultPrevented
    }
    expect(key('[')).toBe(true)
    expect(seeks.at(-1)).toBe(10)
    expect(key('[')).toBe(true)
    expect(seeks.at(-1)).toBe(0)
    expect(key(']')).toBe(true)
    expect(seeks.at(-1)).toBe(10)

    const list = deepAll(el, '.castline-controls__chapter-list button')
    expect(list.map(text)).toEqual(['0:00 Opening', '0:10 <i>Deep</i> & wide', '0:15 Close'])
    await settle()
    expect(list[1]!.getAttribute('aria-current')).toBe('true')
    ;(list[0] as HTMLButtonElement).click()
    expect(seeks.at(-1)).toBe(0)
  })

  test('the chapters attribute fetches a file; one that fails is a castline-error of kind chapters and an alert', async () => {
    serve({
      '/chapters.json': JSON.stringify({
        version: '1.2.0',
        chapters: [
          { startTime: 0, title: 'One' },
          { startTime: 8, title: 'Two' },
        ],
      }),
    })
    const { el } = await player((p) => p.setAttribute('chapters', '/chapters.json'))
    // The chapter readers are a dynamic import, which module loading settles, not the fake timers.
    await vi.waitFor(() => expect(el.chapters).toHaveLength(2))
    await settle()
    expect(deepAll(el, 'h3').map(text)).toEqual(['One', 'Two'])
    expect(el.chapters.map((c) => c.title)).toEqual(['One', 'Two'])

    const errors: ErrorDetail[] = record<ErrorDetail>(el, 'castline-error')
    el.setAttribute('chapters', '/missing.json')
    await settle()
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['chapters', 'The chapters could not be loaded: the server answered 404 for /missing.json.'],
    ])
    expect(deep(el, '.castline-controls__chapters-error').getAttribute('role')).toBe('alert')
    expect(deepAll(el, 'h3')).toEqual([])
    // The transcript and the player stay usable.
    expect(deepAll(el, 'li[data-index]')).toHaveLength(10)
  })

  test('without chapters: no headings, markers or chapter controls, and [ ] stay ordinary keys', async () => {
    const { el, seeks } = await player(() => {})
    expect(deepAll(el, 'h3')).toEqual([])
    expect(deepAll(el, '.castline-waveform__marker')).toEqual([])
    expect(deepAll(el, '.castline-controls__chapters')).toEqual([])
    const e = new KeyboardEvent('keydown', { key: ']', bubbles: true, composed: true, cancelable: true })
    deep(el, 'section.castline-player').dispatchEvent(e)
    expect(e.defaultPrevented).toBe(false)
    expect(seeks).toEqual([])
  })
})
