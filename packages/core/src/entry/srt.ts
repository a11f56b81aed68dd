/**
 * `@castline/core/srt`: SRT only, for a site that loads no other format. Reads exactly as
 * `parseTranscript(source, { format: 'srt' })` does (same cleanup and warnings), writes as
 * `formatTranscript(transcript, 'srt')` does.
 */
import { readSrt, writeSrt } from '../formats/srt.js'
import type { Transcript } from '../model.js'
import { checkSource, type FormatParseOptions, readWith } from '../read.js'

export type { FormatParseOptions } from '../read.js'

/**
 * Reads SRT into plain-text cues sorted by start. Throws `TranscriptParseError` when the source is not
 * SRT at all; a broken cue inside a good file is skipped and reported in `warnings`.
 */
export function parseSrt(source: string, options: FormatParseOptions = {}): Transcript {
  checkSource(source, 'srt')
  return readWith(readSrt, 'srt', source, options.duration)
}

/** Writes a transcript as SRT; `parseSrt` of the output gives the same cues (to the millisecond). */
export function formatSrt(transcript: Transcript): string {
  return writeSrt(transcript)
}
