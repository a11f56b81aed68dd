import { describe, expect, test, vi } from 'vitest'
import {
  type FollowEvent,
  type FollowState,
  followScrollTarget,
  followTransition,
  jumpDirection,
  scrollBehaviorFor,
  wordScrollTarget,
} from '../src/follow.js'
import { watchScrollIntent } from '../src/scroll-intent.js'

describe('followTransition', () => {
  const events: FollowEvent[] = [
    { type: 'user-scroll' },
    { type: 'navigate' },
    { type: 'jump' },
    { type: 'seek' },
    { type: 'resume' },
    { type: 'set', following: true },
    { type: 'set', following: false },
  ]
  test.each<[FollowState, FollowEvent['type'], FollowState]>([
    ['following', 'user-scroll', 'detached'],
    ['following', 'navigate', 'detached'],
    ['detached', 'user-scroll', 'detached'],
    ['detached', 'jump', 'following'],
    ['detached', 'seek', 'following'],
    ['detached', 'resume', 'following'],
    ['following', 'resume', 'following'],
    ['following', 'seek', 'following'],
  ])('%s --%s--> %s', (from, type, to) => {
    const event = events.find((e) => e.type === type)!
    expect(followTransition(from, event)).toBe(to)
  })
  test('set wins from either state', () => {
    for (const from of ['following', 'detached'] as const) {
      expect(followTransition(from, { type: 'set', following: true })).toBe('following')
      expect(followTransition(from, { type: 'set', following: false })).toBe('detached')
    }
  })
})

describe('followScrollTarget (comfort band 20%..60%)', () => {
  const viewport = { offset: 1000, size: 500 } // band: 1100..1300
  test('no scroll while the line starts inside the band', () => {
    expect(followScrollTarget({ start: 1100, end: 1140 }, viewport)).toBeNull()
    expect(followScrollTarget({ start: 1300, end: 1340 }, viewport)).toBeNull()
  })
  test('below or above the band: scroll so the line starts at the band top', () => {
    expect(followScrollTarget({ start: 1301, end: 1340 }, viewport)).toBe(1201)
    expect(followScrollTarget({ start: 3000, end: 3040 }, viewport)).toBe(2900)
    expect(followScrollTarget({ start: 500, end: 540 }, viewport)).toBe(400)
  })
  test('never a negative offset, nothing without a viewport', () => {
    expect(followScrollTarget({ start: 10, end: 50 }, viewport)).toBe(0)
    expect(followScrollTarget({ start: 10, end: 50 }, { offset: 0, size: 0 })).toBeNull()
  })
})

describe('wordScrollTarget', () => {
  const viewport = { offset: 0, size: 500 }
  test('a word comfortably in view stays; one near or past an edge is brought to the band top', () => {
    expect(wordScrollTarget({ start: 200, end: 220 }, viewport)).toBeNull()
    expect(wordScrollTarget({ start: 460, end: 480 }, viewport)).toBe(360)
    expect(wordScrollTarget({ start: 900, end: 920 }, viewport)).toBe(800)
  })
})

test('scrollBehaviorFor: smooth for short moves only, never with reduced motion', () => {
  expect(scrollBehaviorFor(300, 500, false)).toBe('smooth')
  expect(scrollBehaviorFor(-300, 500, false)).toBe('smooth')
  expect(scrollBehaviorFor(5000, 500, false)).toBe('auto')
  expect(scrollBehaviorFor(300, 500, true)).toBe('auto')
})

test('jumpDirection', () => {
  expect(jumpDirection(5, 10, 20)).toBe('up')
  expect(jumpDirection(25, 10, 20)).toBe('down')
  expect(jumpDirection(15, 10, 20)).toBe('none')
  expect(jumpDirection(-1, 10, 20)).toBe('none')
})

describe('watchScrollIntent', () => {
  function scroller() {
    const el = document.createElement('div')
    document.body.append(el)
    Object.defineProperty(el, 'clientWidth', { value: 300 })
    Object.defineProperty(el, 'clientHeight', { value: 200 })
    el.getBoundingClientRect = () =>
      ({ left: 0, top: 0, right: 315, bottom: 200, width: 315, height: 200 }) as DOMRect
    return el
  }

  test('user input counts; scroll events (ours) and other keys do not', () => {
    const el = scroller()
    const onIntent = vi.fn()
    const stop = watchScrollIntent(el, onIntent)
    el.dispatchEvent(new Event('scroll'))
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }))
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowDown', ctrlKey: true, bubbles: true }))
    el.dispatchEvent(new WheelEvent('wheel', { deltaY: 0 }))
    expect(onIntent).not.toHaveBeenCalled()
    el.dispatchEvent(new WheelEvent('wheel', { deltaY: 40 }))
    el.dispatchEvent(new Event('touchmove'))
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true }))
    el.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
    expect(onIntent.mock.calls.map((c) => c[0])).toEqual(['wheel', 'touch', 'keyboard', 'keyboard'])
    stop()
    el.dispatchEvent(new WheelEvent('wheel', { deltaY: 40 }))
    expect(onIntent).toHaveBeenCalledTimes(4)
  })

  test('a press on the scrollbar counts, a press on the content does not; Space on a button does not', () => {
    const el = scroller()
    const button = document.createElement('button')
    el.append(button)
    const onIntent = vi.fn()
    watchScrollIntent(el, onIntent)
    el.dispatchEvent(new PointerEvent('pointerdown', { clientX: 100, clientY: 50, button: 0 }))
    button.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))
    expect(onIntent).not.toHaveBeenCalled()
    el.dispatchEvent(new PointerEvent('pointerdown', { clientX: 308, clientY: 50, button: 0 }))
    expect(onIntent).toHaveBeenCalledWith('scrollbar')
  })
})
