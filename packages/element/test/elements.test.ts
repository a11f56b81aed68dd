/**
 * The custom elements in jsdom: attributes and properties, events and their details, `for` binding to a
 * page `<audio>`, text shown as text, the player's keyboard, load errors, the in-page Podcasting 2.0
 * HTML upgrade, and the styling hooks (custom properties, `::part`). Timers and frames are the test's.
 */
import { describe, expect, test } from 'vitest'
import {
  type CastlinePlayerElement,
  CastlineTranscriptElement,
  CSS,
  type CueChangeDetail,
  defineCastlineElements,
  ELEMENTS,
  type ErrorDetail,
  type FollowChangeDetail,
  PART_NAMES,
  type ReadyDetail,
  type SeekDetail,
} from '../src/index.js'
import {
  button,
  deep,
  deepAll,
  drivenAudio,
  record,
  serve,
  settle,
  transcriptOf,
  useFakePage,
} from './fixture.js'

useFakePage()

const LINES = ['Welcome to the show.', 'Today we talk about Python.', 'Python is a snake too.', 'Goodbye.']

function transcriptFor(id = 'a'): CastlineTranscriptElement {
  const el = document.createElement('castline-transcript')
  el.setAttribute('for', id)
  return el
}

const rows = (root: ParentNode) => deepAll(root, 'li[data-index]') as HTMLLIElement[]

describe('definition', () => {
  test('importing defines the five elements, and defining again is harmless', () => {
    for (const [name, element] of Object.entries(ELEMENTS)) expect(customElements.get(name)).toBe(element)
    expect(() => defineCastlineElements()).not.toThrow()
    expect(document.createElement('castline-transcript')).toBeInstanceOf(CastlineTranscriptElement)
  })
})

describe('<castline-transcript for>', () => {
  test('a parsed Transcript property shows every line as a listitem of the labelled region, in its roles', async () => {
    drivenAudio()
    const el = transcriptFor()
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    const region = deep(el, 'section[aria-label="Transcript"]')
    expect(region.querySelector('ul')).not.toBeNull()
    const items = rows(el)
    expect(items.map((li) => li.querySelector('.castline-line__text')!.textContent)).toEqual(LINES)
    expect(items[1]!.getAttribute('aria-setsize')).toBe('4')
    expect(items[1]!.getAttribute('aria-posinset')).toBe('2')
    expect(button(el, 'Copy link to 0:02')).toBeDefined()
    // One tab stop: the first line's time.
    expect(deepAll(el, 'button[tabindex="0"]')).toEqual([items[0]!.querySelector('.castline-line__time')])
    expect(el.transcript?.cues).toHaveLength(4)
  })

  test('a transcript URL is fetched and read; castline-ready brings the transcript', async () => {
    serve({
      '/ep.vtt':
        'WEBVTT\n\n00:00.000 --> 00:02.000\nHello there.\n\n00:02.000 --> 00:04.000\nGeneral Kenobi.\n',
    })
    drivenAudio()
    const el = transcriptFor()
    el.setAttribute('transcript', '/ep.vtt')
    const ready = record<ReadyDetail>(el, 'castline-ready')
    document.body.append(el)
    expect(deep(el, '[role="status"]').textContent).toBe('Loading transcript…')
    await settle()
    expect(ready).toHaveLength(1)
    expect(ready[0]!.transcript.cues.map((c) => c.text)).toEqual(['Hello there.', 'General Kenobi.'])
    expect(rows(el).map((li) => li.querySelector('.castline-line__text')!.textContent)).toEqual([
      'Hello there.',
      'General Kenobi.',
    ])
  })

  test('a transcript that fails to load fires castline-error and says why in the element', async () => {
    serve({ '/missing.vtt': 404 })
    drivenAudio()
    const el = transcriptFor()
    el.setAttribute('transcript', '/missing.vtt')
    const errors = record<ErrorDetail>(el, 'castline-error')
    document.body.append(el)
    await settle()
    expect(errors).toHaveLength(1)
    expect(errors[0]!.kind).toBe('transcript')
    expect(errors[0]!.message).toBe('Could not load the transcript /missing.vtt: HTTP 404 Not Found')
    expect(errors[0]!.error).toBeInstanceOf(Error)
    expect(deep(el, '[role="alert"]').textContent).toBe(
      'The transcript could not be shown. Could not load the transcript /missing.vtt: HTTP 404 Not Found',
    )
  })

  test('a file that is not a transcript is a castline-error of kind transcript naming the format', async () => {
    serve({ '/x.vtt': 'WEBVTT\n\nnothing timed here\n' })
    drivenAudio()
    const el = transcriptFor()
    el.setAttribute('transcript', '/x.vtt')
    const errors = record<ErrorDetail>(el, 'castline-error')
    document.body.append(el)
    await settle()
    expect(errors.map((e) => e.kind)).toEqual(['transcript'])
    expect(deep(el, '[role="alert"]').textContent).toContain(errors[0]!.message)
  })

  test('text is shown as text: markup in a line is never parsed', async () => {
    drivenAudio()
    const el = transcriptFor()
    const evil = '<img src=x onerror="window.pwned=1"> <b>bold</b>'
    el.transcript = transcriptOf([evil, 'fine'])
    document.body.append(el)
    await settle()
    expect(rows(el)[0]!.querySelector('.castline-line__text')!.textContent).toBe(evil)
    expect(deepAll(el, 'img, b')).toEqual([])
  })

  test('without a media element it says so instead of failing', async () => {
    const el = transcriptFor('nowhere')
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    expect(deep(el, '.castline-transcript__status').textContent).toContain('for="id"')
  })
})

describe('events', () => {
  test('castline-seek and castline-cuechange follow the page audio; the spoken line is aria-current', async () => {
    const media = drivenAudio()
    const el = transcriptFor()
    el.transcript = transcriptOf(LINES)
    const seeks = record<SeekDetail>(el, 'castline-seek')
    const cues = record<CueChangeDetail>(el, 'castline-cuechange')
    document.body.append(el)
    await settle()
    // The transcript starts at 0: its first line is spoken as soon as it is indexed.
    expect(cues).toEqual([{ index: 0, cue: el.transcript!.cues[0] }])
    cues.length = 0
    media.seek(4.5)
    await settle()
    expect(seeks).toEqual([{ time: 4.5 }])
    expect(cues).toEqual([{ index: 2, cue: el.transcript!.cues[2] }])
    const current = deepAll(el, '[aria-current="true"]')
    expect(current).toHaveLength(1)
    expect(current[0]!.getAttribute('data-index')).toBe('2')
    expect(current[0]!.getAttribute('part')).toBe('line line-active')
  })

  test('a click on a line seeks the page audio to it (castline-seek); events bubble out of the element', async () => {
    const media = drivenAudio()
    const el = transcriptFor()
    el.transcript = transcriptOf(LINES)
    const seeks = record<SeekDetail>(document, 'castline-seek')
    document.body.append(el)
    await settle()
    ;(rows(el)[3]!.querySelector('.castline-line__time') as HTMLElement).click()
    await settle()
    expect(media.seeks).toEqual([6])
    expect(seeks).toEqual([{ time: 6 }])
  })

  test('castline-followchange: the user scrolling detaches, the jump button re-attaches', async () => {
    drivenAudio()
    const el = transcriptFor()
    el.transcript = transcriptOf(LINES)
    const changes = record<FollowChangeDetail>(el, 'castline-followchange')
    document.body.append(el)
    await settle()
    // While following there is no jump button at all (not a hidden one: it would still be a button).
    expect(deepAll(el, 'button.castline-jump')).toEqual([])
    deep(el, '.castline-transcript__viewport').dispatchEvent(new WheelEvent('wheel', { deltaY: 100 }))
    await settle()
    expect(changes).toEqual([{ following: false, reason: 'user-scroll' }])
    button(el, 'Jump to current line').click()
    await settle()
    expect(changes).toEqual([
      { following: false, reason: 'user-scroll' },
      { following: true, reason: 'jump' },
    ])
    expect(deepAll(el, 'button.castline-jump')).toEqual([])
  })
})

describe('parts bound to one <audio> share one session', () => {
  test('search and transcript bound by for: typing highlights matches in the list and counts them', async () => {
    drivenAudio()
    const transcript = transcriptFor()
    transcript.transcript = transcriptOf(LINES)
    const search = document.createElement('castline-search')
    search.setAttribute('for', 'a')
    document.body.append(search, transcript)
    await settle()
    const input = deep(search, 'input[aria-label="Search transcript"]') as HTMLInputElement
    input.value = 'python'
    input.dispatchEvent(new Event('input'))
    await settle()
    expect(deep(search, '[role="status"]').textContent).toBe('1 of 2')
    const marks = deepAll(transcript, 'mark')
    expect(marks.map((m) => m.textContent)).toEqual(['Python', 'Python'])
    expect(marks[0]!.getAttribute('part')).toBe('match match-current')
    input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }))
    await settle()
    expect(deep(search, '[role="status"]').textContent).toBe('2 of 2')
  })

  test('controls bound by for play the page audio', async () => {
    const media = drivenAudio()
    const controls = document.createElement('castline-controls')
    controls.setAttribute('for', 'a')
    document.body.append(controls)
    await settle()
    const play = deepAll(controls, 'button').find((b) => b.textContent === 'Play') as HTMLButtonElement
    play.click()
    expect(media.plays).toBe(1)
  })
})

describe('<castline-player>', () => {
  function player(attributes: Record<string, string> = {}): CastlinePlayerElement {
    const el = document.createElement('castline-player')
    for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v)
    return el
  }

  test('attributes: the title names the player and is its heading; src is its own audio', async () => {
    const el = player({ src: '/ep.mp3', title: 'Episode 1', waveform: 'none', 'deep-link': 'off' })
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    expect(deep(el, 'section[aria-label="Episode 1"]')).toBeDefined()
    expect(deep(el, 'h2').textContent).toBe('Episode 1')
    expect(el.media.getAttribute('src')).toBe('/ep.mp3')
    expect(rows(el)).toHaveLength(4)
    expect(deepAll(el, 'castline-waveform')).toEqual([])
  })

  test('layout="panel" reaches the player (data-layout) and ends the panel with the search and menus; any other value is stacked', async () => {
    const el = player({ src: '/ep.mp3', title: 'Episode 1', waveform: 'none', 'deep-link': 'off' })
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    const section = deep(el, 'section.castline-player')
    const main = deep(el, '.castline-player__main')
    const side = deep(el, '.castline-player__side')
    const search = deep(el, 'castline-search')
    const transcript = deep(el, 'castline-transcript')
    // Stacked (the default): the search above the transcript, in its column.
    expect(section.getAttribute('data-layout')).toBe('stacked')
    expect(search.parentElement).toBe(side)
    expect(side.lastElementChild).toBe(transcript)

    el.setAttribute('layout', 'panel')
    expect(section.getAttribute('data-layout')).toBe('panel')
    expect(search.parentElement).toBe(main)
    expect(main.lastElementChild!.className).toBe('castline-player__menus')
    // The transcript has its column to itself, and the search moved still searches it.
    expect([...side.children]).toEqual([transcript])
    const input = deep(el, '.castline-search__input') as HTMLInputElement
    input.value = 'python'
    input.dispatchEvent(new Event('input'))
    await settle()
    expect(deep(el, '.castline-search__count').textContent).toBe('1 of 2')
    expect(deepAll(el, 'mark').map((m) => m.textContent)).toEqual(['Python', 'Python'])

    el.setAttribute('layout', 'sideways')
    expect(section.getAttribute('data-layout')).toBe('stacked')
    expect(search.parentElement).toBe(side)
    expect(side.lastElementChild).toBe(transcript)
  })

  test('keyboard as TranscriptPlayer: K plays, J/L skip 10 s, / focuses search, keys typed in search are text', async () => {
    const el = player({ src: '/ep.mp3', waveform: 'none', 'deep-link': 'off' })
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    let plays = 0
    el.media.play = () => {
      plays++
      return Promise.resolve()
    }
    const seeks: number[] = []
    Object.defineProperty(el.media, 'currentTime', {
      configurable: true,
      get: () => 20,
      set: (t: number) => seeks.push(t),
    })
    const section = deep(el, 'section.castline-player')
    const key = (target: Element, k: string) => {
      const e = new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true, cancelable: true })
      target.dispatchEvent(e)
      return e.defaultPrevented
    }
    expect(key(section, 'k')).toBe(true)
    expect(plays).toBe(1)
    key(section, 'j')
    key(section, 'l')
    key(section, 'ArrowRight')
    expect(seeks).toEqual([10, 30, 25])
    expect(key(section, '/')).toBe(true)
    const input = deep(el, 'input[type="search"]')
    expect(input.getRootNode()).toBeInstanceOf(ShadowRoot)
    expect((input.getRootNode() as ShadowRoot).activeElement).toBe(input)
    expect(key(input, 'k')).toBe(false)
    expect(plays).toBe(1)
  })

  test('a #t= link followed within the page (only the hash changes) seeks; deep-link="off" ignores it', async () => {
    const el = player({ src: '/ep.mp3', waveform: 'none' })
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    const off = player({ src: '/ep2.mp3', waveform: 'none', 'deep-link': 'off' })
    off.transcript = transcriptOf(LINES)
    document.body.append(off)
    await settle()
    const seeks: number[] = []
    const ignored: number[] = []
    for (const [media, log] of [
      [el.media, seeks],
      [off.media, ignored],
    ] as const) {
      Object.defineProperty(media, 'currentTime', {
        configurable: true,
        get: () => 0,
        set: (t: number) => log.push(t),
      })
    }
    window.location.hash = '#t=12:34'
    window.dispatchEvent(new HashChangeEvent('hashchange'))
    await settle()
    expect(seeks.at(-1)).toBe(754)
    expect(ignored).toEqual([])
    window.location.hash = ''
    el.remove()
    off.remove()
  })

  test('a transcript URL that fails gives castline-error on the player and a readable alert inside it', async () => {
    serve({})
    const el = player({ src: '/ep.mp3', transcript: '/gone.srt', waveform: 'none', 'deep-link': 'off' })
    const errors = record<ErrorDetail>(el, 'castline-error')
    document.body.append(el)
    await settle()
    expect(errors.map((e) => [e.kind, e.message])).toEqual([
      ['transcript', 'Could not load the transcript /gone.srt: HTTP 404 Not Found'],
    ])
    expect(deep(el, '[role="alert"]').textContent).toContain('HTTP 404')
  })

  test('a transcript property set before the element was upgraded is used once it is', async () => {
    // A document without a window upgrades nothing: the element is a plain HTMLElement there.
    const inert = document.implementation.createHTMLDocument('')
    const early = inert.createElement('castline-player') as unknown as { transcript: unknown } & Element
    early.setAttribute('waveform', 'none')
    early.setAttribute('deep-link', 'off')
    const parsed = transcriptOf(LINES)
    early.transcript = parsed
    const el = document.adoptNode(early) as unknown as CastlinePlayerElement
    document.body.append(el)
    await settle()
    expect(el.transcript).toBe(parsed)
    expect(rows(el)).toHaveLength(4)
  })

  test('a media error is a castline-error of kind media, shown by the controls', async () => {
    const el = player({ src: '/ep.mp3', waveform: 'none', 'deep-link': 'off' })
    el.transcript = transcriptOf(LINES)
    const errors = record<ErrorDetail>(el, 'castline-error')
    document.body.append(el)
    await settle()
    Object.defineProperty(el.media, 'error', { configurable: true, get: () => ({ code: 4, message: '' }) })
    el.media.dispatchEvent(new Event('error'))
    await settle()
    expect(errors.map((e) => e.kind)).toEqual(['media'])
    expect(deep(el, '.castline-controls__error').textContent).toContain('The audio could not be loaded')
  })

  test('upgrades the Podcasting 2.0 HTML inside it: all text in the page before, a virtualized list after', async () => {
    const count = 400
    let html = ''
    for (let i = 0; i < count; i++) {
      const m = String(Math.floor(i / 60)).padStart(2, '0')
      const s = String(i % 60).padStart(2, '0')
      html += `<cite>Host:</cite><time>00:${m}:${s}</time><p>Line ${i} of the episode &amp; more.</p>\n`
    }
    // A template's content is inert: its custom elements are not upgraded, as a page before the script runs.
    const template = document.createElement('template')
    template.innerHTML = `<castline-player src="/ep.mp3" waveform="none" deep-link="off">${html}</castline-player>`
    const before = template.content.firstElementChild!
    expect(before).not.toBeInstanceOf(customElements.get('castline-player')!)
    for (const i of [0, 199, 399]) expect(before.textContent).toContain(`Line ${i} of the episode & more.`)

    document.body.append(template.content)
    const el = document.body.querySelector('castline-player') as CastlinePlayerElement
    expect(el.shadowRoot).not.toBeNull()
    await settle()
    expect(el.transcript?.cues).toHaveLength(count)
    expect(el.transcript?.cues[5]).toMatchObject({
      start: 5,
      text: 'Line 5 of the episode & more.',
      speaker: 'Host',
    })
    // Every line is still in the page's HTML (light DOM, for search engines), while the list is virtual.
    for (const i of [0, 199, 399]) expect(el.textContent).toContain(`Line ${i} of the episode & more.`)
    const shown = rows(el)
    expect(shown.length).toBeGreaterThan(0)
    expect(shown.length).toBeLessThan(60)
    expect(shown[0]!.getAttribute('aria-setsize')).toBe(String(count))
    expect(deep(el, 'ul').hasAttribute('data-static')).toBe(false)
  })
})

describe('styling hooks', () => {
  test('the style sheet reads --castline-* custom properties with defaults', () => {
    for (const name of [
      '--castline-accent',
      '--castline-bg',
      '--castline-fg',
      '--castline-transcript-height',
    ])
      expect(CSS).toContain(`var(${name},`)
  })

  test('::part names are on the parts, and the player forwards its parts’ (exportparts)', async () => {
    drivenAudio()
    const el = document.createElement('castline-player')
    el.setAttribute('waveform', 'none')
    el.setAttribute('deep-link', 'off')
    el.transcript = transcriptOf(LINES)
    document.body.append(el)
    await settle()
    const parts = new Set(deepAll(el, '[part]').flatMap((e) => e.getAttribute('part')!.split(' ')))
    for (const name of [
      'player',
      'title',
      'transcript',
      'list',
      'line',
      'line-time',
      'line-text',
      'line-copy',
    ])
      expect(parts, name).toContain(name)
    for (const name of ['search', 'search-input', 'controls', 'play', 'rate', 'volume', 'time'])
      expect(parts, name).toContain(name)
    const transcript = deep(el, 'castline-transcript')
    expect(transcript.getAttribute('exportparts')).toBe(PART_NAMES.transcript.join(', '))
  })
})
