import { type Cue, type SearchMatch, SyncController, searchTranscript, type Transcript } from '@castline/core'
import type { Chapter, ChapterList } from '@castline/core/chapters'
import type { Person, Soundbite } from '@castline/core/feed'
import type { AdTimeMap } from '@castline/core/links'
import {
  ChapterState,
  createMediaStoreSource,
  defaultLocale,
  type FollowEvent,
  FollowMode,
  loadChapters,
  MediaStore,
  type MediaStoreSource,
  mediaErrorMessage,
  ReaderSettings,
  type ResolvedLocale,
  resolveLocale,
  resolveSpeakers,
  type SpeakerInfo,
  type SpeakerOptions,
} from '@castline/dom'
import { describeError, fetchTranscript, type Load } from './load.js'
import { LOCALES, langOf } from './locales.js'

/** `castline-cuechange`: the spoken line changed (`index` -1 and `cue` null between lines). */
export interface CueChangeDetail {
  index: number
  cue: Cue | null
}
/** `castline-seek`: playback is moving to `time` (seconds), whoever asked. */
export interface SeekDetail {
  time: number
}
/** `castline-followchange`: follow mode changed, and the event that changed it when known. */
export interface FollowChangeDetail {
  following: boolean
  reason?: FollowEvent['type']
}
/**
 * `castline-error`: the transcript, the peaks, the media, the chapters or the feed (`feed` and `episode`
 * attributes: unreachable, not a feed, unknown GUID) failed, a copy to the clipboard failed (the quote
 * menu, a line's link), the `speakers` attribute is no JSON object of names (the speakers are then
 * shown by their labels), or the `labels` attribute is no JSON object (the locale's labels are shown);
 * `message` is for people.
 */
export interface ErrorDetail {
  kind:
    | 'transcript'
    | 'peaks'
    | 'media'
    | 'chapters'
    | 'feed'
    | 'clipboard'
    | 'speakers'
    | 'ad-breaks'
    | 'labels'
  message: string
  error: unknown
}
/** `castline-ready`: the transcript is loaded and shown. */
export interface ReadyDetail {
  transcript: Transcript
}

/** `castline-chapterchange`: the listed chapter playing changed (null before the first, or without chapters). */
export interface ChapterChangeDetail {
  chapter: Chapter | null
}

/** The events the elements dispatch, by name (bubbling and composed `CustomEvent`s). */
export interface CastlineEventMap {
  'castline-cuechange': CustomEvent<CueChangeDetail>
  'castline-seek': CustomEvent<SeekDetail>
  'castline-followchange': CustomEvent<FollowChangeDetail>
  'castline-error': CustomEvent<ErrorDetail>
  'castline-ready': CustomEvent<ReadyDetail>
  'castline-chapterchange': CustomEvent<ChapterChangeDetail>
}

/** The search shared by a session's search box and transcript. */
export interface SearchState {
  readonly query: string
  readonly matches: readonly SearchMatch[]
  readonly byCue: ReadonlyMap<number, readonly SearchMatch[]>
  /** Index in `matches` of the current one, -1 for none. */
  readonly current: number
}

const NO_SEARCH: SearchState = Object.freeze({ query: '', matches: [], byCue: new Map(), current: -1 })

type Topic = 'transcript' | 'search' | 'media' | 'chapters' | 'episode' | 'speakers' | 'locale'

/** What a session asks of the transcript list it shows (registered by `<castline-transcript>`). */
export interface SessionView {
  reveal(index: number): void
}

/**
 * What the parts of one player share: the media element's `MediaStore`, the `SyncController` over it,
 * follow mode, the transcript's load state and the search. `<castline-player>` makes one for its own
 * `<audio>`; parts bound with `for="id"` share the one of that element (`sessionFor`). Events go to the
 * session's hosts: the player, or each part bound by `for`.
 */
export class CastlineSession {
  readonly store = new MediaStore({ media: null })
  readonly controller = new SyncController({ transcript: null, source: null })
  readonly follow = new FollowMode({ defaultFollowing: true })
  /** The chapters (`@castline/dom`): the current one as time moves, previous/next as seeks. */
  readonly chapterState = new ChapterState({ controller: this.controller, chapters: [] })
  /** The reader settings (text size kept between visits, timestamps, follow along), for the transcript and the menu. */
  readonly readerSettings = new ReaderSettings({ follow: this.follow })
  /** Where the chapters stand: `idle` without any; an error keeps its message for the controls. */
  chapters: Load<readonly Chapter[]> = { status: 'idle' }
  private loadingChapters: AbortController | null = null
  /** Where the transcript stands. */
  transcript: Load<Transcript> = { status: 'idle' }
  /** The episode's people (a feed's `podcast:person`s, or set by the page), for whoever renders speakers. */
  persons: readonly Person[] = []
  /** The episode's soundbites (a feed's `podcast:soundbite`s): the highlights list. */
  soundbites: readonly Soundbite[] = []
  /** Each speaker label of the transcript resolved (`resolveSpeakers`): name, role, avatar, colour. */
  speakers: ReadonlyMap<string, SpeakerInfo> = new Map()
  /** The persons and speakers map the labels are resolved with. */
  private people: SpeakerOptions = {}
  search: SearchState = NO_SEARCH
  /** The UI's locale (`resolveLocale`): the words, direction and number formats every part shows. */
  locale: ResolvedLocale = defaultLocale()
  /** The elements that receive the events. */
  readonly hosts = new Set<HTMLElement>()
  view: SessionView | null = null
  searchInput: HTMLInputElement | null = null
  private source: MediaStoreSource | null = null
  private readonly topics = new Map<Topic, Set<() => void>>()
  private users = 0
  private unmount: (() => void) | null = null
  private loading: AbortController | null = null
  private reason: FollowEvent['type'] | undefined

  constructor() {
    const dispatch = this.follow.dispatch
    this.follow.dispatch = (event: FollowEvent) => {
      this.reason = event.type
      dispatch(event)
      this.reason = 'resume'
    }
  }

  /** The media element, or null. */
  get media(): HTMLMediaElement | null {
    return this.store.media as HTMLMediaElement | null
  }

  /**
   * Uses an ad-break time map (or none): the store then speaks transcript time (see `MediaStore`'s
   * `timeMap`), and the transcript shows each break's row.
   */
  setAdBreaks(map: AdTimeMap | null): void {
    if (map === this.store.timeMap) return
    this.store.setOptions({ media: this.media, timeMap: map })
    this.notify('media')
  }

  /** Uses `media` (or none): the store moves to it, and the controller reads its time. */
  setMedia(media: HTMLMediaElement | null): void {
    if (media === this.media) return
    this.store.setOptions({ media, timeMap: this.store.timeMap })
    this.source?.destroy()
    this.source = media === null ? null : createMediaStoreSource(this.store)
    this.controller.setOptions({ transcript: this.ready(), source: this.source })
    this.notify('media')
  }

  /** The media element's failure in words, '' while it is fine. */
  mediaErrorText(): string {
    const error = this.store.getSnapshot().error
    return error === null ? '' : mediaErrorMessage(error, this.locale.labels)
  }

  /** Shows the parts in `locale` (a player's `lang` and `labels`); the parts write their text again. */
  setLocale(locale: ResolvedLocale): void {
    if (locale === this.locale) return
    this.locale = locale
    this.notify('locale')
  }

  /** The transcript once it is ready, else null. */
  ready(): Transcript | null {
    return this.transcript.status === 'ready' ? this.transcript.value : null
  }

  /** Shows a parsed transcript. */
  setTranscript(transcript: Transcript): void {
    this.loading?.abort()
    this.loading = null
    this.settle({ status: 'ready', value: transcript })
  }

  /** Fetches and shows the transcript at `url`; a failure shows its message and fires `castline-error`. */
  loadTranscript(url: string, duration?: number): void {
    this.loading?.abort()
    const loading = new AbortController()
    this.loading = loading
    this.settle({ status: 'loading' })
    fetchTranscript(url, duration, loading.signal).then(
      (transcript) => {
        if (!loading.signal.aborted) this.setTranscript(transcript)
      },
      (error: unknown) => {
        if (loading.signal.aborted) return
        this.loading = null
        this.fail('transcript', describeError(error, 'transcript'), error)
      },
    )
  }

  /** Sets the episode's people and soundbites (topic `episode`). */
  setEpisodeDetails(details: { persons?: readonly Person[]; soundbites?: readonly Soundbite[] }): void {
    if (details.persons !== undefined) this.setPeople({ ...this.people, persons: details.persons })
    if (details.soundbites !== undefined) this.soundbites = details.soundbites
    this.notify('episode')
  }

  /** Shows the transcript as loading (a feed being read), cancelling a transcript fetch. */
  startLoading(): void {
    this.loading?.abort()
    this.loading = null
    this.settle({ status: 'loading' })
  }

  /**
   * Shows `message` where the transcript (or the chapters) would be and fires `castline-error`; a feed
   * that failed shows its message where the transcript would be, unless the page gave a transcript of its own.
   */
  fail(kind: ErrorDetail['kind'], message: string, error: unknown): void {
    if (kind === 'transcript' || (kind === 'feed' && this.transcript.status !== 'ready'))
      this.settle({ status: 'error', message, error })
    if (kind === 'chapters') this.settleChapters({ status: 'error', message, error })
    this.emit('castline-error', { kind, message, error })
  }

  /** Resolves the transcript's speakers with these `persons` and `speakers` map (the player's properties). */
  setPeople(people: SpeakerOptions): void {
    this.people = people
    this.persons = people.persons ?? []
    this.resolveSpeakers()
  }

  private resolveSpeakers(): void {
    this.speakers = resolveSpeakers(this.ready()?.speakers ?? [], this.people)
    this.notify('speakers')
  }

  /** Shows parsed chapters (a `ChapterList` or its `chapters`); null for none. */
  setChapters(chapters: ChapterList | readonly Chapter[] | null): void {
    this.loadingChapters?.abort()
    this.loadingChapters = null
    if (chapters === null) this.settleChapters({ status: 'idle' })
    else {
      const list = Array.isArray(chapters) ? chapters : (chapters as ChapterList).chapters
      this.settleChapters({ status: 'ready', value: list })
    }
  }

  /** Fetches the chapters file at `url` (JSON or WebVTT); a failure is a message and a `castline-error` of kind 'chapters'. */
  loadChapters(url: string, duration?: number): void {
    this.loadingChapters?.abort()
    const loading = new AbortController()
    this.loadingChapters = loading
    this.settleChapters({ status: 'loading' })
    const get = (u: string) => fetch(u, { signal: loading.signal })
    loadChapters(url, { fetch: get, duration }).then(
      (list) => {
        if (!loading.signal.aborted) this.setChapters(list)
      },
      (error: unknown) => {
        if (loading.signal.aborted) return
        this.loadingChapters = null
        this.fail('chapters', error instanceof Error ? error.message : String(error), error)
      },
    )
  }

  private settleChapters(load: Load<readonly Chapter[]>): void {
    this.chapters = load
    this.chapterState.setOptions({
      controller: this.controller,
      chapters: load.status === 'ready' ? load.value : [],
    })
    this.notify('chapters')
  }

  private settle(load: Load<Transcript>): void {
    this.transcript = load
    this.search = NO_SEARCH
    this.speakers = resolveSpeakers(this.ready()?.speakers ?? [], this.people)
    this.controller.setOptions({ transcript: this.ready(), source: this.source })
    this.notify('transcript')
    this.notify('search')
    if (load.status === 'ready') this.emit('castline-ready', { transcript: load.value })
  }

  /** Seeks to `seconds` and re-attaches follow mode. */
  seekTo = (seconds: number): void => {
    this.follow.dispatch({ type: 'seek' })
    this.controller.seekTo(seconds)
  }

  /** Plays when paused, pauses when playing. */
  togglePlay = (): void => {
    if (this.store.getSnapshot().paused) this.controller.play().catch(() => {})
    else this.controller.pause()
  }

  /** Focuses the search box; false when the session has none. */
  focusSearch = (): boolean => {
    const input = this.searchInput
    if (input === null || !input.isConnected) return false
    input.focus()
    input.select()
    return true
  }

  /** Searches for `query`; the current match is the first at or after the spoken line, and is revealed. */
  setQuery(query: string): void {
    if (query === this.search.query) return
    const transcript = this.ready()
    const matches = transcript === null || query.trim() === '' ? [] : searchTranscript(transcript, query)
    const byCue = new Map<number, SearchMatch[]>()
    for (const m of matches) {
      const list = byCue.get(m.cue)
      if (list === undefined) byCue.set(m.cue, [m])
      else list.push(m)
    }
    const spoken = Math.max(0, this.controller.getSnapshot().cueIndex)
    let current = matches.findIndex((m) => m.cue >= spoken)
    if (current < 0 && matches.length > 0) current = 0
    this.search = Object.freeze({ query, matches, byCue, current })
    this.notify('search')
    this.revealCurrent()
  }

  /** Moves to the next (1) or previous (-1) match, wrapping, and reveals it. */
  step(delta: number): void {
    const { matches, current } = this.search
    if (matches.length === 0) return
    const next = (((current + delta) % matches.length) + matches.length) % matches.length
    this.search = Object.freeze({ ...this.search, current: next })
    this.notify('search')
    this.revealCurrent()
  }

  private revealCurrent(): void {
    const match = this.search.matches[this.search.current]
    if (match !== undefined) this.view?.reveal(match.cue)
  }

  /** Seeks to the previous (-1) or next (1) chapter; false when there is none (the `[` and `]` keys). */
  chapter = (direction: -1 | 1): boolean =>
    direction < 0 ? this.chapterState.previous() : this.chapterState.next()

  /** Listens for changes of the transcript, the search, the media element, the chapters or the speakers. Returns the unsubscribe. */
  on(topic: Topic, listener: () => void): () => void {
    let set = this.topics.get(topic)
    if (set === undefined) {
      set = new Set()
      this.topics.set(topic, set)
    }
    const listeners = set
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
    }
  }

  private notify(topic: Topic): void {
    for (const listener of [...(this.topics.get(topic) ?? [])]) listener()
  }

  /** Dispatches a Castline event on every host. */
  emit<K extends keyof CastlineEventMap>(type: K, detail: CastlineEventMap[K]['detail']): void {
    for (const host of [...this.hosts]) {
      host.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }))
    }
  }

  /**
   * A part starts using the session: the first one mounts the controller and starts the events. Returns
   * the release; when the last part lets go, everything stops listening.
   */
  use(): () => void {
    if (this.users++ === 0) this.unmount = this.start()
    let released = false
    return () => {
      if (released) return
      released = true
      if (--this.users === 0) {
        this.unmount?.()
        this.unmount = null
      }
    }
  }

  private start(): () => void {
    let cue = this.controller.getSnapshot().cueIndex
    const offCue = this.controller.subscribe((s) => {
      if (s.cueIndex === cue) return
      cue = s.cueIndex
      const transcript = this.ready()
      this.emit('castline-cuechange', { index: cue, cue: transcript?.cues[cue] ?? null })
    })
    const offSeek = this.store.subscribeEvents((event) => {
      if (event.type !== 'seeking') return
      // Any seek re-attaches follow mode, whoever asked (a line, the waveform, the browser's controls).
      this.follow.dispatch({ type: 'seek' })
      this.emit('castline-seek', { time: this.store.getTime() })
    })
    const offFollow = this.follow.subscribe((following) => {
      const detail: FollowChangeDetail = { following }
      if (this.reason !== undefined) detail.reason = this.reason
      this.emit('castline-followchange', detail)
    })
    const offError = this.store.select(
      (s) => s.error,
      (error) => {
        if (error !== null) this.fail('media', mediaErrorMessage(error, this.locale.labels), error)
      },
    )
    const offMedia = this.store.select(
      (s) => s.error,
      () => this.notify('media'),
    )
    // The current chapter moved: the parts that show it redraw.
    const offChapter = this.chapterState.subscribe(() => this.notify('chapters'))
    const unmountController = this.controller.mount()
    return () => {
      offChapter()
      offCue()
      offSeek()
      offFollow()
      offError()
      offMedia()
      unmountController()
      this.follow.destroy()
    }
  }
}

const sessions = new WeakMap<HTMLMediaElement, CastlineSession>()

/** The session of a page's media element, shared by every part bound to it with `for`. */
export function sessionFor(media: HTMLMediaElement): CastlineSession {
  let session = sessions.get(media)
  if (session === undefined) {
    session = new CastlineSession()
    session.setMedia(media)
    // Parts bound by `for` speak the language of the media element's nearest `lang` (the HTML way).
    session.setLocale(resolveLocale(langOf(media), null, LOCALES))
    sessions.set(media, session)
  }
  return session
}
