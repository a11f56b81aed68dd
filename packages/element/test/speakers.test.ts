/**
 * Who is speaking in the custom elements: `<castline-player>`'s `persons` property and its `speakers`
 * property or JSON attribute give each speaker change an avatar (or initials), the name in the speaker's
 * colour and the role, as text; a broken picture falls back to initials; bad JSON is a `castline-error`
 * of kind 'speakers' and the labels stay; the shadow CSS carries the palette of @castline/dom.
 */
import type { Cue, Transcript } from '@castline/core'
import type { Person } from '@castline/core/feed'
import { SPEAKER_PALETTE } from '@castline/dom'
import { describe, expect, test, vi } from 'vitest'
import '../src/index.js'
import type { CastlinePlayerElement, CastlineTranscriptElement, ErrorDetail } from '../src/index.js'
import { CSS } from '../src/styles.js'
import { deepAll, drivenAudio, drivenPlayer, record, settle, useFakePage } from './fixture.js'

vi.mock('wavesurfer.js', () => import('../../dom/test/fake-wavesurfer.js'))

useFakePage()

const PERSONS: Person[] = [
  { name: 'Michael Kennedy', role: 'host', group: 'cast', img: 'https://example.com/michael.svg' },
  { name: 'Sofía <b>Ruiz</b>', role: 'guest', group: 'cast' },
]

/** Six lines, two each by SPEAKER_1, SPEAKER_2 and Ada. */
function transcript(): Transcript {
  const who = ['SPEAKER_1', 'SPEAKER_1', 'SPEAKER_2', 'SPEAKER_2', 'Ada', 'Ada']
  const cues: Cue[] = who.map((speaker, i) => ({ start: i * 2, end: i * 2 + 2, text: `Line ${i}`, speaker }))
  return { format: 'vtt', cues, warnings: [], speakers: ['SPEAKER_1', 'SPEAKER_2', 'Ada'], wordLevel: false }
}

async function player(setup: (el: CastlinePlayerElement) => void = () => {}) {
  const el = document.createElement('castline-player')
  el.setAttribute('deep-link', 'off')
  el.setAttribute('waveform', 'none')
  el.transcript = transcript()
  setup(el)
  const errors = record<ErrorDetail>(el, 'castline-error')
  document.body.append(el)
  await settle()
  return { el, errors }
}

const speakerLabels = (el: Element) => deepAll(el, '.castline-line__speaker') as HTMLElement[]
const nameOf = (label: Element) => label.querySelector('.castline-line__speaker-name')?.textContent

describe('<castline-player> persons and speakers', () => {
  test('the speakers attribute names SPEAKER_N labels; persons add the avatar, the role and a colour each', async () => {
    const { el, errors } = await player((p) => {
      p.persons = PERSONS
      p.setAttribute('speakers', '{"SPEAKER_1": "michael kennedy", "SPEAKER_2": "Sofia <b>Ruiz</b>"}')
    })
    expect(errors).toEqual([])
    const [michael, sofia, ada] = speakerLabels(el)
    expect(nameOf(michael!)).toBe('Michael Kennedy')
    expect(michael!.querySelector('.castline-line__role')!.textContent).toBe('host')
    const img = michael!.querySelector('img')!
    expect(img.getAttribute('src')).toBe('https://example.com/michael.svg')
    expect(img.getAttribute('alt')).toBe('')
    expect(img.getAttribute('loading')).toBe('lazy')
    expect([img.getAttribute('width'), img.getAttribute('height')]).toEqual(['18', '18'])
    const initials = sofia!.querySelector('.castline-line__avatar--initials')!
    expect(initials.textContent).toBe('S<')
    expect(initials.getAttribute('aria-hidden')).toBe('true')
    expect(nameOf(sofia!)).toBe('Sofía <b>Ruiz</b>')
    expect(sofia!.querySelector('b')).toBeNull()
    expect(sofia!.querySelector('.castline-line__role')!.textContent).toBe('guest')
    expect(ada!.textContent).toBe('Ada')
    expect(ada!.querySelector('.castline-line__avatar, .castline-line__role')).toBeNull()
    expect([michael, sofia, ada].map((s) => s!.className)).toEqual([
      'castline-line__speaker castline-speaker-0',
      'castline-line__speaker castline-speaker-1',
      'castline-line__speaker castline-speaker-2',
    ])
    expect(el.speakers).toEqual({ SPEAKER_1: 'michael kennedy', SPEAKER_2: 'Sofia <b>Ruiz</b>' })
  })

  test('the speakers property (an object) wins over the attribute, and a change shows at once', async () => {
    const { el } = await player((p) => {
      p.persons = PERSONS
      p.setAttribute('speakers', '{"SPEAKER_1": "Nobody"}')
    })
    expect(nameOf(speakerLabels(el)[0]!)).toBe('Nobody')
    el.speakers = { SPEAKER_1: 'Michael Kennedy' }
    expect(nameOf(speakerLabels(el)[0]!)).toBe('Michael Kennedy')
    el.persons = []
    // No person any more: the name from the map, without avatar or role.
    expect(speakerLabels(el)[0]!.textContent).toBe('Michael Kennedy')
    expect(speakerLabels(el)[0]!.querySelector('.castline-line__avatar')).toBeNull()
  })

  test('bad JSON in the speakers attribute is a castline-error of kind speakers; the labels stay', async () => {
    const { el, errors } = await player((p) => {
      p.setAttribute('speakers', '{SPEAKER_1: Michael}')
    })
    expect(errors).toHaveLength(1)
    expect(errors[0]!.kind).toBe('speakers')
    expect(errors[0]!.message).toMatch(/speakers is not valid JSON/)
    expect(errors[0]!.error).toBeInstanceOf(TypeError)
    expect(speakerLabels(el).map((s) => s.textContent)).toEqual(['SPEAKER_1', 'SPEAKER_2', 'Ada'])
    expect(el.speakers).toBeNull()
    // A good value afterwards works.
    el.setAttribute('speakers', '["not", "a map"]')
    expect(errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/not valid JSON/),
      expect.stringMatching(/must be a JSON object/),
    ])
    el.setAttribute('speakers', '{"SPEAKER_2": "Grace"}')
    expect(speakerLabels(el).map((s) => s.textContent)).toEqual(['SPEAKER_1', 'Grace', 'Ada'])
    expect(errors).toHaveLength(2)
  })

  test('a picture that fails to load gives way to the initials, and is not tried again', async () => {
    const persons = [{ ...PERSONS[0]!, img: 'https://example.com/broken.svg' }]
    const first = await player((p) => {
      p.persons = persons
      p.speakers = { SPEAKER_1: 'Michael Kennedy' }
    })
    const label = speakerLabels(first.el)[0]!
    label.querySelector('img')!.dispatchEvent(new Event('error'))
    expect(label.querySelector('img')).toBeNull()
    expect(label.querySelector('.castline-line__avatar--initials')!.textContent).toBe('MK')
    first.el.remove()
    const second = await player((p) => {
      p.persons = persons
      p.speakers = { SPEAKER_1: 'Michael Kennedy' }
    })
    const again = speakerLabels(second.el)[0]!
    expect(again.querySelector('img')).toBeNull()
    expect(again.querySelector('.castline-line__avatar--initials')!.textContent).toBe('MK')
  })

  test('persons and speakers set before the element is defined are kept (property upgrade)', async () => {
    // The element is defined already here; an own property stands for one set before the definition.
    const real = document.createElement('castline-player')
    Object.defineProperty(real, 'persons', { value: PERSONS, configurable: true, writable: true })
    Object.defineProperty(real, 'speakers', {
      value: { SPEAKER_1: 'Michael Kennedy' },
      configurable: true,
      writable: true,
    })
    real.setAttribute('deep-link', 'off')
    real.setAttribute('waveform', 'none')
    real.transcript = transcript()
    document.body.append(real)
    await settle()
    expect(nameOf(speakerLabels(real)[0]!)).toBe('Michael Kennedy')
    expect(real.persons).toBe(PERSONS)
  })

  test('the shadow CSS gives each --castline-speaker-N its palette colour in both themes', () => {
    SPEAKER_PALETTE.light.forEach((color, i) => {
      expect(CSS).toContain(`--_speaker-${i}: var(--castline-speaker-${i}, ${color});`)
      expect(CSS).toContain(`.castline-speaker-${i} { --_speaker: var(--_speaker-${i}); }`)
    })
    SPEAKER_PALETTE.dark.forEach((color, i) => {
      expect(CSS).toContain(`--_speaker-${i}: var(--castline-speaker-${i}, ${color});`)
    })
  })
})

describe('<castline-transcript for> persons and speakers', () => {
  test('a part on its own takes persons and the speakers attribute for the session it shows', async () => {
    drivenAudio()
    const el = document.createElement('castline-transcript') as CastlineTranscriptElement
    el.setAttribute('for', 'a')
    el.transcript = transcript()
    el.persons = PERSONS
    el.setAttribute('speakers', '{"SPEAKER_1": "Michael Kennedy"}')
    const errors = record<ErrorDetail>(el, 'castline-error')
    document.body.append(el)
    await settle()
    const [michael, speaker2] = speakerLabels(el)
    expect(nameOf(michael!)).toBe('Michael Kennedy')
    expect(michael!.querySelector('.castline-line__role')!.textContent).toBe('host')
    expect(speaker2!.textContent).toBe('SPEAKER_2')
    // Changing the attribute renames at once, and bad JSON is an error event on the part.
    el.setAttribute('speakers', '{"SPEAKER_2": "Grace"}')
    expect(speakerLabels(el).map((s) => s.textContent)).toEqual(['SPEAKER_1', 'Grace', 'Ada'])
    el.setAttribute('speakers', 'nope')
    expect(errors.map((e) => e.kind)).toEqual(['speakers'])
    expect(speakerLabels(el).map((s) => s.textContent)).toEqual(['SPEAKER_1', 'SPEAKER_2', 'Ada'])
  })
})

describe('layout="panel": chapters and speakers in the panel', () => {
  const CHAPTERS = [
    { start: 0, end: 4, title: 'Hello', toc: true },
    { start: 4, end: 12, title: '<i>Python</i> & more', toc: true },
  ]
  const panelPlayer = (layout: string | null) =>
    drivenPlayer((el) => {
      el.setAttribute('waveform', 'none')
      if (layout !== null) el.setAttribute('layout', layout)
      el.transcript = transcript()
      el.persons = PERSONS
      el.speakers = { SPEAKER_1: 'Michael Kennedy', SPEAKER_2: 'Sofía <b>Ruiz</b>' }
      el.chapters = CHAPTERS
    }, 12)

  test('the panel lists each speaker once (avatar, name, role as text) and the chapters open as buttons that seek', async () => {
    const { el, seeks } = await panelPlayer('panel')
    const main = deepAll(el, '.castline-player__main')[0]!
    const speakers = main.querySelector('.castline-player__speakers') as HTMLElement
    expect(speakers.hidden).toBe(false)
    const list = speakers.querySelector('ul')!
    expect(main.querySelector(`#${list.getAttribute('aria-labelledby')}`)!.textContent).toBe('Speakers')
    // A picture (alt ""), else initials as at a change of speaker; a label matching no one has neither.
    expect([...list.children].map((li) => li.textContent)).toEqual([
      'Michael Kennedyhost',
      'S<Sofía <b>Ruiz</b>guest',
      'Ada',
    ])
    expect(list.querySelector('b')).toBeNull()
    expect(list.querySelector('img')!.getAttribute('src')).toBe('https://example.com/michael.svg')
    expect(list.children[1]!.querySelector('.castline-line__speaker')!.className).toContain(
      'castline-speaker-1',
    )

    // Not a disclosure: the list itself, the one playing marked, a click seeks.
    const chapters = main.querySelector('.castline-player__chapters') as HTMLElement
    expect(chapters.closest('details')).toBeNull()
    const ol = chapters.querySelector('ol')!
    expect(main.querySelector(`#${ol.getAttribute('aria-labelledby')}`)!.textContent).toBe('Chapters')
    const buttons = [...ol.querySelectorAll('button')]
    expect(buttons.map((b) => b.textContent)).toEqual(['0:00 Hello', '0:04 <i>Python</i> & more'])
    expect(buttons[0]!.getAttribute('aria-current')).toBe('true')
    buttons[1]!.click()
    expect(seeks.at(-1)).toBe(4)
    await settle()
    expect(buttons[1]!.getAttribute('aria-current')).toBe('true')
    expect(buttons[0]!.hasAttribute('aria-current')).toBe(false)
    // The controls' host carries the layout, for the rule that hides their disclosure beside the list.
    expect(deepAll(el, 'castline-controls')[0]!.getAttribute('data-layout')).toBe('panel')
  })

  test('stacked (the default) has no speakers list and only the controls’ chapter disclosure', async () => {
    const { el } = await panelPlayer(null)
    expect(deepAll(el, '.castline-player__speakers')).toEqual([])
    expect(deepAll(el, '.castline-player__chapters')).toEqual([])
    expect(deepAll(el, '.castline-controls__chapter-list').map((d) => d.tagName)).toEqual(['DETAILS'])
    expect(deepAll(el, 'castline-controls')[0]!.hasAttribute('data-layout')).toBe(false)
    // Switching to the panel and back takes the lists in and out again.
    el.setAttribute('layout', 'panel')
    expect(deepAll(el, '.castline-player__speakers li')).toHaveLength(3)
    el.setAttribute('layout', 'stacked')
    expect(deepAll(el, '.castline-player__speakers')).toEqual([])
  })
})
