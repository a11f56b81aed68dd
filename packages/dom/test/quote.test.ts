import type { Cue, Transcript } from '@castline/core'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { formatQuote, openQuoteLink, quoteFromRange, quoteLink } from '../src/quote.js'

const cues: Cue[] = [
  { start: 10, end: 14, text: 'Welcome to the show.', speaker: 'Michael' },
  { start: 14, end: 20, text: 'Today we talk about Python.', speaker: 'Michael' },
  {
    start: 20,
    end: 24,
    text: 'Thanks for having me.',
    speaker: 'Guest',
    words: [
      { start: 20, end: 20.5, text: 'Thanks' },
      { start: 20.6, end: 21, text: 'for' },
      { start: 21.1, end: 22, text: 'having' },
      { start: 22.1, end: 23.5, text: 'me.' },
    ],
  },
]

/** The rows as both renderers build them: time button, speaker, text (words in spans), copy button. */
function list(): HTMLUListElement {
  const ul = document.createElement('ul')
  cues.forEach((cue, index) => {
    const li = document.createElement('li')
    li.dataset.index = String(index)
    li.innerHTML = `<button class="castline-line__time">0:00</button><span class="castline-line__body"><span class="castline-line__speaker"></span><span class="castline-line__text"></span></span><button class="castline-line__copy">Copy link</button>`
    li.querySelector('.castline-line__speaker')!.textContent = cue.speaker ?? ''
    const text = li.querySelector('.castline-line__text')!
    // The spoken line's words are spans: offsets count across them.
    const [a, ...rest] = cue.text.split(' ')
    const word = document.createElement('span')
    word.textContent = a!
    text.append(word, ` ${rest.join(' ')}`)
    ul.append(li)
  })
  document.body.append(ul)
  return ul
}

function transcriptOf(lines: Cue[]): Transcript {
  return { format: 'text', cues: lines, warnings: [], speakers: [], wordLevel: false }
}

afterEach(() => {
  document.body.replaceChildren()
  vi.useRealTimers()
})

describe('quoteFromRange', () => {
  test('a selection inside one line: its words, the line times without word timings', () => {
    const ul = list()
    const text = ul.querySelectorAll('.castline-line__text')[1]!
    const range = document.createRange()
    range.setStart(text.childNodes[1]!, 1) // after "Today "
    range.setEnd(text.childNodes[1]!, 14) // "we talk about"
    expect(quoteFromRange(range, ul, cues)).toEqual({
      first: 1,
      last: 1,
      start: 14,
      end: 20,
      text: 'we talk about',
      speaker: 'Michael',
    })
  })

  test('across lines: the text joined, word times at the timed end, the first speaker', () => {
    const ul = list()
    const texts = ul.querySelectorAll('.castline-line__text')
    const range = document.createRange()
    range.setStart(texts[0]!.firstChild!.firstChild!, 0) // "Welcome"
    range.setEnd(texts[2]!.childNodes[1]!, 4) // "Thanks for"
    expect(quoteFromRange(range, ul, cues)).toEqual({
      first: 0,
      last: 2,
      start: 10,
      end: 21,
      text: 'Welcome to the show. Today we talk about Python. Thanks for',
      speaker: 'Michael',
    })
  })

  test('from a time button to a copy button: whole lines; word timings give the words', () => {
    const ul = list()
    const rows = ul.querySelectorAll('li')
    const range = document.createRange()
    range.setStart(rows[2]!.querySelector('.castline-line__time')!.firstChild!, 0)
    range.setEnd(rows[2]!.querySelector('.castline-line__copy')!.firstChild!, 3)
    const quote = quoteFromRange(range, ul, cues)
    expect(quote).toMatchObject({ first: 2, last: 2, start: 20, end: 23.5, text: 'Thanks for having me.' })
  })

  test('collapsed, outside the list, or only buttons: no quote', () => {
    const ul = list()
    const outside = document.createElement('p')
    outside.textContent = 'elsewhere'
    document.body.append(outside)
    const range = document.createRange()
    range.setStart(outside.firstChild!, 0)
    range.setEnd(outside.firstChild!, 4)
    expect(quoteFromRange(range, ul, cues)).toBeNull()
    const copy = ul.querySelector('.castline-line__copy')!.firstChild!
    range.setStart(copy, 0)
    range.setEnd(copy, 4)
    expect(quoteFromRange(range, ul, cues)).toBeNull()
  })
})

test('quoteLink and formatQuote: the range and first words in the link, the documented quote text', () => {
  const quote = {
    first: 1,
    last: 1,
    start: 754.2,
    end: 761.9,
    text: 'we talk about Python',
    speaker: 'Michael',
  }
  const link = quoteLink('https://pod.example/514#old', quote)
  expect(link).toBe('https://pod.example/514#t=754.2,761.9&q=we%20talk%20about%20Python')
  expect(formatQuote(quote, link, 'Episode 514')).toBe(
    `\u201cwe talk about Python\u201d \u2014 Michael, Episode 514 <${link}>`,
  )
  expect(formatQuote({ ...quote, speaker: undefined } as never, link)).toBe(
    `\u201cwe talk about Python\u201d <${link}>`,
  )
  // A line's link: its start and words, no end.
  expect(quoteLink('https://pod.example/514', { start: 14, text: cues[1]!.text })).toBe(
    'https://pod.example/514#t=14&q=Today%20we%20talk%20about%20Python.',
  )
})

describe('openQuoteLink', () => {
  /** A player whose time the test moves frame by frame. */
  function player(transcript: Transcript) {
    const frames = new Set<(t: number) => void>()
    const state = { time: 0, paused: true, plays: 0, pauses: 0 }
    const gestures = new EventTarget()
    const options = {
      transcript,
      gestures,
      seek: (t: number) => {
        state.time = t
      },
      play: () => {
        state.plays++
        state.paused = false
      },
      pause: () => {
        state.pauses++
        state.paused = true
      },
      paused: () => state.paused,
      subscribeFrame: (listener: (t: number) => void) => {
        frames.add(listener)
        return () => frames.delete(listener)
      },
    }
    const frame = (t: number) => {
      state.time = t
      for (const f of [...frames]) f(t)
    }
    return { options, state, frame, gestures, frames }
  }

  test('seeks to the start, plays after the first gesture, pauses at the end', () => {
    vi.useFakeTimers()
    const p = player(transcriptOf(cues))
    const opened = openQuoteLink('#t=14,17&q=we%20talk', p.options)
    expect(opened).toMatchObject({ start: 14, end: 17, moved: false })
    expect(p.state).toMatchObject({ time: 14, plays: 0 })
    p.gestures.dispatchEvent(new Event('keydown'))
    vi.runAllTimers()
    expect(p.state.plays).toBe(1)
    // A second gesture plays nothing more.
    p.gestures.dispatchEvent(new Event('pointerdown'))
    vi.runAllTimers()
    expect(p.state.plays).toBe(1)
    p.frame(15)
    expect(p.state.pauses).toBe(0)
    p.frame(17.01)
    expect(p.state.pauses).toBe(1)
    expect(p.frames.size).toBe(0)
  })

  test('a gesture that started playback itself (a Play button) is not answered with a second play', () => {
    vi.useFakeTimers()
    const p = player(transcriptOf(cues))
    openQuoteLink('#t=14,17', p.options)
    p.gestures.dispatchEvent(new Event('pointerdown'))
    p.state.paused = false // the button's own click played
    vi.runAllTimers()
    expect(p.state.plays).toBe(0)
  })

  test('a link made before an ad was inserted lands on its words, and pauses at the moved end', () => {
    vi.useFakeTimers()
    // 30 s of ad inserted before the second line: the link still says 14-17.
    const shifted = cues.map((c, i) => (i === 0 ? c : { text: c.text, start: c.start + 30, end: c.end + 30 }))
    const p = player(transcriptOf(shifted))
    const opened = openQuoteLink(`#t=14,17&q=${encodeURIComponent('Today we talk')}`, p.options)
    expect(opened).toMatchObject({ start: 44, end: 47, moved: true })
    expect(p.state.time).toBe(44)
    p.frame(46)
    p.frame(47.05)
    expect(p.state.pauses).toBe(1)
  })

  test('a seek away from the range ends the watch; cancel disarms the gesture', () => {
    vi.useFakeTimers()
    const p = player(transcriptOf(cues))
    const opened = openQuoteLink('#t=14,17', p.options)!
    p.frame(14.5)
    p.frame(300)
    expect(p.frames.size).toBe(0)
    expect(p.state.pauses).toBe(0)
    opened.cancel()
    p.gestures.dispatchEvent(new Event('keydown'))
    vi.runAllTimers()
    expect(p.state.plays).toBe(0)
  })

  test('no usable t=: null, nothing done', () => {
    const p = player(transcriptOf(cues))
    expect(openQuoteLink('#q=hello', p.options)).toBeNull()
    expect(openQuoteLink('#t=abc', p.options)).toBeNull()
    expect(p.frames.size).toBe(0)
  })
})
