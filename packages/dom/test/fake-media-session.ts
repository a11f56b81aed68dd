import { afterEach, beforeEach } from 'vitest'
import type { MediaSessionLike } from '../src/index.js'

/**
 * A Media Session that records what it is given (metadata, handlers, position states) and can act as
 * the platform does (`act`); installed as `navigator.mediaSession` by the renderers' tests. Shared by
 * dom's, react's and element's tests.
 */
export class FakeMediaSession implements MediaSessionLike {
  metadata: MediaMetadataInit | null = null
  playbackState: MediaSessionPlaybackState = 'none'
  readonly handlers = new Map<MediaSessionAction, MediaSessionActionHandler>()
  readonly positions: MediaPositionState[] = []
  setActionHandler(action: MediaSessionAction, handler: MediaSessionActionHandler | null): void {
    if (handler === null) this.handlers.delete(action)
    else this.handlers.set(action, handler)
  }
  setPositionState(state?: MediaPositionState): void {
    if (state !== undefined) this.positions.push(state)
  }
  /** Calls the handler of `action` as the platform would (nothing when there is none). */
  act(action: MediaSessionAction, details: Partial<MediaSessionActionDetails> = {}): void {
    this.handlers.get(action)?.({ action, ...details } as MediaSessionActionDetails)
  }
}

/**
 * Gives each test of the file a fresh `FakeMediaSession` as `navigator.mediaSession` (removed after the
 * test); returns the getter of the current one.
 */
export function freshMediaSessions(): () => FakeMediaSession {
  let session = new FakeMediaSession()
  beforeEach(() => {
    session = new FakeMediaSession()
    Object.defineProperty(navigator, 'mediaSession', { configurable: true, value: session })
  })
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'mediaSession')
  })
  return () => session
}
