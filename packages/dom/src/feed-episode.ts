import type { Transcript } from '@castline/core'
import type { ChapterList } from '@castline/core/chapters'
// Types only: the feed reader and every transcript reader are imported when a feed is loaded, so a
// player that is never given a feed does not bundle them.
import type {
  Enclosure,
  FeedItem,
  FeedTranscript,
  FeedWarning,
  Person,
  Soundbite,
  TranscriptAttempt,
} from '@castline/core/feed'
import { loadChapters } from './chapter-state.js'

/** Why a feed episode could not be loaded; `message` is a sentence for the listener. */
export type FeedLoadErrorKind = 'unreachable' | 'http' | 'not-a-feed' | 'unknown-episode' | 'no-audio'

/** `loadFeedEpisode`'s failure: what went wrong (`kind`), the feed's URL, and a plain message. */
export class FeedLoadError extends Error {
  override name = 'FeedLoadError'
  readonly kind: FeedLoadErrorKind
  /** The feed's URL as requested. */
  readonly url: string
  /** The HTTP status, for `http`. */
  readonly status?: number
  /** How many episodes the feed has, for `unknown-episode`. */
  readonly itemCount?: number

  constructor(
    kind: FeedLoadErrorKind,
    url: string,
    message: string,
    extra: { status?: number; itemCount?: number } = {},
  ) {
    super(message)
    this.kind = kind
    this.url = url
    if (extra.status !== undefined) this.status = extra.status
    if (extra.itemCount !== undefined) this.itemCount = extra.itemCount
  }
}

/** The episode a feed describes, as the player shows it (URLs absolute, resolved against the feed's). */
export interface FeedEpisodeInfo {
  guid: string
  title?: string
  /** The show's title. */
  show?: string
  author?: string
  /** The episode's artwork, else the show's. */
  image?: string
  enclosure: Enclosure
  /** Seconds (`itunes:duration`). */
  duration?: number
  /** The episode's number in its show (`itunes:episode`). */
  number?: number
  /** When it was published, as the feed writes it (`pubDate`, RFC 822). */
  pubDate?: string
  /** As the feed holds it (often HTML): show it as text. */
  description?: string
}

/** Everything `loadFeedEpisode` found for one episode. */
export interface FeedEpisode {
  episode: FeedEpisodeInfo
  /** The first of the episode's transcripts that could be read, or null when none could. */
  transcript: Transcript | null
  /** The feed entry the transcript came from. */
  transcriptSource: FeedTranscript | null
  /** Every transcript tried, in order, with why each one passed over was not used. */
  attempts: TranscriptAttempt[]
  /** The episode's chapters, or null without any (or when they failed: `chaptersError`). */
  chapters: ChapterList | null
  /** Why the chapters named by the feed could not be used. */
  chaptersError?: string
  persons: Person[]
  soundbites: Soundbite[]
  /** What the feed reader skipped or could not use. */
  warnings: FeedWarning[]
}

/** Options of `loadFeedEpisode`. */
export interface FeedEpisodeOptions {
  /** The fetch to use (default the global one); every request goes through it with `signal`. */
  fetch?: ((url: string, init?: { signal?: AbortSignal }) => Promise<Response>) | undefined
  signal?: AbortSignal | undefined
  /** The page's language: a transcript in it is preferred (`pickTranscripts`). */
  language?: string | undefined
  /** What a relative feed URL resolves against (default the document's base URL). */
  base?: string | undefined
}

function messageOf(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\.$/, '')
}

/**
 * Loads episode `guid` of the RSS feed at `url`: the feed is fetched and read, the episode found, its
 * transcripts tried in `pickTranscripts` order (`loadTranscript`: a transcript that fails is recorded in
 * `attempts` and the next tried) and its chapters fetched. Relative URLs in the feed resolve against the
 * feed's URL. Rejects with `FeedLoadError` when the feed cannot be fetched (`unreachable`, `http`), is
 * not an RSS feed (`not-a-feed`), has no episode `guid` (`unknown-episode`, with the feed's item count)
 * or the episode has no audio (`no-audio`); an abort rejects with the signal's reason. A transcript or
 * chapters that fail do not reject: the episode still plays.
 */
export async function loadFeedEpisode(
  url: string,
  guid: string,
  options: FeedEpisodeOptions = {},
): Promise<FeedEpisode> {
  const signal = options.signal
  const fetchImpl = options.fetch ?? ((u: string, init?: { signal?: AbortSignal }) => fetch(u, init))
  const get = (u: string) => fetchImpl(u, signal === undefined ? {} : { signal })
  const base = options.base ?? globalThis.document?.baseURI
  let feedUrl: string
  try {
    feedUrl = new URL(url, base).href
  } catch {
    throw new FeedLoadError('unreachable', url, `The feed address "${url}" is not a valid URL.`)
  }
  const [{ readFeed, findEpisode, loadTranscript }, xml] = await Promise.all([
    import('@castline/core/feed'),
    get(feedUrl).then(
      async (response) => {
        if (!response.ok) {
          throw new FeedLoadError(
            'http',
            url,
            `The feed ${url} could not be loaded: the server answered ${response.status}.`,
            {
              status: response.status,
            },
          )
        }
        return response.text()
      },
      (error: unknown) => {
        if (signal?.aborted) throw signal.reason
        throw new FeedLoadError(
          'unreachable',
          url,
          `The feed ${url} could not be reached: ${messageOf(error)}.`,
        )
      },
    ),
  ])
  signal?.throwIfAborted()
  let feed: ReturnType<typeof readFeed>
  try {
    feed = readFeed(xml)
  } catch (error) {
    throw new FeedLoadError('not-a-feed', url, `${url} is not a podcast feed: ${messageOf(error)}.`)
  }
  const item = findEpisode(feed, guid)
  if (item === undefined) {
    const count = feed.items.length
    throw new FeedLoadError(
      'unknown-episode',
      url,
      `The feed has no episode with the GUID "${guid}" (it lists ${count} episode${count === 1 ? '' : 's'}).`,
      { itemCount: count },
    )
  }
  const resolve = (u: string) => {
    try {
      return new URL(u, feedUrl).href
    } catch {
      return u
    }
  }
  if (item.enclosure === undefined) {
    throw new FeedLoadError(
      'no-audio',
      url,
      `The episode "${item.title ?? guid}" in the feed has no audio (no enclosure).`,
    )
  }
  const episode: FeedEpisodeInfo = {
    guid,
    enclosure: { ...item.enclosure, url: resolve(item.enclosure.url) },
  }
  if (item.title !== undefined) episode.title = item.title
  if (feed.title !== undefined) episode.show = feed.title
  if (feed.author !== undefined) episode.author = feed.author
  const image = item.image ?? feed.image
  if (image !== undefined) episode.image = resolve(image)
  if (item.duration !== undefined) episode.duration = item.duration
  if (item.episode !== undefined) episode.number = item.episode
  if (item.pubDate !== undefined) episode.pubDate = item.pubDate
  if (item.description !== undefined) episode.description = item.description
  const resolved: FeedItem = {
    ...item,
    transcripts: item.transcripts.map((t) => ({ ...t, url: resolve(t.url) })),
  }

  const fetchText = async (u: string) => {
    const response = await get(u)
    if (!response.ok) throw new Error(`the server answered ${response.status}`)
    return response.text()
  }
  const chaptersUrl = item.chapters === undefined ? null : resolve(item.chapters.url)
  const [loaded, chapters] = await Promise.all([
    loadTranscript(resolved, fetchText, options.language === undefined ? {} : { language: options.language }),
    chaptersUrl === null
      ? null
      : loadChapters(chaptersUrl, { fetch: get, duration: item.duration }).then(
          (list) => ({ list }),
          (error: unknown) => ({ error: messageOf(error) }),
        ),
  ])
  signal?.throwIfAborted()
  const result: FeedEpisode = {
    episode,
    transcript: loaded.transcript,
    transcriptSource: loaded.source,
    attempts: loaded.attempts,
    chapters: chapters !== null && 'list' in chapters ? chapters.list : null,
    persons: item.persons.map((p) => (p.img === undefined ? p : { ...p, img: resolve(p.img) })),
    soundbites: item.soundbites,
    warnings: feed.warnings,
  }
  if (chapters !== null && 'error' in chapters) result.chaptersError = `${chapters.error}.`
  return result
}

/** A sentence saying why none of an episode's transcripts could be shown, from `attempts`. */
export function describeTranscriptAttempts(attempts: readonly TranscriptAttempt[]): string {
  if (attempts.length === 0) return 'The feed lists no transcript this player can read for this episode.'
  const why = attempts.map((a) => `${a.url} (${a.error ?? 'unused'})`).join('; ')
  return `None of the episode's transcripts could be loaded: ${why}.`
}
