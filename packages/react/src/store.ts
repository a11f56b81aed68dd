/** What `useSyncExternalStore` reads: `MediaStore`, `SyncController`, `FollowMode` and `ValueStore` all have it. */
export interface ReadableStore<T> {
  subscribe(listener: () => void): () => void
  getSnapshot(): T
}

/**
 * A value the provider hands to its parts without a context change: `set` during the provider's render
 * (the parts that render after it in the same pass read the new value), `publish` after the commit tells
 * the subscribers that did not render. So a part re-renders only when the selection it reads changes.
 */
export class ValueStore<T> implements ReadableStore<T> {
  private value: T
  private published: T
  private readonly listeners = new Set<() => void>()

  constructor(value: T) {
    this.value = value
    this.published = value
  }

  getSnapshot = (): T => this.value

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** Takes the value of this render; nobody is told yet (a render must not update other components). */
  set(value: T): void {
    this.value = value
  }

  /** Tells the subscribers, when the value changed since the last `publish` (call it in a layout effect). */
  publish(): void {
    if (Object.is(this.published, this.value)) return
    this.published = this.value
    for (const listener of [...this.listeners]) listener()
  }
}
