/** The transcript formats Castline reads and writes. */
export type TranscriptFormat = 'text' | 'vtt' | 'srt' | 'json' | 'html'

/** All formats, in the order `detectFormat` prefers them. */
export const TRANSCRIPT_FORMATS: readonly TranscriptFormat[] = ['vtt', 'srt', 'json', 'html', 'text']

/** One timed word inside a cue. Times are seconds from the start of the media. */
export interface Word {
  start: number
  end: number
  text: string
}

/** One line of the transcript: what is said from `start` to `end` (seconds), as plain text. */
export interface Cue {
  start: number
  end: number
  /** Plain text: markup removed, entities decoded, whitespace collapsed. */
  text: string
  speaker?: string
  /** Word timings, when the source has them (inline VTT timestamps, word-level JSON). */
  words?: Word[]
  /** The cue identifier of a VTT/SRT source, when it had one. */
  id?: string
}

/** A recoverable oddity met while reading: the input kept parsing, this part was skipped or repaired. */
export interface ParseWarning {
  /** 1-based line in the source where the oddity starts (0 when it has no line, e.g. after cleanup). */
  line: number
  /** A short machine-readable kind. */
  code: WarningCode
  /** What was wrong and what the reader did about it. */
  message: string
}

/** Machine-readable kinds of `ParseWarning`. */
export type WarningCode =
  | 'malformed-cue'
  | 'bad-timestamp'
  | 'negative-duration'
  | 'unordered'
  | 'duplicate-merged'
  | 'untimed-line'
  | 'empty-cue'
  | 'missing-end'
  | 'invalid-value'
  | 'unknown-block'
  /** The bytes' encoding was guessed, a charset was ignored, or bytes could not be decoded (`decodeTranscript`). */
  | 'encoding'

/** A parsed transcript: cues sorted by start, plain text, with what the reader had to repair. */
export interface Transcript {
  format: TranscriptFormat
  cues: Cue[]
  warnings: ParseWarning[]
  /** Media duration in seconds when known (given to the parser or read from the source). */
  duration?: number
  /** Distinct speakers in order of first appearance. */
  speakers: string[]
  /** True when at least one cue has word timings. */
  wordLevel: boolean
}

/** Options for `parseTranscript`. */
export interface ParseOptions {
  /** The format; detected from the source when omitted. */
  format?: TranscriptFormat
  /** Media duration in seconds: the last cue of a format without end times ends here. */
  duration?: number
  /** A file name or MIME type that helps detection. */
  fileName?: string
  mimeType?: string
}
