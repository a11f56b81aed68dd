import type { Chapter } from '@castline/core/chapters'
import type { ChapterState } from './chapter-state.js'
import type { MediaStore } from './media-store.js'

/** What the Media Session shows of the episode (lock screen, headset, the browser's media hub). */
export interface EpisodeMetadata {
  /** The episode's title (the session's album; a chapter's title is its title while one plays). */
  title: string
  /** The show's name (the session's artist). */
  show?: string | undefined
  /** The episode's artwork: one URL or `MediaImage`s. A chapter's own `img` replaces it while it plays. */
  artwork?: string | readonly MediaImage[] | undefined
}

/** The part of `navigator.mediaSession` the binding uses (tests install a fake). */
export interface MediaSessionLike {
  metadata: MediaMetadata | MediaMetadataInit | null
  playbackState?: MediaSessionPlaybackState
  setActionHandler(action: MediaSessionAction, handler: MediaSessionActionHandler | null): void
  setPositionState?(state?: MediaPositionState): void
}

/** Options of a `MediaSessionBinding`. */
export interface MediaSessionOptions {
  /** The player's media: its requests, its time (transcript time with ad breaks) and its events. */
  store: MediaStore
  /** Previous/next track are previous/next chapter; the current chapter titles the metadata. */
  chapters: ChapterState
  metadata: EpisodeMetadata
  /** Seeks in transcript time (default `store.seek`); the adapter's own, so that follow mode hears of it. */
  seek?: ((seconds: number) => void) | undefined
  /** The session to drive (default `navigator.mediaSession`; none there: the binding does nothing). */
  session?: MediaSessionLike | null | undefined
}

/** Seconds that seek backward/forward move when the request names no offset. */
export const MEDIA_SESSION_SEEK_OFFSET = 10

const ACTIONS: readonly MediaSessionAction[] = [
  'play',
  'pause',
  'seekbackward',
  'seekforward',
  'seekto',
  'previoustrack',
  'nexttrack',
]

/** The events after which the position state is sent again (not every time update). */
const POSITION_EVENTS = new Set([
  'play',
  'pause',
  'seeked',
  'ratechange',
  'durationchange',
  'loadedmetadata',
  'ended',
])

/** The binding that owns the page's Media Session: the player played most recently. */
let owner: MediaSessionBinding | null = null

function defaultSession(): MediaSessionLike | null {
  return typeof navigator !== 'undefined' && 'mediaSession' in navigator
    ? (navigator.mediaSession as MediaSessionLike)
    : null
}

function artworkOf(chapter: Chapter | null, episode: EpisodeMetadata): MediaImage[] {
  if (chapter?.img !== undefined && chapter.img !== '') return [{ src: chapter.img }]
  const art = episode.artwork
  if (art === undefined) return []
  return typeof art === 'string' ? [{ src: art }] : [...art]
}

/**
 * The player in the platform's media controls (`navigator.mediaSession`), without a framework: the
 * metadata (the current chapter's title, else the episode's; the show; the chapter's image, else the
 * episode's artwork) updated on chapter change, the action handlers (play, pause, seek backward/forward,
 * seek to, previous/next track as previous/next chapter) and the position state, sent on play, pause,
 * seek and rate change rather than every frame. One player owns the session at a time: the one that
 * played most recently (the first mounted until then). `mount()` returns the cleanup, which removes the
 * handlers this binding set. Without a Media Session (a server, an old browser) it does nothing.
 */
export class MediaSessionBinding {
  options: MediaSessionOptions
  private mounted = false

  constructor(options: MediaSessionOptions) {
    this.options = options
  }

  /** Replaces the options; the owner shows new metadata at once. */
  setOptions(options: MediaSessionOptions): void {
    const changed =
      options.metadata.title !== this.options.metadata.title ||
      options.metadata.show !== this.options.metadata.show ||
      options.metadata.artwork !== this.options.metadata.artwork
    this.options = options
    if (changed && owner === this && this.mounted) this.showMetadata()
  }

  /** True while this binding drives the session. */
  get owning(): boolean {
    return owner === this
  }

  /** Starts listening; takes the session if no player has it. Returns the cleanup. */
  mount(): () => void {
    const session = this.session
    if (session === null) return () => {}
    this.mounted = true
    const { store, chapters } = this.options
    const offEvents = store.subscribeEvents((event) => {
      // Playing makes this player the session's owner.
      if (event.type === 'play') this.claim()
      if (owner !== this) return
      if (event.type === 'play' || event.type === 'pause' || event.type === 'ended') this.showPlaybackState()
      if (POSITION_EVENTS.has(event.type)) this.showPosition()
    })
    const offChapters = chapters.subscribe(() => {
      if (owner === this) this.showMetadata()
    })
    if (owner === null) this.claim()
    return () => {
      offEvents()
      offChapters()
      this.mounted = false
      if (owner !== this) return
      owner = null
      for (const action of ACTIONS) setHandler(session, action, null)
      session.metadata = null
    }
  }

  /** Takes the session: this player's metadata, handlers and position. */
  claim(): void {
    if (owner === this || this.session === null) return
    owner = this
    this.showMetadata()
    this.setHandlers()
    this.showPlaybackState()
    this.showPosition()
  }

  private get session(): MediaSessionLike | null {
    return this.options.session === undefined ? defaultSession() : this.options.session
  }

  private seek(seconds: number): void {
    const { seek, store } = this.options
    const target = Math.max(0, seconds)
    if (seek === undefined) store.seek(target)
    else seek(target)
  }

  private setHandlers(): void {
    const session = this.session!
    const { store, chapters } = this.options
    const offset = (details: MediaSessionActionDetails) => details.seekOffset ?? MEDIA_SESSION_SEEK_OFFSET
    setHandler(session, 'play', () => void store.play().catch(() => {}))
    setHandler(session, 'pause', () => store.pause())
    setHandler(session, 'seekbackward', (d) => this.seek(store.getTime() - offset(d)))
    setHandler(session, 'seekforward', (d) => this.seek(store.getTime() + offset(d)))
    setHandler(session, 'seekto', (d) => {
      if (d.seekTime !== undefined && Number.isFinite(d.seekTime)) this.seek(d.seekTime)
    })
    setHandler(session, 'previoustrack', () => chapters.previous())
    setHandler(session, 'nexttrack', () => chapters.next())
  }

  private showMetadata(): void {
    const session = this.session
    if (session === null) return
    const episode = this.options.metadata
    const chapter = this.options.chapters.getSnapshot().current
    const init: MediaMetadataInit = {
      title: chapter?.title || episode.title,
      artist: episode.show ?? '',
      album: episode.title,
      artwork: artworkOf(chapter, episode),
    }
    session.metadata = typeof MediaMetadata === 'function' ? new MediaMetadata(init) : init
  }

  private showPlaybackState(): void {
    const session = this.session
    if (session === null || !('playbackState' in session)) return
    session.playbackState = this.options.store.getSnapshot().paused ? 'paused' : 'playing'
  }

  /** Sends the position; only a finite duration, a rate above 0 and a position within the duration. */
  private showPosition(): void {
    const session = this.session
    if (session?.setPositionState === undefined) return
    const { store } = this.options
    const { duration, playbackRate } = store.getSnapshot()
    if (!(Number.isFinite(duration) && duration > 0 && playbackRate > 0)) return
    const position = Math.min(duration, Math.max(0, store.getTime()))
    try {
      session.setPositionState({ duration, playbackRate, position })
    } catch {
      // A browser that still finds the state invalid keeps the last one: nothing to recover.
    }
  }
}

/** Sets (or with null removes) a handler; a browser that does not know the action throws, which is skipped. */
function setHandler(
  session: MediaSessionLike,
  action: MediaSessionAction,
  handler: MediaSessionActionHandler | null,
): void {
  try {
    session.setActionHandler(action, handler)
  } catch {
    // An action this browser does not support: its button is simply not shown.
  }
}
