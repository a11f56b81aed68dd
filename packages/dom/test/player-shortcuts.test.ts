/**
 * PlayerShortcuts in jsdom without a framework: key presses dispatched inside a root element, requests
 * made through a MediaStore over a fake element that records them.
 */
import { afterEach, beforeEach, describe, expect, test } from 'vitest'
import { MediaStore, PlayerShortcuts, playerShortcutFor } from '../src/index.js'
import { FakeMedia } from './fake-media.js'

let media: FakeMedia
let store: MediaStore
let root: HTMLElement
let search: HTMLInputElement | null
let shortcuts: PlayerShortcuts
let cleanup: () => void

beforeEach(() => {
  media = new FakeMedia()
  media.state.currentTime = 100
  store = new MediaStore({ media })
  root = document.createElement('section')
  root.innerHTML = `
    <button type="button">Play</button>
    <div role="slider" tabindex="0">wave</div>
    <ul role="listbox" tabindex="0"><li role="option">line</li></ul>
    <input type="search" />
    <input type="range" />
    <div id="plain" tabindex="0">plain</div>
    <textarea>notes</textarea>`
  document.body.append(root)
  search = null
  shortcuts = new PlayerShortcuts({
    getTime: () => store.getTime(),
    seek: (s) => store.seek(s),
    togglePlay: () => (store.getSnapshot().paused ? void store.play() : store.pause()),
    focusSearch: () => {
      if (search === null) return false
      search.focus()
      return true
    },
  })
  cleanup = shortcuts.mount(root)
})
afterEach(() => {
  cleanup()
  root.remove()
})

/** Presses `key` on `target` (inside the root); returns whether the press was handled. */
function press(target: Element, key: string, init: KeyboardEventInit = {}): boolean {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init })
  target.dispatchEvent(event)
  return event.defaultPrevented
}

const plain = () => root.querySelector('#plain')!

describe('keys inside the root', () => {
  test('Space and K play and pause, through the store', () => {
    expect(press(plain(), ' ')).toBe(true)
    expect(media.requests).toEqual([['play']])
    media.report('play', { paused: false })
    expect(press(plain(), 'k')).toBe(true)
    expect(press(plain(), 'K')).toBe(true)
    expect(media.requests).toEqual([['play'], ['pause'], ['pause']])
  })

  test('J/L skip 10 s and the arrows 5 s from the current position, never below 0', () => {
    for (const key of ['j', 'L', 'ArrowLeft', 'ArrowRight']) expect(press(plain(), key)).toBe(true)
    expect(media.requests).toEqual([
      ['currentTime', 90],
      ['currentTime', 110],
      ['currentTime', 95],
      ['currentTime', 105],
    ])
    media.state.currentTime = 3
    press(plain(), 'J')
    expect(media.requests.at(-1)).toEqual(['currentTime', 0])
  })

  test('/ focuses search when there is a field, and is an ordinary key otherwise', () => {
    expect(press(plain(), '/')).toBe(false)
    search = root.querySelector('input[type=search]')
    expect(press(plain(), '/')).toBe(true)
    expect(document.activeElement).toBe(search)
  })

  test('keys that belong to the focused element are left to it', () => {
    const button = root.querySelector('button')!
    // Space presses a button; K still plays.
    expect(press(button, ' ')).toBe(false)
    expect(press(button, 'k')).toBe(true)
    // Arrows move a slider, a listbox, a range input.
    for (const el of root.querySelectorAll('[role=slider], [role=listbox], input[type=range]'))
      expect(press(el, 'ArrowLeft')).toBe(false)
    // A text field takes every key.
    for (const el of root.querySelectorAll('input[type=search], textarea'))
      for (const key of [' ', 'k', 'j', '/', 'ArrowRight']) expect(press(el, key)).toBe(false)
    expect(media.requests).toEqual([['play']])
  })

  test('modifiers, other keys and presses an earlier handler took are not shortcuts', () => {
    expect(press(plain(), 'k', { ctrlKey: true })).toBe(false)
    expect(press(plain(), 'l', { metaKey: true })).toBe(false)
    expect(press(plain(), 'j', { altKey: true })).toBe(false)
    expect(press(plain(), 'x')).toBe(false)
    const taken = (e: Event) => e.preventDefault()
    plain().addEventListener('keydown', taken)
    press(plain(), 'k')
    plain().removeEventListener('keydown', taken)
    expect(media.requests).toEqual([])
  })

  test('setOptions replaces what a shortcut asks; after cleanup the root is left alone', () => {
    const seeks: number[] = []
    shortcuts.setOptions({ ...shortcuts.options, getTime: () => 7, seek: (s) => seeks.push(s) })
    press(plain(), 'l')
    expect(seeks).toEqual([17])
    cleanup()
    expect(press(plain(), 'l')).toBe(false)
    expect(seeks).toEqual([17])
  })

  test("handleKeyDown takes any event with the fields the shortcuts read (a framework's own event)", () => {
    let prevented = false
    const handled = shortcuts.handleKeyDown({
      key: 'ArrowRight',
      target: plain(),
      defaultPrevented: false,
      altKey: false,
      ctrlKey: false,
      metaKey: false,
      preventDefault: () => {
        prevented = true
      },
    })
    expect(handled).toBe(true)
    expect(prevented).toBe(true)
    expect(media.requests).toEqual([['currentTime', 105]])
    expect(
      playerShortcutFor({
        key: 'ArrowRight',
        target: null,
        defaultPrevented: false,
        altKey: false,
        ctrlKey: false,
        metaKey: false,
      }),
    ).toEqual({ type: 'skip', seconds: 5 })
  })
})
