/**
 * `@castline/core/text`: timestamped plain text only, for a site that loads no other format. Reads exactly as
 * `parseTranscript(source, { format: 'text' })` does (same cleanup and warnings), writes as
 * `formatTranscript(transcript, 'text')` does.
 */
import { readText, writeText } from '../formats/text.js'
import type { Transcript } from '../model.js'
import { checkSource, type FormatParseOptions, readWith } from '../read.js'

export type { FormatParseOptions } from '../read.js'

/**
 * Reads timestamped plain text into plain-text cues sorted by start. Throws `TranscriptParseError` when the source is not
 * timestamped plain text at all; a broken cue inside a good file is skipped and reported in `warnings`.
 */
export function parseText(source: string, options: FormatParseOptions = {}): Transcript {
  checkSource(source, 'text')
  return readWith(readText, 'text', source, options.duration)
}

/** Writes a transcript as timestamped plain text; `parseText` of the output gives the same cues (to the millisecond). */
export function formatText(transcript: Transcript): string {
  return writeText(transcript)
}
