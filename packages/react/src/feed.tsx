import type { Transcript } from '@castline/core'
import type { Soundbite } from '@castline/core/feed'
import {
  describeTranscriptAttempts,
  type FeedEpisode,
  FeedLoadError,
  type FeedLoadErrorKind,
  loadFeedEpisode,
} from '@castline/dom'
import { type ReactNode, useEffect, useId, useState } from 'react'
import { useCastlineApi, useLocale } from './hooks.js'

/** Where loading a feed's episode stands: an error is a sentence for the listener (`FeedLoadError`'s message). */
export type FeedEpisodeLoad =
  | { status: 'idle' | 'loading'; episode: null; error: null }
  | { status: 'ready'; episode: FeedEpisode; error: null }
  | {
      status: 'error'
      episode: null
      error: string
      /** The `FeedLoadError`'s kind; `no-episode` for no GUID given, null for any other error. */
      kind: FeedLoadErrorKind | 'no-episode' | null
    }

const IDLE: FeedEpisodeLoad = { status: 'idle', episode: null, error: null }
const LOADING: FeedEpisodeLoad = { status: 'loading', episode: null, error: null }

/**
 * Loads episode `episode` (a GUID) of the RSS feed at `feed` with `loadFeedEpisode` (`@castline/dom`), in
 * an effect, again when either changes; `idle` without a feed. `language` prefers transcripts in it.
 */
export function useFeedEpisode(
  feed: string | undefined,
  episode: string | undefined,
  options: { language?: string | undefined } = {},
): FeedEpisodeLoad {
  const language = options.language
  const key = feed === undefined || feed === '' ? null : `${feed} ${episode ?? ''}`
  const [done, setDone] = useState<{ key: string; load: FeedEpisodeLoad } | null>(null)
  useEffect(() => {
    if (key === null || feed === undefined) return
    const controller = new AbortController()
    const settle = (load: FeedEpisodeLoad) => {
      if (!controller.signal.aborted) setDone({ key, load })
    }
    if (episode === undefined || episode.trim() === '') {
      settle({
        status: 'error',
        episode: null,
        error: "No episode was given: name the episode's GUID.",
        kind: 'no-episode',
      })
      return () => controller.abort()
    }
    loadFeedEpisode(feed, episode, { signal: controller.signal, language }).then(
      (loaded) => settle({ status: 'ready', episode: loaded, error: null }),
      (error: unknown) =>
        settle({
          status: 'error',
          episode: null,
          error: error instanceof Error ? error.message : String(error),
          kind: error instanceof FeedLoadError ? error.kind : null,
        }),
    )
    return () => controller.abort()
  }, [key, feed, episode, language])
  if (key === null) return IDLE
  return done !== null && done.key === key ? done.load : LOADING
}

/** A transcript of no lines, for an episode none of whose transcripts could be read (the player says so). */
export function emptyTranscript(duration?: number): Transcript {
  const t: Transcript = { format: 'text', cues: [], warnings: [], speakers: [], wordLevel: false }
  if (duration !== undefined) t.duration = duration
  return t
}

/** Why a loaded episode shows no transcript, or null when it has one. */
export function transcriptProblem(loaded: FeedEpisode): string | null {
  return loaded.transcript === null ? describeTranscriptAttempts(loaded.attempts) : null
}

/** Props of `<Highlights>`. */
export interface HighlightsProps {
  /** The episode's soundbites (a feed's `podcast:soundbite`s); nothing renders without any. */
  soundbites: readonly Soundbite[]
}

/**
 * The episode's soundbites as a list labelled "Highlights" of buttons, each seeking to its start (titles as text).
 * Renders inside a provider.
 */
export function Highlights({ soundbites }: HighlightsProps): ReactNode {
  const { seekTo } = useCastlineApi()
  const labelId = useId()
  const { labels, format } = useLocale()
  if (soundbites.length === 0) return null
  return (
    <div className="castline-highlights">
      <p className="castline-highlights__label" id={labelId}>
        {labels.highlights}
      </p>
      <ul className="castline-highlights__list" aria-labelledby={labelId}>
        {soundbites.map((bite) => {
          const at = format.clock(bite.startTime)
          return (
            <li key={`${bite.startTime} ${bite.title ?? ''}`}>
              <button
                type="button"
                className="castline-highlights__button"
                onClick={() => seekTo(bite.startTime)}
              >
                <span className="castline-highlights__time">{at}</span> {bite.title ?? labels.highlightAt(at)}
              </button>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
