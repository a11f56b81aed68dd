import type { Cue, ParseWarning } from '../model.js'

/**
 * What a format reader hands to `normalize`. A cue whose `end` is `NaN` has no end in the source: it
 * ends where the next cue starts (or at the duration / an estimate for the last one).
 */
export interface ReadResult {
  cues: Cue[]
  warnings: ParseWarning[]
  /** Duration found in the source itself, if any. */
  duration?: number
}

/** Per-format cleanup choices for `normalize`. */
export interface NormalizeOptions {
  /** Media duration in seconds, if known. */
  duration?: number
  /** Merge consecutive cues with the same text (rolling duplicates in real files). */
  mergeRepeats?: boolean
}
