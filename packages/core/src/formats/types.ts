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
