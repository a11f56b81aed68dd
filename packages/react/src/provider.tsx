import { type SearchMatch, SyncController, type TimeSource, type Transcript } from '@castline/core'
import type { Person } from '@castline/core/feed'
import {
  type AdBreak,
  type AdTimeMap,
  ChapterState,
  createAdTimeMap,
  createMediaStoreSource,
  type EpisodeMetadata,
  type FollowEvent,
  FollowMode,
  type LabelOverrides,
  type Locale,
  type MediaErrorLike,
  MediaSessionBinding,
  MediaStore,
  mediaErrorMessage,
  openQuoteLink,
  type ReadableStore,
  ReaderSettings,
  type ResolvedLocale,
  resolveLocale,
  resolveSpeakers,
  type SpeakerInfo,
  ValueStore,
} from '@castline/dom'
import {
  createContext,
  type ReactNode,
  type RefObject,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { type ChaptersInput, type ChaptersLoad, useChaptersLoad } from './chapters.js'
import {
  type FormatsSource,
  type TranscriptInput,
  type TranscriptLoad,
  type TranscriptParser,
  useTranscriptLoad,
} from './transcript-load.js'
import { type SearchState, useSearchState } from './use-search-state.js'

// Layout effects do not run on a server; React 18 warns about them there.
const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/** How the transcript list lets other parts scroll it (registered by `<Transcript>` while mounted). */
export interface TranscriptView {
  /** Scrolls so that cue `index` is visible; a programmatic scroll, so it never detaches follow mode. */
  scrollToCue(index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }): void
}

/** A media element failure, in words a listener understands. */
export interface MediaErrorInfo {
  /** `MediaError.code` (1 aborted, 2 network, 3 decode, 4 source not supported / not found). */
  code: number
  message: string
}

/** Follow mode's, the transcript's, the search's and the media element's state, each a store of its own. */
export interface CastlineStores {
  /** Where loading the transcript stands (`TranscriptLoad`). */
  load: ReadableStore<TranscriptLoad>
  /** The transcript search (`SearchState`): a new value on every keystroke. */
  search: ReadableStore<SearchState>
  /** The media element in use and its error in words. */
  media: ReadableStore<MediaView>
  /** True while the transcript keeps the spoken line in view (the provider's `FollowMode`). */
  follow: ReadableStore<boolean>
  /** Where loading the chapters stands (`ChaptersLoad`; `none` without a `chapters` prop). */
  chapters: ReadableStore<ChaptersLoad>
  /** The episode's people (the `persons` prop; `[]` without it), for the parts that show speakers. */
  persons: ReadableStore<readonly Person[]>
  /** Each speaker label of the transcript resolved (`resolveSpeakers`): name, role, avatar, colour. */
  speakers: ReadableStore<ReadonlyMap<string, SpeakerInfo>>
  /** The UI's locale resolved (`resolveLocale`): labels, direction, number and time formats. */
  locale: ReadableStore<ResolvedLocale>
}

/** The media element in use and its failure, as the `media` store holds them. */
export interface MediaView {
  /** The site's `media`, or the hidden `<audio>` the provider owns; null until mounted and on the server. */
  element: HTMLMediaElement | null
  /** The element's error, null while the audio is fine. */
  error: MediaErrorInfo | null
}

/**
 * What the provider hands to its parts through `CastlineContext`: one object for the provider's life
 * (controllers, requests, stores), so a change of state re-renders only the parts that select it.
 * Requests go through the controller to the media and are not optimistic: state changes when the media
 * reports back (media-chrome's flow).
 */
export interface CastlineApi {
  /** The provider's one `SyncController`: `subscribe`/`getSnapshot` for cue/word/playing, `subscribeFrame` per frame. */
  controller: SyncController
  /**
   * The provider's one `MediaStore` over the media element: its state (`getSnapshot`, `subscribe`, `select`)
   * and requests (`play`, `seek`, `setRate`, `setVolume`, `setMuted`). The only listener on the element.
   */
  mediaStore: MediaStore
  /** Follow mode's store (`@castline/dom`), for `<Transcript>`'s view; `stores.follow` reads it, `dispatchFollow` feeds it. */
  followMode: FollowMode
  /** The chapters (`@castline/dom`): the current one as time moves, previous/next as seeks. */
  chapterState: ChapterState
  /** The reader settings (`@castline/dom`): text size (kept between visits), timestamps, follow along. */
  readerSettings: ReaderSettings
  /** The changing state, read with `useCastlineStore` (or the hooks built on it). */
  stores: CastlineStores
  /** Feeds follow mode's state machine (see `followTransition`); user scrolls, seeks and the jump button go through here. */
  dispatchFollow(event: FollowEvent): void
  /** Seeks to `seconds` and re-attaches follow mode. Keeps playing if playing. */
  seekTo(seconds: number): void
  /** Seeks to the start of cue `index` and re-attaches follow mode. */
  seekToCue(index: number): void
  /** Asks the media to play (rejects when the browser's autoplay policy refuses). */
  play(): Promise<void>
  /** Asks the media to pause. */
  pause(): void
  /** Plays when paused, pauses when playing. */
  togglePlay(): void
  /** Focuses the search field (the player's `/` shortcut); false when no `<TranscriptSearch>` is mounted. */
  focusSearch(): boolean
  /** Scrolls the transcript list to cue `index` without seeking; a no-op while no `<Transcript>` is mounted. */
  scrollToCue(index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }): void
  /** For `<Transcript>`: registers (or with null, removes) the list that `scrollToCue` drives. */
  registerTranscriptView(view: TranscriptView | null): void
  /** For `<TranscriptSearch>`: registers (or with null, removes) the field that `focusSearch` focuses. */
  registerSearchInput(input: HTMLInputElement | null): void
}

/** What `useCastline()` returns: the provider's API and the current value of every store. */
export interface CastlineContextValue extends CastlineApi {
  /** The media element in use (the site's `media`, or the hidden `<audio>` the provider owns); null until mounted and on the server. */
  media: HTMLMediaElement | null
  /** Where loading the transcript stands: `loading`, `ready` (with `transcript`) or `error` (with a readable `error.message`). */
  transcriptLoad: TranscriptLoad
  /** The transcript once it is ready; null while loading or after an error. */
  transcript: Transcript | null
  /** The media element's error, null while the audio is fine (the transcript stays readable either way). */
  mediaError: MediaErrorInfo | null
  /** True while the transcript keeps the spoken line in view. */
  following: boolean
  /** The transcript search shared by `<TranscriptSearch>` and the list's highlights. */
  search: SearchState
}

/** The provider's `CastlineApi` (one object for its life); null outside a provider. */
export const CastlineContext = createContext<CastlineApi | null>(null)
CastlineContext.displayName = 'CastlineContext'

/** Props of `<CastlineProvider>`. */
export interface CastlineProviderProps {
  /** The transcript: its source text in any supported format, an already parsed `Transcript`, or `{ url }` to fetch. */
  transcript: TranscriptInput
  /** A media element the site already renders, as a ref or the element; without it, `src` gives the provider its own. */
  media?: RefObject<HTMLMediaElement | null> | HTMLMediaElement | null | undefined
  /** Audio URL for a hidden `<audio>` that the provider renders and owns, used when `media` is not given. */
  src?: string | undefined
  /** A time source other than a media element (tests, stories, a custom clock); wins over `media` and `src`. */
  source?: TimeSource | undefined
  /**
   * Reads the transcript's text (a string `transcript`, or a fetched file) instead of the all-formats
   * `parseTranscript`: a format entry's reader such as `parseVtt` from `@castline/core/vtt`, or any
   * `(source, options) => Transcript`. Read once per distinct text (a new function does not re-read it).
   */
  parse?: TranscriptParser | undefined
  /**
   * The episode's chapters: parsed (`parseChaptersJson`'s `ChapterList`, or `Chapter[]`) or the URL of a
   * Podcasting 2.0 chapters JSON or WebVTT chapters file. They give the transcript its headings, the
   * waveform its markers and the controls their chapter list; a file that fails to load is a message in
   * the controls, never a crash.
   */
  chapters?: ChaptersInput | undefined
  /**
   * The episode's people (`podcast:person`, as `@castline/core/feed`'s `readFeed` gives them): a
   * transcript speaker whose name matches one (case and accents ignored) shows their avatar and role;
   * also the `persons` store, for parts of your own that show who speaks.
   */
  persons?: readonly Person[] | undefined
  /**
   * Transcript speaker labels that are no names (`SPEAKER_1`) mapped to a person's name in `persons` or
   * to a name to show: `{ SPEAKER_1: 'Michael Kennedy' }`.
   */
  speakers?: Readonly<Record<string, string>> | undefined
  /**
   * Ad breaks inserted into the audio that the transcript does not have, in audio time
   * (`[{ at: 300, duration: 60 }]`). The media store then converts at the element: lines, chapters,
   * links, search and the time shown stay in transcript time, seeks land at the audio time, and each
   * break is an "Ad break" row in the list, highlighted while it plays. Invalid breaks are a console
   * warning and left out (none are used), never a crash.
   */
  adBreaks?: readonly AdBreak[] | undefined
  /** What the platform's media controls show (Media Session): the episode's title, show and artwork. */
  episode?: EpisodeMetadata | undefined
  /**
   * Drive the platform's media controls (`navigator.mediaSession`: lock screen, headset keys) while this
   * player is the one played last (default true; false leaves the session alone).
   */
  mediaSession?: boolean | undefined
  /** Media duration in seconds when known: a format without end times ends its last line there. */
  duration?: number | undefined
  /** Controlled follow mode; leave undefined to let the provider keep it. */
  follow?: boolean | undefined
  /** Initial follow mode while uncontrolled (default true). */
  defaultFollow?: boolean | undefined
  /** Called whenever follow mode should change (the user scrolled away, jumped back, seeked...). */
  onFollowChange?: ((following: boolean) => void) | undefined
  /** Re-attach follow mode this many milliseconds after the user's last scroll; off when omitted. */
  resumeAfterMs?: number | undefined
  /** Start at the page URL's Media Fragment (`#t=754`, `#t=12:34`) when there is one (default true). */
  deepLink?: boolean | undefined
  /**
   * The UI's language: a `Locale` (`import { de } from '@castline/dom/locales/de'`) or a tag; a tag other
   * than English is English and a console warning unless its `Locale` is passed. Default English.
   */
  locale?: Locale | string | undefined
  /** Single labels over the locale's (`{ play: 'Listen' }`); a function label also takes a template, "{seconds} s". */
  labels?: LabelOverrides | undefined
  /** The Castline parts (and anything else) that share this provider. */
  children?: ReactNode
}

const noError = () => null
const NO_PERSONS: readonly Person[] = Object.freeze([])

const NO_EPISODE: EpisodeMetadata = Object.freeze({ title: '' })

/**
 * The time map of the `adBreaks` prop, the same object while the breaks are the same numbers (an inline
 * array is new on every render). Invalid breaks are a console warning, and then no map.
 */
function useAdTimeMap(adBreaks: readonly AdBreak[] | undefined): AdTimeMap | null {
  const key = adBreaks === undefined || adBreaks.length === 0 ? '' : JSON.stringify(adBreaks)
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the breaks' numbers
  return useMemo(() => {
    if (adBreaks === undefined || key === '') return null
    try {
      const map = createAdTimeMap(adBreaks)
      for (const w of map.warnings) console.warn(`Castline adBreaks: ${w.message}`)
      return map
    } catch (error) {
      console.warn(`Castline adBreaks: ${(error as Error).message}; the breaks are ignored`)
      return null
    }
  }, [key])
}

function isRef(media: CastlineProviderProps['media']): media is RefObject<HTMLMediaElement | null> {
  return typeof media === 'object' && media !== null && 'current' in media
}

function describeMediaError(error: MediaErrorLike | null, locale: ResolvedLocale): MediaErrorInfo | null {
  return error === null ? null : { code: error.code, message: mediaErrorMessage(error, locale.labels) }
}

/**
 * The `locale` and `labels` props resolved, the same object while they are the same (labels compared by
 * their entries, as an inline object is new on every render); what could not be used is a console warning.
 */
function useResolvedLocale(locale: Locale | string | undefined, labels: LabelOverrides | undefined) {
  const entries = labels === undefined ? [] : Object.entries(labels).flat()
  // biome-ignore lint/correctness/useExhaustiveDependencies: the entries stand for the labels object
  const resolved = useMemo(() => resolveLocale(locale, labels), [locale, ...entries])
  useEffect(() => {
    for (const warning of resolved.warnings) console.warn(`Castline locale: ${warning}`)
  }, [resolved])
  return resolved
}

/**
 * The provider's body, for `CastlineProvider` (`formats` is the all-formats entry, imported) and the one
 * of `@castline/react/provider` (`formats` loads it on demand). It shares one `SyncController`, one media
 * element, the transcript, follow mode and search with every Castline part inside it. The controller is
 * created once (`useState`), gets its options on every render and is mounted in a layout effect: the
 * TanStack Virtual adapter shape, safe under `StrictMode`.
 */
export function useCastlineProvider(props: CastlineProviderProps, formats: FormatsSource): ReactNode {
  const { media, src, source: customSource, children } = props
  const transcriptLoad = useTranscriptLoad(props.transcript, props.duration, props.parse, formats)
  const transcript = transcriptLoad.transcript

  // The media element: the site's (ref or element) or our own <audio>. A ref is read after commit, since
  // the element it points at may be rendered after us.
  const ownAudio = useRef<HTMLAudioElement | null>(null)
  const ownsMedia = media === undefined || media === null
  const [element, setElement] = useState<HTMLMediaElement | null>(() =>
    !ownsMedia && !isRef(media) ? media : null,
  )
  useIsomorphicLayoutEffect(() => {
    const next = ownsMedia ? ownAudio.current : isRef(media) ? media.current : media
    if (next !== element) setElement(next)
  })
  useEffect(() => {
    // A ref attached later in the same commit (a sibling rendered after us) is only visible now.
    const next = ownsMedia ? ownAudio.current : isRef(media) ? media.current : media
    if (next !== element) setElement(next)
  })

  // The element's one listener; everything else (the controller's time source, the controls, the hooks)
  // hears the media through it.
  const timeMap = useAdTimeMap(props.adBreaks)
  const [mediaStore] = useState(() => new MediaStore({ media: element, timeMap }))
  mediaStore.setOptions({ media: element, timeMap })
  // A new source for a new element, so that the controller re-reads it.
  const elementSource = useMemo(
    () => (element === null ? null : createMediaStoreSource(mediaStore)),
    [element, mediaStore],
  )
  useEffect(() => (elementSource === null ? undefined : () => elementSource.destroy()), [elementSource])
  const source = customSource ?? elementSource

  // The controller gets a new transcript one render late, in a transition: building its time index walks
  // every line (tens of milliseconds at 100,000 lines on a cold page), and it should not share a task with
  // the first render. Until then no line is active, on the server as on the client's first render.
  const [indexed, setIndexed] = useState<Transcript | null>(null)
  useEffect(() => {
    if (transcript !== indexed) startTransition(() => setIndexed(transcript))
  }, [transcript, indexed])
  const timed = transcript === indexed ? transcript : null
  const [controller] = useState(() => new SyncController({ transcript: timed, source }))
  controller.setOptions({ transcript: timed, source })
  useIsomorphicLayoutEffect(() => {
    const unmount = controller.mount()
    return () => {
      unmount()
      controller.destroy()
    }
  }, [controller])

  // Chapters: one ChapterState (@castline/dom) over the controller, shared by every part.
  const chaptersLoad = useChaptersLoad(props.chapters, props.duration)
  const [chapterState] = useState(() => new ChapterState({ controller, chapters: chaptersLoad.chapters }))
  chapterState.setOptions({ controller, chapters: chaptersLoad.chapters })

  // Who speaks: resolved again only when the speakers or the people change in content, so that a new
  // array passed on every render does not re-render the lines.
  const peopleKey = JSON.stringify([props.persons ?? [], props.speakers ?? {}])
  const labels = transcript?.speakers
  // biome-ignore lint/correctness/useExhaustiveDependencies: peopleKey stands for persons and speakers
  const speakers = useMemo(
    () => resolveSpeakers(labels ?? [], { persons: props.persons, speakers: props.speakers }),
    [labels, peopleKey],
  )

  // The platform's media controls (@castline/dom's MediaSessionBinding), while this player has an element.
  const mediaSession = props.mediaSession ?? true
  const episode = props.episode ?? NO_EPISODE
  const [sessionBinding] = useState(
    () => new MediaSessionBinding({ store: mediaStore, chapters: chapterState, metadata: episode }),
  )
  sessionBinding.setOptions({
    store: mediaStore,
    chapters: chapterState,
    metadata: episode,
    seek: (seconds) => controller.seekTo(seconds),
  })
  useEffect(
    () => (mediaSession && element !== null ? sessionBinding.mount() : undefined),
    [mediaSession, element, sessionBinding],
  )

  // Follow mode: one FollowMode (@castline/dom), shared with the transcript's TranscriptView.
  const [followMode] = useState(
    () => new FollowMode({ following: props.follow, defaultFollowing: props.defaultFollow ?? true }),
  )
  followMode.setOptions({
    following: props.follow,
    onFollowChange: props.onFollowChange,
    resumeAfterMs: props.resumeAfterMs,
  })
  // A controlled value passed this render is in force at once: `getSnapshot` reads it.
  const dispatchFollow = followMode.dispatch
  useEffect(() => () => followMode.destroy(), [followMode])
  // The reader settings read the kept text size once; follow along is the follow mode above.
  const [readerSettings] = useState(() => new ReaderSettings({ follow: followMode }))

  // Any seek re-attaches, whoever asked for it (a line, the waveform, the browser's own controls).
  useEffect(() => {
    if (source === null) return
    return source.subscribe((event) => {
      if (event === 'seeking') dispatchFollow({ type: 'seek' })
    })
  }, [source, dispatchFollow])

  const seekTo = useCallback(
    (seconds: number) => {
      dispatchFollow({ type: 'seek' })
      controller.seekTo(seconds)
    },
    [controller, dispatchFollow],
  )
  const seekToCue = useCallback(
    (index: number) => {
      dispatchFollow({ type: 'seek' })
      controller.seekToCue(index)
    },
    [controller, dispatchFollow],
  )
  const play = useCallback(() => controller.play(), [controller])
  const pause = useCallback(() => controller.pause(), [controller])
  const togglePlay = useCallback(() => {
    if (controller.getSnapshot().playing) controller.pause()
    else controller.play().catch(() => {})
  }, [controller])

  // Deep link: start at the page's #t= once there is something to seek. A quote link (`#t=a,b&q=words`)
  // waits for the transcript, to find its words there (an ad inserted since moved them), plays after the
  // listener's first gesture and pauses at the range's end.
  const deepLink = props.deepLink ?? true
  const deepLinked = useRef(false)
  // Opens a link in the page's hash on the controller: seek, play after the first gesture, pause at the end.
  const openLink = useCallback(
    (hash: string, transcriptNow: Transcript | null) =>
      openQuoteLink(hash, {
        transcript: transcriptNow,
        seek: (t) => controller.seekTo(t),
        play: () => controller.play(),
        pause: () => controller.pause(),
        paused: () => !controller.getSnapshot().playing,
        subscribeFrame: (listener) => controller.subscribeFrame(listener),
        gestures: window,
      }),
    [controller],
  )
  useEffect(() => {
    if (!deepLink || deepLinked.current || source === null || typeof window === 'undefined') return
    const hash = window.location.hash
    if (transcript === null && transcriptLoad.status === 'loading' && /[#&]q=|[#&]t=[^&]*,/.test(hash)) return
    deepLinked.current = true
    const opened = openLink(hash, transcript)
    return opened === null ? undefined : () => opened.cancel()
  }, [deepLink, source, openLink, transcript, transcriptLoad.status])

  // A link followed within the page (`#t=`, or a quote link) changes only the hash: it opens as on
  // opening the page, with the transcript there is now.
  const transcriptNow = useRef(transcript)
  transcriptNow.current = transcript
  useEffect(() => {
    if (!deepLink || typeof window === 'undefined') return
    let opened: ReturnType<typeof openQuoteLink> = null
    const onHashChange = () => {
      opened?.cancel()
      opened = openLink(window.location.hash, transcriptNow.current)
    }
    window.addEventListener('hashchange', onHashChange)
    return () => {
      window.removeEventListener('hashchange', onHashChange)
      opened?.cancel()
    }
  }, [deepLink, openLink])

  // The media element's failures, so a player can say what went wrong while the transcript stays usable.
  const error = useSyncExternalStore(mediaStore.subscribe, () => mediaStore.getSnapshot().error, noError)
  const locale = useResolvedLocale(props.locale, props.labels)
  const mediaError = useMemo(() => describeMediaError(error, locale), [error, locale])

  const view = useRef<TranscriptView | null>(null)
  const registerTranscriptView = useCallback((next: TranscriptView | null) => {
    view.current = next
  }, [])
  const scrollToCue = useCallback(
    (index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }) => {
      view.current?.scrollToCue(index, options)
    },
    [],
  )

  const searchInput = useRef<HTMLInputElement | null>(null)
  const registerSearchInput = useCallback((input: HTMLInputElement | null) => {
    searchInput.current = input
  }, [])
  const focusSearch = useCallback(() => {
    const input = searchInput.current
    if (input === null) return false
    input.focus()
    input.select()
    return true
  }, [])

  const reveal = useCallback(
    (match: SearchMatch) => {
      dispatchFollow({ type: 'navigate' })
      scrollToCue(match.cue, { align: 'center' })
    },
    [dispatchFollow, scrollToCue],
  )
  const search = useSearchState(transcript, controller, reveal)

  // The changing state goes to small stores, taken in this render and published after the commit; the
  // context's value is one object for the provider's life, so no part re-renders for state it does not read.
  const [load] = useState(() => new ValueStore(transcriptLoad))
  load.set(transcriptLoad)
  const [searchStore] = useState(() => new ValueStore(search))
  searchStore.set(search)
  const mediaView = useMemo<MediaView>(() => ({ element, error: mediaError }), [element, mediaError])
  const [mediaViewStore] = useState(() => new ValueStore(mediaView))
  mediaViewStore.set(mediaView)
  const [chaptersStore] = useState(() => new ValueStore(chaptersLoad))
  chaptersStore.set(chaptersLoad)
  const persons = props.persons ?? NO_PERSONS
  const [personsStore] = useState(() => new ValueStore(persons))
  personsStore.set(persons)
  const [speakersStore] = useState(() => new ValueStore(speakers))
  speakersStore.set(speakers)
  const [localeStore] = useState(() => new ValueStore(locale))
  localeStore.set(locale)
  useIsomorphicLayoutEffect(() => {
    localeStore.publish()
    personsStore.publish()
    chaptersStore.publish()
    speakersStore.publish()
    load.publish()
    searchStore.publish()
    mediaViewStore.publish()
  })

  const value = useMemo<CastlineApi>(
    () => ({
      controller,
      mediaStore,
      followMode,
      chapterState,
      readerSettings,
      stores: {
        load,
        search: searchStore,
        media: mediaViewStore,
        follow: followMode,
        chapters: chaptersStore,
        persons: personsStore,
        speakers: speakersStore,
        locale: localeStore,
      },
      dispatchFollow,
      seekTo,
      seekToCue,
      play,
      pause,
      togglePlay,
      focusSearch,
      scrollToCue,
      registerTranscriptView,
      registerSearchInput,
    }),
    // Every one of these keeps its identity for the provider's life.
    [
      controller,
      mediaStore,
      followMode,
      chapterState,
      readerSettings,
      chaptersStore,
      personsStore,
      speakersStore,
      localeStore,
      load,
      searchStore,
      mediaViewStore,
      dispatchFollow,
      seekTo,
      seekToCue,
      play,
      pause,
      togglePlay,
      focusSearch,
      scrollToCue,
      registerTranscriptView,
      registerSearchInput,
    ],
  )

  return (
    <CastlineContext.Provider value={value}>
      {ownsMedia && src !== undefined ? (
        // biome-ignore lint/a11y/useMediaCaption: the transcript beside it is the text alternative; the element is never shown
        <audio ref={ownAudio} src={src} preload="metadata" />
      ) : null}
      {children}
    </CastlineContext.Provider>
  )
}
