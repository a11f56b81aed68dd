import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest'
import { FollowMode } from '../src/index.js'

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
})
afterEach(() => {
  vi.useRealTimers()
})

describe('uncontrolled', () => {
  test('starts following (or as defaultFollowing says) and moves with each event, telling subscribers and onFollowChange once a change', () => {
    expect(new FollowMode().getSnapshot()).toBe(true)
    const onFollowChange = vi.fn()
    const mode = new FollowMode({ defaultFollowing: false, onFollowChange })
    const heard: boolean[] = []
    mode.subscribe((following) => heard.push(following))
    expect(mode.getSnapshot()).toBe(false)
    mode.dispatch({ type: 'jump' })
    mode.dispatch({ type: 'seek' })
    mode.dispatch({ type: 'user-scroll' })
    mode.dispatch({ type: 'navigate' })
    mode.dispatch({ type: 'set', following: true })
    expect(heard).toEqual([true, false, true])
    expect(onFollowChange.mock.calls).toEqual([[true], [false], [true]])
    expect(mode.getSnapshot()).toBe(true)
  })
})

describe('controlled', () => {
  test('only asks: the state moves when the owner passes it back, and a second event in the same tick does not ask twice', async () => {
    const onFollowChange = vi.fn()
    const mode = new FollowMode({ following: true, onFollowChange })
    const heard: boolean[] = []
    mode.subscribe((following) => heard.push(following))
    mode.dispatch({ type: 'user-scroll' })
    mode.dispatch({ type: 'user-scroll' })
    expect(onFollowChange.mock.calls).toEqual([[false]])
    expect(mode.getSnapshot()).toBe(true)
    expect(heard).toEqual([])
    mode.setOptions({ following: false, onFollowChange })
    expect(mode.getSnapshot()).toBe(false)
    // Subscribers hear of it in a microtask: setOptions runs during a render.
    expect(heard).toEqual([])
    await Promise.resolve()
    expect(heard).toEqual([false])
  })
})

describe('resume timer', () => {
  test('re-attaches after resumeAfterMs of quiet: each user scroll restarts the wait', () => {
    const mode = new FollowMode({ resumeAfterMs: 3000 })
    mode.dispatch({ type: 'user-scroll' })
    vi.advanceTimersByTime(2000)
    mode.dispatch({ type: 'user-scroll' })
    vi.advanceTimersByTime(2999)
    expect(mode.getSnapshot()).toBe(false)
    vi.advanceTimersByTime(1)
    expect(mode.getSnapshot()).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
  })

  test('a navigation starts it too; a jump or a seek cancels it, and so does destroy', () => {
    const mode = new FollowMode({ resumeAfterMs: 1000 })
    mode.dispatch({ type: 'navigate' })
    expect(vi.getTimerCount()).toBe(1)
    mode.dispatch({ type: 'seek' })
    expect(vi.getTimerCount()).toBe(0)
    mode.dispatch({ type: 'user-scroll' })
    mode.destroy()
    expect(vi.getTimerCount()).toBe(0)
    expect(mode.getSnapshot()).toBe(false)
  })

  test('is off without resumeAfterMs', () => {
    const mode = new FollowMode()
    mode.dispatch({ type: 'user-scroll' })
    expect(vi.getTimerCount()).toBe(0)
  })

  test('a timer running out after the user re-attached changes nothing', () => {
    const onFollowChange = vi.fn()
    const mode = new FollowMode({ following: false, resumeAfterMs: 500, onFollowChange })
    mode.dispatch({ type: 'user-scroll' })
    // The owner re-attached by hand meanwhile.
    mode.setOptions({ following: true, resumeAfterMs: 500, onFollowChange })
    vi.advanceTimersByTime(500)
    expect(onFollowChange).not.toHaveBeenCalled()
    expect(mode.getSnapshot()).toBe(true)
  })
})
