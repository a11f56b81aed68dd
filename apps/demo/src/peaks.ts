import { type Peaks, parsePeaks } from '@castline/core/peaks'

/** Files longer than this get no waveform unless their peaks come with them: decoding costs too much memory. */
export const MAX_DECODE_SECONDS = 20 * 60

/** Why a long audio without peaks shows a flat line. */
export function noWaveformNotice(duration: number): string {
  const length = Number.isFinite(duration) ? `${Math.round(duration / 60)} minutes long` : 'of unknown length'
  return (
    `No waveform: this audio is ${length}, and drawing one in the browser would mean downloading and ` +
    `decoding the whole file (done only up to ${MAX_DECODE_SECONDS / 60} minutes). Add an audiowaveform ` +
    'peaks file (.json or .dat) to see it; everything else works without.'
  )
}

/**
 * A flat line for audio whose waveform we will not compute: given peaks, wavesurfer never downloads and
 * decodes the file itself (which for an hour of audio would take hundreds of megabytes).
 */
export function flatPeaks(duration: number): Peaks {
  return {
    peaks: [new Float32Array(1)],
    duration,
    sampleRate: 1,
    samplesPerPixel: 1,
    channels: 1,
    bits: 16,
    length: 1,
  }
}

// Decoding resamples to this rate: plenty for drawing speech, and a quarter of the memory of 44.1 kHz.
const DECODE_RATE = 16000
// Points across the whole file for short clips, and the coarsest resolution for long ones (BBC's default).
const TARGET_POINTS = 2000
const MIN_SAMPLES_PER_PIXEL = 16
const MAX_SAMPLES_PER_PIXEL = 800

function isBinaryPeaks(name: string, type: string | null): boolean {
  const path = name.split(/[?#]/, 1)[0]!.toLowerCase()
  return path.endsWith('.dat') || type === 'application/octet-stream'
}

/** Reads a peaks file the user picked or dropped. */
export async function readPeaksFile(file: File): Promise<Peaks> {
  return parsePeaks(isBinaryPeaks(file.name, file.type) ? await file.arrayBuffer() : await file.text())
}

/**
 * Decodes an audio file in the browser and computes its min/max per pixel. The result is written as an
 * audiowaveform `.dat` (version 1, 16 bit, mono) and read back with `parsePeaks`, so it has exactly the
 * shape and scaling of a peaks file made offline.
 */
export async function computePeaks(file: Blob): Promise<Peaks> {
  const context = new OfflineAudioContext(1, 1, DECODE_RATE)
  const audio = await context.decodeAudioData(await file.arrayBuffer())
  const samples = audio.length
  const perPixel = Math.min(
    MAX_SAMPLES_PER_PIXEL,
    Math.max(MIN_SAMPLES_PER_PIXEL, Math.floor(samples / TARGET_POINTS)),
  )
  const pixels = Math.max(1, Math.ceil(samples / perPixel))
  const channels: Float32Array[] = []
  for (let c = 0; c < audio.numberOfChannels; c++) channels.push(audio.getChannelData(c))

  const HEADER = 20
  const buffer = new ArrayBuffer(HEADER + pixels * 4)
  const view = new DataView(buffer)
  view.setInt32(0, 1, true) // version
  view.setUint32(4, 0, true) // flags: 16-bit samples
  view.setInt32(8, audio.sampleRate, true)
  view.setInt32(12, perPixel, true)
  view.setUint32(16, pixels, true)
  for (let p = 0; p < pixels; p++) {
    const from = p * perPixel
    const to = Math.min(samples, from + perPixel)
    let min = 0
    let max = 0
    // A stereo file is drawn as one: the extremes over every channel.
    for (const data of channels) {
      for (let i = from; i < to; i++) {
        const v = data[i]!
        if (v < min) min = v
        else if (v > max) max = v
      }
    }
    view.setInt16(HEADER + p * 4, toInt16(min), true)
    view.setInt16(HEADER + p * 4 + 2, toInt16(max), true)
  }
  return parsePeaks(buffer)
}

function toInt16(v: number): number {
  return Math.round(Math.max(-1, Math.min(1, v)) * 32767)
}
