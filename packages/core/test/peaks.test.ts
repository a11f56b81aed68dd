import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { loudnessEnvelope, type Peaks, PeaksParseError, parsePeaks } from '../src/peaks.js'

interface Waveform {
  version: 1 | 2
  bits: 8 | 16
  sampleRate: number
  samplesPerPixel: number
  channels: number
  /** Interleaved per pixel: min, max of channel 0, min, max of channel 1, ... */
  data: number[]
}

/** A .dat writer following the audiowaveform data-format document, byte by byte. */
function writeDat(w: Waveform): ArrayBuffer {
  const header = w.version === 1 ? 20 : 24
  const size = w.bits / 8
  const buffer = new ArrayBuffer(header + w.data.length * size)
  const view = new DataView(buffer)
  view.setInt32(0, w.version, true)
  view.setUint32(4, w.bits === 8 ? 1 : 0, true)
  view.setInt32(8, w.sampleRate, true)
  view.setInt32(12, w.samplesPerPixel, true)
  view.setUint32(16, w.data.length / (2 * w.channels), true)
  if (w.version === 2) view.setInt32(20, w.channels, true)
  w.data.forEach((v, k) => {
    if (w.bits === 8) view.setInt8(header + k, v)
    else view.setInt16(header + 2 * k, v, true)
  })
  return buffer
}

function writeJson(w: Waveform, omitVersion = false): string {
  const o: Record<string, unknown> = omitVersion ? {} : { version: w.version }
  if (w.version === 2) o.channels = w.channels
  Object.assign(o, {
    sample_rate: w.sampleRate,
    samples_per_pixel: w.samplesPerPixel,
    bits: w.bits,
    length: w.data.length / (2 * w.channels),
    data: w.data,
  })
  return JSON.stringify(o, null, 2)
}

/**
 * What audiowaveform computes from audio: min and max of each block of samples, per channel, quantised
 * to the bit depth. The audio is what `sox -n -r 8000 x.wav synth 3 sine 440` makes, plus a quieter
 * second channel at 220 Hz, synthesised here so the test needs no tools.
 */
function analyse(bits: 8 | 16, channels: 1 | 2, samplesPerPixel: number): Waveform {
  const sampleRate = 8000
  const samples = 3 * sampleRate
  const amplitude = [0.5, 0.25]
  const frequency = [440, 220]
  const full = bits === 8 ? 127 : 32767
  const data: number[] = []
  for (let start = 0; start < samples; start += samplesPerPixel) {
    for (let c = 0; c < channels; c++) {
      let min = 0
      let max = 0
      for (let s = start; s < Math.min(samples, start + samplesPerPixel); s++) {
        const v = Math.round(amplitude[c]! * full * Math.sin((2 * Math.PI * frequency[c]! * s) / sampleRate))
        if (v < min) min = v
        if (v > max) max = v
      }
      data.push(min, max)
    }
  }
  return { version: channels === 1 ? 1 : 2, bits, sampleRate, samplesPerPixel, channels, data }
}

describe('parsePeaks', () => {
  it('reads the example of the audiowaveform format document (version 2 JSON, two channels, 8 bit)', () => {
    const doc = `{
      "version": 2, "channels": 2, "sample_rate": 48000, "samples_per_pixel": 512, "bits": 8, "length": 3,
      "data": [-65,63,-66,64,-40,41,-39,45,-55,43,-55,44]
    }`
    const p = parsePeaks(doc)
    expect(p).toMatchObject({ channels: 2, sampleRate: 48000, samplesPerPixel: 512, bits: 8, length: 3 })
    expect(p.duration).toBeCloseTo((3 * 512) / 48000, 12)
    expect(Array.from(p.peaks[0]!)).toEqual([-65 / 128, 41 / 128, -55 / 128])
    expect(Array.from(p.peaks[1]!)).toEqual([-66 / 128, 45 / 128, -55 / 128])
  })

  for (const bits of [8, 16] as const) {
    for (const channels of [1, 2] as const) {
      it(`reads ${bits}-bit ${channels === 1 ? 'mono (version 1)' : 'stereo (version 2)'} .dat and JSON of a 3 s sine alike`, () => {
        const w = analyse(bits, channels, 256)
        const fromDat = parsePeaks(writeDat(w))
        const fromJson = parsePeaks(writeJson(w))
        expect(fromJson).toEqual(fromDat)
        const pixels = Math.ceil(24000 / 256)
        expect(fromDat.length).toBe(pixels)
        expect(fromDat.channels).toBe(channels)
        expect(fromDat.duration).toBeCloseTo((pixels * 256) / 8000, 12)
        expect(fromDat.peaks).toHaveLength(channels)
        // Every full pixel holds at least one peak of each sine: the magnitude is the amplitude.
        const amplitude = [0.5, 0.25]
        for (let c = 0; c < channels; c++) {
          const values = fromDat.peaks[c]!
          expect(values).toBeInstanceOf(Float32Array)
          for (let p = 0; p < pixels - 1; p++) {
            expect(Math.abs(values[p]!)).toBeGreaterThan(amplitude[c]! * 0.97)
            expect(Math.abs(values[p]!)).toBeLessThanOrEqual(amplitude[c]! + 1 / 128)
          }
        }
      })
    }
  }

  it('normalises by the bit depth to exactly [-1, 1] at full scale', () => {
    const p16 = parsePeaks(
      writeDat({
        version: 1,
        bits: 16,
        sampleRate: 44100,
        samplesPerPixel: 512,
        channels: 1,
        data: [-32768, 10, -5, 32767],
      }),
    )
    expect(Array.from(p16.peaks[0]!)).toEqual([-1, Math.fround(32767 / 32768)])
    const p8 = parsePeaks(
      writeDat({
        version: 2,
        bits: 8,
        sampleRate: 44100,
        samplesPerPixel: 512,
        channels: 1,
        data: [-128, 127, -3, 3],
      }),
    )
    expect(Array.from(p8.peaks[0]!)).toEqual([-1, Math.fround(3 / 128)])
    // Out-of-range JSON values (a sloppy writer) are clamped, not passed on to the renderer.
    const loud = parsePeaks(
      '{"version":1,"sample_rate":8000,"samples_per_pixel":80,"bits":8,"length":1,"data":[-300,200]}',
    )
    expect(Array.from(loud.peaks[0]!)).toEqual([-1])
  })

  it('accepts JSON without a version (older audiowaveform), JSON as bytes, and Node buffers at an offset', () => {
    const w = analyse(16, 1, 400)
    const expected = parsePeaks(writeJson(w))
    expect(parsePeaks(writeJson(w, true))).toEqual(expected)
    expect(parsePeaks(new TextEncoder().encode(`\ufeff ${writeJson(w)}`).buffer)).toEqual(expected)
    const dat = new Uint8Array(writeDat(w))
    const padded = new Uint8Array(dat.length + 7)
    padded.set(dat, 7)
    expect(parsePeaks(padded.subarray(7))).toEqual(expected)
    expect(parsePeaks(Buffer.from(dat))).toEqual(expected)
  })

  it('reads an empty waveform as zero length and zero duration', () => {
    const p = parsePeaks(
      writeDat({ version: 1, bits: 8, sampleRate: 8000, samplesPerPixel: 256, channels: 1, data: [] }),
    )
    expect(p.length).toBe(0)
    expect(p.duration).toBe(0)
    expect(p.peaks[0]).toHaveLength(0)
  })

  it('fails with a PeaksParseError naming the format for data that is not peaks', () => {
    const good = writeDat(analyse(8, 2, 256))
    const truncated = good.slice(0, good.byteLength - 1)
    const headerOnly = good.slice(0, 24)
    const shortHeader = good.slice(0, 22)
    const withVersion = (v: number) => {
      const b = good.slice(0)
      new DataView(b).setInt32(0, v, true)
      return b
    }
    const withChannels = (n: number) => {
      const b = good.slice(0)
      new DataView(b).setInt32(20, n, true)
      return b
    }
    const cases: Array<[string | ArrayBuffer, 'json' | 'dat' | null, RegExp]> = [
      ['', null, /audiowaveform JSON/],
      ['WEBVTT\n\n00:00.000 --> 00:01.000\nhi', null, /WEBVTT/],
      ['{"version": 2, "channels": 1', 'json', /valid JSON/],
      ['[1, 2, 3]', null, /JSON/],
      ['{"version":3,"bits":8,"sample_rate":8000,"samples_per_pixel":256,"data":[]}', 'json', /version/],
      ['{"version":1,"bits":12,"sample_rate":8000,"samples_per_pixel":256,"data":[]}', 'json', /bits/],
      ['{"version":1,"bits":8,"sample_rate":0,"samples_per_pixel":256,"data":[]}', 'json', /sample rate/],
      ['{"version":2,"bits":8,"sample_rate":8000,"samples_per_pixel":256,"data":[]}', 'json', /channels/],
      [
        '{"version":1,"bits":8,"sample_rate":8000,"samples_per_pixel":256,"length":2,"data":[1,2]}',
        'json',
        /4 values/,
      ],
      [
        '{"version":1,"bits":8,"sample_rate":8000,"samples_per_pixel":256,"length":1,"data":[1,"x"]}',
        'json',
        /data/,
      ],
      [new ArrayBuffer(8), 'dat', /20 bytes/],
      [withVersion(7), 'dat', /version 1 or 2/],
      [withChannels(0), 'dat', /channel count/],
      [withChannels(100_000), 'dat', /channel count/],
      [truncated, 'dat', /bytes of data/],
      [headerOnly, 'dat', /bytes of data/],
      [shortHeader, 'dat', /version 2 header of 24 bytes/],
    ]
    for (const [input, format, message] of cases) {
      let thrown: unknown
      try {
        parsePeaks(input)
      } catch (error) {
        thrown = error
      }
      expect(thrown, String(input)).toBeInstanceOf(PeaksParseError)
      const e = thrown as PeaksParseError
      expect(e.format, String(input)).toBe(format)
      expect(e.message).toMatch(message)
    }
  })
})

describe('loudnessEnvelope: an overview that shows speech and pauses', () => {
  const sample = parsePeaks(
    readFileSync(
      fileURLToPath(
        new URL('../../../apps/demo/public/episodes/talk-python-514/peaks.json', import.meta.url),
      ),
      'utf8',
    ),
  )
  const withValues = (values: ArrayLike<number>): Peaks => ({
    ...sample,
    peaks: [Float32Array.from(values)],
    length: values.length,
  })
  // What wavesurfer draws from raw peaks: each bar the largest peak of its pixels, scaled to the loudest.
  const maxBars = (peaks: Peaks, bins: number): number[] => {
    const out: number[] = []
    for (let b = 0; b < bins; b++) {
      const from = Math.floor((b * peaks.length) / bins)
      const to = Math.floor(((b + 1) * peaks.length) / bins)
      let v = 0
      for (let i = from; i < to; i++) v = Math.max(v, Math.abs(peaks.peaks[0]![i]!))
      out.push(v)
    }
    const top = Math.max(...out)
    return out.map((v) => v / top)
  }
  // How far apart the tall and the short bars are: the 90th percentile's height less the 10th's.
  const spread = (bars: ArrayLike<number>): number => {
    const sorted = Array.from(bars).sort((a, b) => a - b)
    const at = (q: number) => sorted[Math.floor(q * (sorted.length - 1))]!
    return at(0.9) - at(0.1)
  }

  it('gives the sample episode bars of different heights where the largest peak per bar is a solid block', () => {
    // 117 bars: a 390 px phone's waveform at 3 px bars and 2 px gaps, about 37 s of the episode each.
    for (const bins of [117, 250]) {
      expect(spread(maxBars(sample, bins))).toBeLessThan(0.15)
      expect(spread(loudnessEnvelope(sample, bins))).toBeGreaterThan(0.3)
    }
  })

  it('does the same for a loud, compressed master (every syllable at the ceiling, pauses lifted)', () => {
    // A compressor with make-up gain and a limiter at 0.98: quiet pixels come up, loud ones flatten.
    const compressed = withValues(sample.peaks[0]!.map((v) => Math.min(0.98, 0.05 + Math.abs(v) ** 0.35)))
    expect(spread(maxBars(compressed, 117))).toBeLessThan(0.05)
    expect(spread(loudnessEnvelope(compressed, 117))).toBeGreaterThan(0.3)
  })

  it('draws silence as the floor and a steady level as full bars', () => {
    expect(Array.from(loudnessEnvelope(withValues(new Float32Array(1000)), 10))).toEqual(
      new Array(10).fill(Math.fround(0.06)),
    )
    expect(Array.from(loudnessEnvelope(withValues(new Float32Array(1000).fill(-0.4)), 10))).toEqual(
      new Array(10).fill(1),
    )
    expect(Array.from(loudnessEnvelope(withValues([]), 3))).toEqual(new Array(3).fill(Math.fround(0.06)))
  })

  it('keeps the order of loudness: a louder bin is never drawn shorter (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.float({ min: -1, max: 1, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.integer({ min: 1, max: 50 }),
        (values, bins) => {
          const out = loudnessEnvelope(withValues(values), bins)
          expect(out).toHaveLength(bins)
          const n = values.length
          const meanSquare = Array.from({ length: bins }, (_, b) => {
            const from = Math.floor((b * n) / bins)
            const to = Math.max(from + 1, Math.floor(((b + 1) * n) / bins))
            let sum = 0
            for (let i = from; i < Math.min(to, n); i++) sum += Math.fround(values[i]!) ** 2
            return sum / (Math.min(to, n) - from)
          })
          for (let a = 0; a < bins; a++) {
            expect(out[a]).toBeGreaterThanOrEqual(Math.fround(0.06))
            expect(out[a]).toBeLessThanOrEqual(1)
            for (let b = 0; b < bins; b++)
              if (meanSquare[a]! > meanSquare[b]! * 1.000001) expect(out[a]).toBeGreaterThanOrEqual(out[b]!)
          }
        },
      ),
    )
  })
})
