/**
 * `@castline/core/json`: Podcasting 2.0 JSON only, for a site that loads no other format. Reads exactly as
 * `parseTranscript(source, { format: 'json' })` does (same cleanup and warnings), writes as
 * `formatTranscript(transcript, 'json')` does.
 */
import { readPodcastJson, writePodcastJson } from '../formats/podcast-json.js'
import type { Transcript } from '../model.js'
import { checkSource, type FormatParseOptions, readWith } from '../read.js'

export type { FormatParseOptions } from '../read.js'

/**
 * Reads Podcasting 2.0 JSON into plain-text cues sorted by start. Throws `TranscriptParseError` when the source is not
 * Podcasting 2.0 JSON at all; a broken cue inside a good file is skipped and reported in `warnings`.
 */
export function parsePodcastJson(source: string, options: FormatParseOptions = {}): Transcript {
  checkSource(source, 'json')
  return readWith(readPodcastJson, 'json', source, options.duration)
}

/** Writes a transcript as Podcasting 2.0 JSON; `parsePodcastJson` of the output gives the same cues (to the millisecond). */
export function formatPodcastJson(transcript: Transcript): string {
  return writePodcastJson(transcript)
}
