/**
 * Ad breaks and the Media Session in the custom elements: `<castline-player ad-breaks>` (compact or JSON
 * attribute, or the `adBreaks` property) makes the player speak transcript time: an "Ad break" row before
 * the line the audio resumes with, current while the break plays, and a line's seek landing at its audio
 * time; bad text is a `castline-error`. The platform's media controls follow the chapter (a fake
 * `navigator.mediaSession`), unless `media-session="off"`.
 */
import type { Chapter } from '@castline/core/chapters'
import { describe, expect, test, vi } from 'vitest'
import { freshMediaSessions } from '../../dom/test/fake-media-session.js'
import '../src/index.js'
import type { CastlinePlayerElement, ErrorDetail } from '../src/index.js'
import { deep, deepAll, drivenPlayer, record, settle, transcriptOf, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

const session = freshMediaSessions()
// Registered after the file's own hooks: after-hooks run as a stack, so the page's teardown comes first, as it did.
useFakePage()

// 10 lines of 2 s: line i starts at 2i (transcript time). The audio is 104 s: 4 s of ads at 6 s.
const LINES = Array.from({ length: 10 }, (_, i) => `Line ${i} text`)
const CHAPTERS: Chapter[] = [
  { start: 0, title: 'Opening', toc: true },
  { start: 10, title: 'Middle', img: '/middle.png', toc: true },
]

/** A player whose audio's time the test moves (`moveTo`); `seeks` records what the element was asked. */
const player = (setup: (el: CastlinePlayerElement) => void) =>
  drivenPlayer((el) => {
    el.setAttribute('title', 'Episode 514')
    el.setAttribute('show', 'Talk Python')
    el.setAttribute('artwork', '/cover.png')
    el.transcript = transcriptOf(LINES)
    el.chapters = CHAPTERS
    setup(el)
  }, 104)

describe('<castline-player ad-breaks>', () => {
  test('one "Ad break" row before the line the audio resumes with, current while the break plays', async () => {
    const { el, moveTo } = await player((p) => p.setAttribute('ad-breaks', '6+4'))
    const rows = deepAll(el, '.castline-line__ad')
    expect(rows.map((r) => r.textContent)).toEqual(['Ad break · 0:04'])
    const row = rows[0]!
    expect(row.closest('li')!.getAttribute('aria-posinset')).toBe('4')
    expect(row.querySelector('button')).toBeNull()
    expect(row.getAttribute('aria-current')).toBeNull()
    await moveTo(8)
    expect(row.getAttribute('aria-current')).toBe('true')
    expect(row.classList.contains('castline-line__ad--current')).toBe(true)
    // The list says a break plays: its CSS takes the highlight off the line the time rests on.
    expect(deep(el, '.castline-transcript__list').hasAttribute('data-ad-break')).toBe(true)
    await moveTo(15) // transcript 11 s: line 5
    expect(row.getAttribute('aria-current')).toBeNull()
    expect(deep(el, '.castline-transcript__list').hasAttribute('data-ad-break')).toBe(false)
    expect(deep(el, 'li.castline-line--active').getAttribute('data-index')).toBe('5')
    expect(deep(el, '.castline-controls__chapter').textContent).toBe('Chapter: Middle')
  })

  test('a line after the break seeks the audio to transcript time + break; markers sit at audio positions', async () => {
    const { el, seeks } = await player((p) => p.setAttribute('ad-breaks', '[{"at":6,"duration":4}]'))
    ;(deep(el, 'li[data-index="5"] .castline-line__time') as HTMLButtonElement).click()
    expect(seeks.at(-1)).toBe(14)
    ;(deep(el, 'li[data-index="1"] .castline-line__time') as HTMLButtonElement).click()
    expect(seeks.at(-1)).toBe(2)
    const markers = deepAll(el, '.castline-waveform__marker')
    // "Middle" at 10 s of transcript time is at 14 s of the 104 s of audio.
    expect((markers[1]!.parentElement as HTMLElement).style.getPropertyValue('--castline-at')).toBe(
      String(14 / 104),
    )
    ;(markers[1] as HTMLButtonElement).click()
    expect(seeks.at(-1)).toBe(14)
    expect(el.adBreaks).toEqual([{ at: 6, duration: 4 }])
  })

  test('the adBreaks property; bad attribute text is a castline-error of kind ad-breaks and no breaks', async () => {
    const { el } = await player((p) => {
      p.adBreaks = [{ at: 6, duration: 4 }]
    })
    expect(deepAll(el, '.castline-line__ad')).toHaveLength(1)
    el.adBreaks = null
    await settle()
    expect(deepAll(el, '.castline-line__ad')).toHaveLength(0)
    const errors = record<ErrorDetail>(el, 'castline-error')
    el.setAttribute('ad-breaks', '6+4,later')
    await settle()
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      [
        'ad-breaks',
        'The ad breaks could not be read: ad break 1: "later" is not at+duration in seconds (e.g. 300+60).',
      ],
    ])
    expect(deepAll(el, '.castline-line__ad')).toHaveLength(0)
    expect(deepAll(el, 'li[data-index]')).toHaveLength(10)
  })
})

describe('<castline-player> Media Session', () => {
  test('metadata follows the chapter (its image, else the artwork); handlers removed on disconnect', async () => {
    const { el, moveTo, seeks } = await player(() => {})
    expect(session().metadata).toEqual({
      title: 'Opening',
      artist: 'Talk Python',
      album: 'Episode 514',
      artwork: [{ src: '/cover.png' }],
    })
    await moveTo(15) // more than 3 s into "Middle": previous track goes back to its start
    expect(session().metadata).toMatchObject({ title: 'Middle', artwork: [{ src: '/middle.png' }] })
    session().act('previoustrack')
    expect(seeks.at(-1)).toBe(10)
    el.remove()
    expect(session().handlers.size).toBe(0)
  })

  test('media-session="off" leaves the session alone', async () => {
    await player((p) => p.setAttribute('media-session', 'off'))
    expect(session().metadata).toBeNull()
    expect(session().handlers.size).toBe(0)
  })
})
