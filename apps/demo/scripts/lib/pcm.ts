/** Mono 16-bit PCM in memory: the episode is assembled, measured and drawn from one Int16Array. */

/** Sample rate of everything the scripts build (espeak's 22.05 kHz is resampled to it by sox). */
export const SAMPLE_RATE = 16_000

/** Seconds to a sample index at `SAMPLE_RATE`, rounded so that a cue start lands on one exact sample. */
export function toSample(seconds: number): number {
  return Math.round(seconds * SAMPLE_RATE)
}

/** Reads raw little-endian s16 bytes (as sox and ffmpeg write them) into samples, copying once. */
export function fromBytes(bytes: Uint8Array): Int16Array {
  const samples = new Int16Array(bytes.byteLength >> 1)
  new Uint8Array(samples.buffer).set(bytes.subarray(0, samples.byteLength))
  return samples
}

/** The little-endian bytes of `samples`, without a copy (x86/ARM are little-endian, as s16le wants). */
export function toBytes(samples: Int16Array): Uint8Array {
  return new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength)
}

/**
 * The span of `samples` that holds sound: from the first sample louder than `threshold` to the last one
 * plus `tail` samples. The start is not padded, so that a line placed at its cue start begins there and
 * never earlier; `threshold` is kept far below what a listener (or the drift measurement) calls speech.
 */
export function soundSpan(samples: Int16Array, threshold: number, tail: number): Int16Array {
  let first = 0
  while (first < samples.length && Math.abs(samples[first] as number) <= threshold) first++
  if (first === samples.length) return samples.subarray(0, 0)
  let last = samples.length - 1
  while (last > first && Math.abs(samples[last] as number) <= threshold) last--
  return samples.subarray(first, Math.min(samples.length, last + 1 + tail))
}

/** A copy of the first `length` samples, faded out over the last `fade` of them (a cut without a click). */
export function cutWithFade(samples: Int16Array, length: number, fade: number): Int16Array {
  const out = samples.slice(0, Math.max(0, Math.min(length, samples.length)))
  const n = Math.min(fade, out.length)
  for (let i = 0; i < n; i++) {
    const k = out.length - n + i
    out[k] = Math.round((out[k] as number) * (1 - (i + 1) / n))
  }
  return out
}

/** Adds `source` into `target` at `offset` (saturating), so that nothing outside the span is touched. */
export function mixInto(target: Int16Array, source: Int16Array, offset: number): void {
  const end = Math.min(target.length, offset + source.length)
  for (let i = Math.max(0, offset); i < end; i++) {
    const v = (target[i] as number) + (source[i - offset] as number)
    target[i] = Math.min(32767, Math.max(-32768, v))
  }
}
