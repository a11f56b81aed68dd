/**
 * What every transcript reader shares, whichever entry point it is reached through (`parseTranscript`
 * in `@castline/core/formats`, or `parseVtt` and the other single-format entries): the check that the
 * source is a string, and the cleanup (`normalize`) with its warnings. One place, so that `parseVtt(s)`
 * and `parseTranscript(s, { format: 'vtt' })` give the same transcript.
 */
import { TranscriptParseError } from './errors.js'
import type { ReadResult } from './formats/types.js'
import type { Transcript, TranscriptFormat } from './model.js'
import { normalize } from './normalize.js'

/** Options of the single-format readers (`parseVtt`, `parseSrt`, ...): the format is known already. */
export interface FormatParseOptions {
  /** Media duration in seconds: the last cue of a format without end times ends here. */
  duration?: number
}

/** Throws `TranscriptParseError` unless `source` is a string (a JavaScript caller may pass anything). */
export function checkSource(source: unknown, format: TranscriptFormat | null): asserts source is string {
  if (typeof source !== 'string') {
    throw new TranscriptParseError(format, 1, 'the transcript as a string', typeof source)
  }
}

/** Reads `source` with one format's reader and cleans the result up into a `Transcript`. */
export function readWith(
  read: (source: string) => ReadResult,
  format: TranscriptFormat,
  source: string,
  duration: number | undefined,
): Transcript {
  const result = read(source)
  const known = duration ?? result.duration
  return normalize(result, format, known === undefined ? {} : { duration: known })
}
