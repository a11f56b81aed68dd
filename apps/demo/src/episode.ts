import type { ChaptersInput, TranscriptInput } from '@castline/react'
import type { PeaksInput } from '@castline/react/waveform'

/** Everything the page needs to show one episode in the player. */
export interface Episode {
  /** Where it came from: the sample, a link's query string, or files the user opened. */
  origin: 'sample' | 'link' | 'files'
  title: string
  /** Show name and number, e.g. "Talk Python To Me · Episode 514". */
  show?: string
  /** Show notes; the first sentence is shown, the rest behind "More". */
  description?: string
  /** Audio URL (http(s), same-origin or blob:). */
  src: string
  transcript: TranscriptInput
  /** Parsed peaks, or a `.json`/`.dat` URL the player fetches. */
  peaks?: PeaksInput
  /** Parsed chapters, or a chapters JSON/WebVTT URL the player fetches. */
  chapters?: ChaptersInput
  duration?: number
  /** Things the listener should know (no waveform, a peaks file that failed...), shown above the player. */
  notices: string[]
}

/** The sample episode's folder, beside the page (works from any folder: the demo is built with `base: './'`). */
export const SAMPLE_FOLDER = 'episodes/talk-python-514/'

/** The sample's episode.json, written by the make-episode script beside its audio and peaks. */
interface EpisodeJson {
  title: string
  show?: string
  number?: number
  description?: string
  audio: string
  transcript: string
  peaks?: string
  chapters?: string
  duration?: number
}

function isEpisodeJson(value: unknown): value is EpisodeJson {
  if (typeof value !== 'object' || value === null) return false
  const v = value as Record<string, unknown>
  return typeof v.title === 'string' && typeof v.audio === 'string' && typeof v.transcript === 'string'
}

/** Loads the sample episode's episode.json; the player fetches the transcript and peaks it names. */
export async function loadSampleEpisode(base: string, signal?: AbortSignal): Promise<Episode> {
  const folder = new URL(SAMPLE_FOLDER, base)
  const res = await fetch(new URL('episode.json', folder), signal === undefined ? {} : { signal })
  if (!res.ok) throw new Error(`Could not load the sample episode (episode.json: HTTP ${res.status}).`)
  const json: unknown = await res.json()
  if (!isEpisodeJson(json)) throw new Error('The sample episode.json lacks a title, audio or transcript.')
  const episode: Episode = {
    origin: 'sample',
    title: json.title,
    src: new URL(json.audio, folder).href,
    transcript: { url: new URL(json.transcript, folder).href },
    notices: [],
  }
  if (json.show !== undefined) {
    episode.show = json.number === undefined ? json.show : `${json.show} · Episode ${json.number}`
  }
  if (json.description !== undefined) episode.description = json.description
  if (typeof json.duration === 'number' && json.duration > 0) episode.duration = json.duration
  if (json.peaks !== undefined) episode.peaks = new URL(json.peaks, folder).href
  if (typeof json.chapters === 'string') episode.chapters = new URL(json.chapters, folder).href
  return episode
}
