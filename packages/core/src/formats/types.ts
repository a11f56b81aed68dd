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
  /** 1-based source line of each cue (parallel to `cues`), so that cleanup warnings can point at it. */
  lines?: ArrayLike<number>
}

/** Per-format cleanup choices for `normalize`. */
export interface NormalizeOptions {
  /** Media duration in seconds, if known. */
  duration?: number
  /**
   * Merge consecutive cues with the same text and speaker (rolling duplicates in real files): `true`
   * merges every repeat, `false` none. By default text merges every repeat, other formats only repeats
   * that touch or overlap in time (rolling captions), since a format with end times can say a line twice
   * on purpose.
   */
  mergeRepeats?: boolean
}
