import { createManualSource, type Transcript as TranscriptModel } from '@castline/core'
import { act, fireEvent, render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeEach, expect, test, vi } from 'vitest'
import { CastlineProvider } from '../src/context.js'
import { Transcript } from '../src/transcript.js'
import { generateTranscript, listMounted, mockLayout, settled } from './helpers.js'

let restore: () => void
let written: string[]
beforeEach(() => {
  restore = mockLayout({ viewport: 400, row: 40 })
  written = []
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void written.push(text) },
  })
})
afterEach(() => {
  restore()
  Reflect.deleteProperty(navigator, 'clipboard')
  document.getSelection()?.removeAllRanges()
  window.location.hash = ''
})

async function setup(transcript: TranscriptModel) {
  const source = createManualSource({ duration: transcript.duration ?? Number.NaN })
  render(
    <CastlineProvider transcript={transcript} source={source}>
      <Transcript episodeTitle="Episode 514" />
    </CastlineProvider>,
  )
  await settled()
  await listMounted()
  return source
}

/** Selects characters `from`-`to` of line `index`'s text, as a drag would, and says so. */
async function select(index: number, from: number, to: number) {
  const text = document.querySelector(`.castline-line[data-index="${index}"] .castline-line__text`)!
  const node = text.firstChild!
  await act(async () => {
    document.getSelection()!.setBaseAndExtent(node, from, node, to)
    document.dispatchEvent(new Event('selectionchange'))
  })
}

test('a selection opens the menu after the list; Copy quote and Copy link write the quote and its link', async () => {
  const transcript = generateTranscript(50, { seconds: 7.5, text: (i) => `line ${i} says something true` })
  transcript.cues[3]!.speaker = 'Guido'
  await setup(transcript)
  expect(screen.queryByRole('group', { name: 'Share the selected quote' })).toBeNull()
  await select(3, 7, 21) // "says something"
  const menu = screen.getByRole('group', { name: 'Share the selected quote' })
  // After the list in document order: Tab from the list reaches it.
  const list = document.querySelector('.castline-transcript__list')!
  expect(list.compareDocumentPosition(menu) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
  expect(screen.getByText(/Quote selected: Tab to Copy quote/)).toBeTruthy()
  // fireEvent, not userEvent: userEvent puts a clipboard of its own on navigator.
  await act(async () => fireEvent.click(within(menu).getByRole('button', { name: 'Copy link' })))
  const base = window.location.href.split('#')[0]
  const cue = transcript.cues[3]!
  expect(written).toEqual([`${base}#t=${cue.start},${cue.end}&q=says%20something`])
  expect(screen.getByText('Link copied')).toBeTruthy()
  await act(async () => fireEvent.click(within(menu).getByRole('button', { name: 'Copy quote' })))
  expect(written[1]).toBe(`\u201csays something\u201d \u2014 Guido, Episode 514 <${written[0]}>`)
})

test('Escape closes the menu; a selection outside the transcript opens none', async () => {
  await setup(generateTranscript(50, { seconds: 7.5 }))
  await select(2, 0, 4)
  const menu = screen.getByRole('group', { name: 'Share the selected quote' })
  await userEvent.keyboard('{Escape}')
  expect(menu.isConnected).toBe(false)
  const outside = document.createElement('p')
  outside.textContent = 'not the transcript'
  document.body.append(outside)
  await act(async () => {
    document.getSelection()!.setBaseAndExtent(outside.firstChild!, 0, outside.firstChild!, 6)
    document.dispatchEvent(new Event('selectionchange'))
  })
  expect(screen.queryByRole('group', { name: 'Share the selected quote' })).toBeNull()
  outside.remove()
})

test('a failed copy is said in an assertive live region', async () => {
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: () => Promise.reject(new Error('Denied')) },
  })
  await setup(generateTranscript(50, { seconds: 7.5 }))
  await select(2, 0, 4)
  await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy quote' })))
  const said = screen.getByText('Could not copy: Denied')
  expect(said.getAttribute('aria-live')).toBe('assertive')
})

/** Sets the page's hash and waits for the hashchange the browser (here jsdom) fires for it. */
function setHash(hash: string): Promise<void> {
  if (window.location.hash === hash || (hash === '' && window.location.hash === '')) return Promise.resolve()
  const changed = new Promise<void>((resolve) =>
    window.addEventListener('hashchange', () => resolve(), { once: true }),
  )
  window.location.hash = hash
  return changed
}

test('a quote link in the hash seeks to where its words are now, plays after a first gesture, pauses at its end', async () => {
  // The link says 20 s (line 2), but its words are on line 5 now (an ad inserted before them). Set
  // before the player mounts, as a page opened at that link (jsdom's hashchange heard first).
  await setHash(`#t=20,24&q=${encodeURIComponent('words of line 5 here')}`)
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  try {
    const transcript = generateTranscript(50, { seconds: 10, text: (i) => `words of line ${i} here` })
    const source = await setup(transcript)
    expect(source.seeks.at(-1)).toBe(50)
    const plays = vi.spyOn(source, 'play')
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }))
    vi.runAllTimers()
    expect(plays).toHaveBeenCalledTimes(1)
    // Playing through the range's end (54 s, moved with the words) pauses there.
    const pauses = vi.spyOn(source, 'pause')
    act(() => source.advance(2))
    expect(pauses).not.toHaveBeenCalled()
    act(() => source.advance(2.5))
    expect(pauses).toHaveBeenCalledTimes(1)
  } finally {
    vi.useRealTimers()
  }
})

test('a quote link followed within the page (only the hash changes) opens the same way', async () => {
  const transcript = generateTranscript(50, { seconds: 10, text: (i) => `words of line ${i} here` })
  await setHash('')
  const source = await setup(transcript)
  const seeks = source.seeks.length
  await act(() => setHash(`#t=20,24&q=${encodeURIComponent('words of line 7 here')}`))
  expect(source.seeks.slice(seeks)).toEqual([70])
})

test('the keyboard: Shift+ArrowDown from a line selects whole lines, the menu opens, Tab moves into it', async () => {
  const transcript = generateTranscript(50, { seconds: 7.5, text: (i) => `line ${i} text` })
  await setup(transcript)
  const user = userEvent.setup()
  // userEvent puts a clipboard of its own on navigator: ours again, to read what was written.
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: { writeText: async (text: string) => void written.push(text) },
  })
  await user.tab()
  expect(document.activeElement?.closest('[data-index]')?.getAttribute('data-index')).toBe('0')
  await user.keyboard('{Shift>}{ArrowDown}{ArrowDown}{/Shift}')
  // jsdom does not fire selectionchange for a script's selection: the browser does.
  await act(async () => document.dispatchEvent(new Event('selectionchange')))
  expect(document.activeElement?.closest('[data-index]')?.getAttribute('data-index')).toBe('2')
  const menu = screen.getByRole('group', { name: 'Share the selected quote' })
  await user.tab()
  expect(document.activeElement).toBe(within(menu).getByRole('button', { name: 'Copy quote' }))
  await act(async () => user.keyboard('{Enter}'))
  // The three whole lines, from the first line's start to the third's end.
  const cues = transcript.cues
  expect(written[0]).toMatch(/^\u201cline 0 text line 1 text line 2 text\u201d \u2014 /)
  expect(written[0]).toContain(`#t=0,${cues[2]!.end}&q=line%200%20text`)
  // Focus in the menu keeps it open though the selection changes.
  await act(async () => document.dispatchEvent(new Event('selectionchange')))
  expect(menu.isConnected).toBe(true)
  await user.keyboard('{Escape}')
  expect(menu.isConnected).toBe(false)
})
