/** What `useSyncExternalStore` reads: `MediaStore`, `SyncController`, `FollowMode` and `ValueStore` all have it. */
export interface ReadableStore<T> {
  subscribe(listener: () => void): () => void
  getSnapshot(): T
}

/**
 * A value an owner hands to its readers without handing them the value itself (React's provider: no
 * context change): `set` while the owner computes it (in React, its render: readers that render after it
 * read the new value), `publish` when it is in force (after the commit) to tell the subscribers. Setting
 * never notifies, so it is safe inside a render.
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
