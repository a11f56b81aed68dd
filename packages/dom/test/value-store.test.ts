import { describe, expect, test, vi } from 'vitest'
import { ValueStore } from '../src/value-store.js'

describe('ValueStore', () => {
  test('set changes the snapshot and tells nobody; publish tells each subscriber once per change', () => {
    const store = new ValueStore({ n: 0 })
    const heard = vi.fn()
    const off = store.subscribe(heard)
    const next = { n: 1 }
    store.set(next)
    expect(store.getSnapshot()).toBe(next)
    expect(heard).not.toHaveBeenCalled()
    store.publish()
    expect(heard).toHaveBeenCalledTimes(1)
    // Nothing new since the last publish: nobody is told again.
    store.publish()
    store.set(next)
    store.publish()
    expect(heard).toHaveBeenCalledTimes(1)
    off()
    store.set({ n: 2 })
    store.publish()
    expect(heard).toHaveBeenCalledTimes(1)
  })

  test('a value set and set back before publishing is no change', () => {
    const first = { n: 0 }
    const store = new ValueStore(first)
    const heard = vi.fn()
    store.subscribe(heard)
    store.set({ n: 1 })
    store.set(first)
    store.publish()
    expect(heard).not.toHaveBeenCalled()
  })
})
