/** Waveform peaks in the BBC audiowaveform JSON format (version 2), computed from the episode's PCM. */

/** The audiowaveform JSON (version 2) that `@castline/core`'s `parsePeaks` and wavesurfer.js read. */
export interface AudiowaveformJson {
  version: 2
  channels: 1
  sample_rate: number
  samples_per_pixel: number
  bits: 8
  /** Number of pixels (min/max pairs). */
  length: number
  /** min0, max0, min1, max1, ... as signed 8-bit values. */
  data: number[]
}

/** 16-bit sample to the signed 8-bit scale, as audiowaveform does (a shift by 8 bits). */
function to8(sample: number): number {
  return sample >> 8
}

/** One min/max pair per `samplesPerPixel` samples; the last pixel covers what remains. */
export function computePeaks(
  samples: Int16Array,
  sampleRate: number,
  samplesPerPixel: number,
): AudiowaveformJson {
  const length = Math.ceil(samples.length / samplesPerPixel)
  const data = new Array<number>(length * 2)
  for (let p = 0; p < length; p++) {
    const from = p * samplesPerPixel
    const to = Math.min(samples.length, from + samplesPerPixel)
    let min = 0
    let max = 0
    for (let i = from; i < to; i++) {
      const v = samples[i] as number
      if (v < min) min = v
      else if (v > max) max = v
    }
    data[2 * p] = to8(min)
    data[2 * p + 1] = to8(max)
  }
  return {
    version: 2,
    channels: 1,
    sample_rate: sampleRate,
    samples_per_pixel: samplesPerPixel,
    bits: 8,
    length,
    data,
  }
}
