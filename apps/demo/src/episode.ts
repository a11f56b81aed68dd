import type { Person, Soundbite } from '@castline/core/feed'
import {
  type ChaptersInput,
  describeTranscriptAttempts,
  loadFeedEpisode,
  type TranscriptInput,
} from '@castline/react'
import type { PeaksInput } from '@castline/react/waveform'

/** Everything the page needs to show one episode in the player. */
export interface Episode {
  /** Where it came from: the sample, a link's query string, or files the user opened. */
  origin: 'sample' | 'link' | 'files'
  title: string
  /** The show's name, e.g. "Talk Python To Me". */
  show?: string
  /** The episode's number in its show. */
  number?: number
  /** When it was published, as a feed writes it (RFC 822). */
  published?: string
  /** Show notes, shown as text. */
  description?: string
  /** Audio URL (http(s), same-origin or blob:). */
  src: string
  transcript: TranscriptInput
  /** Parsed peaks, or a `.json`/`.dat` URL the player fetches. */
  peaks?: PeaksInput
  /** Parsed chapters, or a chapters JSON/WebVTT URL the player fetches. */
  chapters?: ChaptersInput
  duration?: number
  /** Artwork URL (a feed's episode or show image). */
  image?: string
  /** The episode's people (a feed's `podcast:person`s). */
  persons?: readonly Person[]
  /** Speaker labels of the transcript (`SPEAKER_1`) mapped to the people's names. */
  speakers?: Readonly<Record<string, string>>
  /** The episode's soundbites (a feed's `podcast:soundbite`s): the player's highlights. */
  soundbites?: readonly Soundbite[]
  /** Things the listener should know (no waveform, a peaks file that failed...), shown above the player. */
  notices: string[]
}

/** The sample episode's folder, beside the page (works from any folder: the demo is built with `base: './'`). */
export const SAMPLE_FOLDER = 'episodes/talk-python-514/'
/** The sample feed (made by scripts/make-feed.ts) and its episode's GUID: what the default page loads. */
export const SAMPLE_FEED = `${SAMPLE_FOLDER}feed.xml`
export const SAMPLE_GUID = 'talkpython-514-python-language-summit-2025'
/**
 * Who the sample's JSON transcript's labels are (its SOURCE.md says how they were assigned): the map a
 * page gives the player when its transcripts label speakers by number.
 */
export const SAMPLE_SPEAKERS: Readonly<Record<string, string>> = {
  SPEAKER_1: 'Michael Kennedy',
  SPEAKER_2: 'Seth Michael Larson',
}

/**
 * Loads episode `guid` of the feed at `feedUrl` (`loadFeedEpisode`): audio, title, show, artwork,
 * transcript, chapters, people and soundbites. Rejects with the loader's plain message (unreachable feed,
 * not a feed, unknown GUID). None of its transcripts readable is a notice, and the player shows no lines.
 */
export async function loadFeedAsEpisode(
  feedUrl: string,
  guid: string,
  origin: Episode['origin'],
  signal?: AbortSignal,
): Promise<Episode> {
  const loaded = await loadFeedEpisode(feedUrl, guid, {
    signal,
    language: document.documentElement.lang || undefined,
  })
  const info = loaded.episode
  const episode: Episode = {
    origin,
    title: info.title ?? guid,
    src: info.enclosure.url,
    transcript: loaded.transcript ?? {
      format: 'text',
      cues: [],
      warnings: [],
      speakers: [],
      wordLevel: false,
    },
    persons: loaded.persons,
    soundbites: loaded.soundbites,
    notices: [],
  }
  if (info.show !== undefined) episode.show = info.show
  if (info.description !== undefined) episode.description = info.description
  if (info.number !== undefined) episode.number = info.number
  if (info.pubDate !== undefined) episode.published = info.pubDate
  if (info.image !== undefined) episode.image = info.image
  if (info.duration !== undefined && info.duration > 0) episode.duration = info.duration
  if (loaded.chapters !== null) episode.chapters = loaded.chapters
  if (loaded.transcript === null) episode.notices.push(describeTranscriptAttempts(loaded.attempts))
  if (loaded.chaptersError !== undefined) episode.notices.push(loaded.chaptersError)
  return episode
}

/** The sample episode from its feed, with the peaks the make-episode script wrote beside it. */
export async function loadSampleFeed(base: string, signal?: AbortSignal): Promise<Episode> {
  const episode = await loadFeedAsEpisode(new URL(SAMPLE_FEED, base).href, SAMPLE_GUID, 'sample', signal)
  episode.peaks = new URL(`${SAMPLE_FOLDER}peaks.json`, base).href
  episode.speakers = SAMPLE_SPEAKERS
  return episode
}
