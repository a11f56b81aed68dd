import { type Cue, inRuns, type SlicedBuild, slicedBuild } from '@castline/core'

// A first guess at a line's height before it is measured: one or more text lines plus padding.
const LINE_PX = 24
const PADDING_PX = 12
const SPEAKER_PX = 21
const CHARS_PER_LINE = 60

/** Whether line `index` starts a speaker's turn, so that it shows the speaker's name. */
export function speakerStartAt(cues: readonly Cue[], index: number): boolean {
  const speaker = cues[index]?.speaker
  if (speaker === undefined || speaker === '') return false
  return index === 0 || cues[index - 1]?.speaker !== speaker
}

/** A line's height in pixels before it is measured, from its text's length and its speaker name. */
export function estimateLine(cues: readonly Cue[], index: number): number {
  const length = cues[index]?.text.length ?? 0
  const lines = Math.max(1, Math.ceil(length / CHARS_PER_LINE))
  return PADDING_PX + lines * LINE_PX + (speakerStartAt(cues, index) ? SPEAKER_PX : 0)
}

/** Every line's estimate at once. */
export function estimateLines(cues: readonly Cue[]): Int32Array {
  const build = buildLineEstimates(cues)
  build.step(Number.POSITIVE_INFINITY)
  return build.result()
}

/**
 * Every line's estimate, in slices of a budget of lines (see `TranscriptView`'s staged mount): one unit
 * of work a line. The result is what `estimateLines` gives.
 */
export function buildLineEstimates(cues: readonly Cue[]): SlicedBuild<Int32Array> {
  return slicedBuild(function* (meter) {
    const sizes = new Int32Array(cues.length)
    yield* inRuns(meter, cues.length, (from, to) => {
      for (let i = from; i < to; i++) sizes[i] = estimateLine(cues, i)
      return true
    })
    return sizes
  })
}
