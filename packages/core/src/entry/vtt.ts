/**
 * `@castline/core/vtt`: WebVTT only, for a site that loads no other format. Reads exactly as
 * `parseTranscript(source, { format: 'vtt' })` does (same cleanup and warnings), writes as
 * `formatTranscript(transcript, 'vtt')` does.
 */
import { readVtt, writeVtt } from '../formats/webvtt.js'
import type { Transcript } from '../model.js'
import { checkSource, type FormatParseOptions, readWith } from '../read.js'

export type { FormatParseOptions } from '../read.js'

/**
 * Reads WebVTT into plain-text cues sorted by start. Throws `TranscriptParseError` when the source is not
 * WebVTT at all; a broken cue inside a good file is skipped and reported in `warnings`.
 */
export function parseVtt(source: string, options: FormatParseOptions = {}): Transcript {
  checkSource(source, 'vtt')
  return readWith(readVtt, 'vtt', source, options.duration)
}

/** Writes a transcript as WebVTT; `parseVtt` of the output gives the same cues (to the millisecond). */
export function formatVtt(transcript: Transcript): string {
  return writeVtt(transcript)
}
