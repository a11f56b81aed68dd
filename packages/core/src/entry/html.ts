/**
 * `@castline/core/html`: Podcasting 2.0 HTML only, for a site that loads no other format. Reads exactly as
 * `parseTranscript(source, { format: 'html' })` does (same cleanup and warnings), writes as
 * `formatTranscript(transcript, 'html')` does.
 */
import { readPodcastHtml, writePodcastHtml } from '../formats/podcast-html.js'
import type { Transcript } from '../model.js'
import { checkSource, type FormatParseOptions, readWith } from '../read.js'

export type { FormatParseOptions } from '../read.js'

/**
 * Reads Podcasting 2.0 HTML into plain-text cues sorted by start. Throws `TranscriptParseError` when the source is not
 * Podcasting 2.0 HTML at all; a broken cue inside a good file is skipped and reported in `warnings`.
 */
export function parsePodcastHtml(source: string, options: FormatParseOptions = {}): Transcript {
  checkSource(source, 'html')
  return readWith(readPodcastHtml, 'html', source, options.duration)
}

/** Writes a transcript as Podcasting 2.0 HTML; `parsePodcastHtml` of the output gives the same cues (to the millisecond). */
export function formatPodcastHtml(transcript: Transcript): string {
  return writePodcastHtml(transcript)
}
