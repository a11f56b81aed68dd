/**
 * Dynamic ad insertion puts breaks into the audio that the transcript does not have. A time map
 * converts between the two clocks: audio time (the media element's `currentTime`) and transcript time
 * (the cues', chapters' and links' times). The index, search, chapters and links stay in transcript
 * time; only the media boundary converts.
 */
import type { ParseWarning } from './model.js'

/** An inserted break: it starts at `at` seconds of audio time and lasts `duration` seconds. */
export interface AdBreak {
  at: number
  duration: number
}

/** Where an audio time falls in the transcript. */
export interface TranscriptTime {
  /** Transcript time; inside a break, the transcript time where the break was inserted. */
  time: number
  /** True when the audio time is inside a break (the transcript has nothing for it). */
  inBreak: boolean
}

/** Converts between audio time and transcript time around inserted breaks. */
export interface AdTimeMap {
  /** The breaks sorted by `at`, overlapping ones merged. */
  readonly breaks: readonly AdBreak[]
  /** What was repaired: unsorted breaks sorted, overlapping ones merged. */
  readonly warnings: readonly ParseWarning[]
  /** The transcript time of an audio time (inside a break: the break's start, flagged). */
  toTranscript(audioTime: number): TranscriptTime
  /** The audio time of a transcript time; a time where a break was inserted maps to after the break. */
  toAudio(transcriptTime: number): number
}

/** Thrown by `createAdTimeMap` for a break with a negative or non-finite start or duration. */
export class AdBreakError extends RangeError {
  override name = 'AdBreakError'
  /** The break's index in the list given. */
  readonly index: number

  constructor(index: number, message: string) {
    super(`ad break ${index}: ${message}`)
    this.index = index
  }
}

/**
 * A time map for breaks given in audio time. Throws `AdBreakError` for a negative or non-finite `at` or
 * `duration`; unsorted breaks are sorted and overlapping ones merged, each with a warning;
 * breaks of zero duration change nothing and are left out.
 */
export function createAdTimeMap(breaks: ReadonlyArray<AdBreak>): AdTimeMap {
  const warnings: ParseWarning[] = []
  const list: AdBreak[] = []
  breaks.forEach((b, k) => {
    if (!(Number.isFinite(b.at) && b.at >= 0))
      throw new AdBreakError(k, `start ${b.at} is not a time (seconds >= 0)`)
    if (!(Number.isFinite(b.duration) && b.duration >= 0)) {
      throw new AdBreakError(k, `duration ${b.duration} is negative or not a number`)
    }
    if (b.duration > 0) list.push({ at: b.at, duration: b.duration })
  })
  if (list.some((b, k) => k > 0 && b.at < list[k - 1]!.at)) {
    warnings.push({
      line: 0,
      code: 'unordered',
      message: 'ad breaks were not in time order; they were sorted',
    })
    list.sort((a, b) => a.at - b.at)
  }
  const merged: AdBreak[] = []
  for (const b of list) {
    const last = merged[merged.length - 1]
    if (last !== undefined && b.at < last.at + last.duration) {
      warnings.push({
        line: 0,
        code: 'duplicate-merged',
        message: `the ad break at ${b.at} s overlaps the one at ${last.at} s; they were merged`,
      })
      last.duration = Math.max(last.duration, b.at + b.duration - last.at)
    } else merged.push({ ...b })
  }
  // Per break: where it starts in audio time, and where it sits in transcript time.
  const audioStarts = new Float64Array(merged.length)
  const transcriptStarts = new Float64Array(merged.length)
  /** before[k]: the seconds of breaks before break k. */
  const before = new Float64Array(merged.length + 1)
  merged.forEach((b, k) => {
    audioStarts[k] = b.at
    transcriptStarts[k] = b.at - before[k]!
    before[k + 1] = before[k]! + b.duration
  })
  return {
    breaks: merged.map((b) => Object.freeze(b)),
    warnings,
    toTranscript(audioTime) {
      // The last break starting at or before audioTime.
      const k = lastAtOrBefore(audioStarts, audioTime)
      if (k < 0) return { time: audioTime, inBreak: false }
      const b = merged[k]!
      if (audioTime < b.at + b.duration) return { time: transcriptStarts[k]!, inBreak: true }
      return { time: audioTime - before[k + 1]!, inBreak: false }
    },
    toAudio(transcriptTime) {
      const k = lastAtOrBefore(transcriptStarts, transcriptTime)
      return transcriptTime + before[k + 1]!
    },
  }
}

/** Index of the last value <= t in a sorted array, or -1. */
function lastAtOrBefore(sorted: Float64Array, t: number): number {
  let lo = 0
  let hi = sorted.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (sorted[mid]! <= t) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
