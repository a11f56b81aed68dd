import { createMediaElementSource, type MediaElementLike, type TimeSource } from '@castline/core'
import type { MediaStore } from './media-store.js'

/** A time source over a `MediaStore`; `destroy` stops it for good. */
export interface MediaStoreSource extends TimeSource {
  /** Stops listening to the store and stops the frame loop. */
  destroy(): void
}

/**
 * A time source for `SyncController` that hears the media through `store`, so that the store stays the
 * only listener on the element. It behaves as core's `createMediaElementSource` (whose frame loop it
 * runs): while someone is subscribed and the media plays, it reads `currentTime` once per animation frame;
 * it is subscribed to the store only while someone is subscribed to it. Its times are the store's, so
 * transcript time when the store has an ad-break time map (reads convert, seeks convert back). It reads the element the store
 * holds when asked, so make a new source when the store's element changes (the controller then re-reads).
 */
export function createMediaStoreSource(store: MediaStore): MediaStoreSource {
  // The frame loop listens for one function per event type; the store relays its events to them.
  const byType = new Map<string, (event: Event) => void>()
  let unsubscribe: (() => void) | null = null
  const relay = (event: Event) => byType.get(event.type)?.(event)

  const view: MediaElementLike = {
    get currentTime() {
      return store.getTime()
    },
    set currentTime(seconds: number) {
      store.seek(seconds)
    },
    get duration() {
      return store.toTranscript(store.media?.duration ?? Number.NaN)
    },
    get paused() {
      return store.media?.paused ?? true
    },
    get ended() {
      return store.media?.ended ?? false
    },
    get playbackRate() {
      return store.media?.playbackRate ?? 1
    },
    set playbackRate(rate: number) {
      store.setRate(rate)
    },
    play: () => store.play(),
    pause: () => store.pause(),
    addEventListener(type, listener) {
      byType.set(type, listener)
      unsubscribe ??= store.subscribeEvents(relay)
    },
    removeEventListener(type, listener) {
      if (byType.get(type) === listener) byType.delete(type)
      if (byType.size > 0 || unsubscribe === null) return
      unsubscribe()
      unsubscribe = null
    },
  }
  return createMediaElementSource(view)
}
