/** A listener set whose `add` returns the unsubscribe function, so callers never keep a handle around. */
export interface Listeners<T> {
  /** Adds a listener; calling the returned function removes it (calling it twice is harmless). */
  add(listener: (value: T) => void): () => void
  /** Calls every listener in the order they were added. No allocation: it runs once per animation frame. */
  emit(value: T): void
  /** How many listeners are attached: sources attach to the media only while this is above zero. */
  readonly size: number
  /** Removes every listener. */
  clear(): void
}

interface Entry<T> {
  fn: (value: T) => void
}

/** Creates an empty listener set. */
export function createListeners<T>(): Listeners<T> {
  // Entries rather than bare functions: the same function subscribed twice is two subscriptions, and
  // removing one leaves the other (what useSyncExternalStore and React strict mode expect).
  const set = new Set<Entry<T>>()
  return {
    add(fn) {
      const entry: Entry<T> = { fn }
      set.add(entry)
      return () => {
        set.delete(entry)
      }
    },
    emit(value) {
      for (const entry of set) entry.fn(value)
    },
    get size() {
      return set.size
    },
    clear() {
      set.clear()
    },
  }
}
