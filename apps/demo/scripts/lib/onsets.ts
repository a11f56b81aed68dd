/**
 * Where speech starts near a cue, in decoded audio: the measure of how far a spoken line drifts from its
 * timestamp. Loudness at a point is the RMS of the `window` samples before it; the onset is the sample
 * that first tips a quiet window over the threshold.
 */

/** How onsets are found. */
export interface OnsetOptions {
  sampleRate: number
  /** RMS window in samples (5 ms is short enough to time a word, long enough to ignore a stray sample). */
  window: number
  /** RMS above this (linear, int16 scale) is speech. */
  threshold: number
}

/** Running sums of squares, so that the RMS of any window costs O(1). */
export function energyPrefix(samples: Int16Array): Float64Array {
  const prefix = new Float64Array(samples.length + 1)
  for (let i = 0; i < samples.length; i++) {
    const v = samples[i] as number
    prefix[i + 1] = (prefix[i] as number) + v * v
  }
  return prefix
}

function loudAt(prefix: Float64Array, point: number, options: OnsetOptions): boolean {
  const from = Math.max(0, point - options.window)
  if (point <= from) return false
  const energy = (prefix[point] as number) - (prefix[from] as number)
  return energy / (point - from) > options.threshold * options.threshold
}

/**
 * Seconds from `start` to the onset of the sound that belongs to the cue: positive when the line starts
 * after its timestamp; negative when sound already runs at `start` (an early line, or the previous line
 * overrunning into this one), measured back to where that sound began; `null` when nothing is heard
 * before `end`.
 */
export function onsetAfter(
  prefix: Float64Array,
  start: number,
  end: number,
  options: OnsetOptions,
): number | null {
  const last = prefix.length - 1
  const s = Math.min(last, Math.round(start * options.sampleRate))
  const e = Math.min(last, Math.round(end * options.sampleRate))
  if (loudAt(prefix, s, options)) {
    // Sound before the timestamp: walk back to where it began.
    let p = s
    while (p > 0 && loudAt(prefix, p - 1, options)) p--
    return (p - 1 - s) / options.sampleRate
  }
  // The first loud point whose predecessor is quiet: the sample that tipped the window is p - 1.
  for (let p = s + 1; p <= e; p++) {
    if (loudAt(prefix, p, options)) return (p - 1 - s) / options.sampleRate
  }
  return null
}
