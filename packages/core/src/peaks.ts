/**
 * Waveform peaks precomputed by BBC audiowaveform (`audiowaveform -i episode.mp3 -o episode.dat -b 8`),
 * in the shape wavesurfer.js takes as its `peaks` option: one Float32Array per channel, one value per
 * pixel, in [-1, 1]. Each value is whichever of the pixel's min and max has the larger magnitude, with its
 * sign, which is what wavesurfer's own `exportPeaks` produces; wavesurfer 8 draws the magnitude as the bar
 * height, so keeping min/max interleaved would double the data for the same picture.
 */
export interface Peaks {
  /** One array per channel, `length` values each, normalised to [-1, 1] by the bit depth. */
  peaks: Float32Array[]
  /** Seconds covered: length * samplesPerPixel / sampleRate. Pass it to wavesurfer with the peaks. */
  duration: number
  /** Sample rate of the audio the peaks were computed from (Hz). */
  sampleRate: number
  /** Audio samples summarised by each value. */
  samplesPerPixel: number
  /** Number of channels (1 unless a version 2 file says otherwise). */
  channels: number
  /** Resolution of the source data. */
  bits: 8 | 16
  /** Values per channel. */
  length: number
}

/** Thrown when data is not audiowaveform peaks. Names the format it was read as and what was expected. */
export class PeaksParseError extends Error {
  override name = 'PeaksParseError'
  /** 'json' or 'dat' as detected; null when the data looks like neither. */
  readonly format: 'json' | 'dat' | null
  /** What the reader expected to find. */
  readonly expected: string

  constructor(format: 'json' | 'dat' | null, expected: string, found?: string) {
    super(
      `${format === null ? 'peaks' : `audiowaveform ${format}`}: expected ${expected}` +
        (found === undefined ? '' : `, found ${found}`),
    )
    this.format = format
    this.expected = expected
  }
}

/** More channels than any real audio file has: a header claiming more is corrupt. */
const MAX_CHANNELS = 64

/**
 * Reads audiowaveform peaks: JSON (version 1, or 2 with `channels`; a string, or bytes starting with
 * '{') or the binary `.dat` format (version 1 and 2 headers, 8- or 16-bit values). Throws
 * `PeaksParseError` for anything else, including a file shorter than its header says.
 */
export function parsePeaks(data: string | ArrayBuffer | ArrayBufferView): Peaks {
  if (typeof data === 'string') {
    const start = skipSpace(data)
    if (data.charCodeAt(start) !== 0x7b) {
      throw new PeaksParseError(
        null,
        "audiowaveform JSON (an object starting with '{')",
        describe(data, start),
      )
    }
    return parseJson(data)
  }
  const bytes =
    data instanceof ArrayBuffer
      ? new Uint8Array(data)
      : new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
  let i = 0
  // A UTF-8 byte order mark or whitespace before '{' still means JSON.
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++
  if (bytes[i] === 0x7b) return parseJson(new TextDecoder().decode(bytes))
  return parseDat(bytes)
}

function parseDat(bytes: Uint8Array): Peaks {
  if (bytes.length < 20) {
    throw new PeaksParseError('dat', 'a header of at least 20 bytes', `${bytes.length} bytes`)
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const version = view.getInt32(0, true)
  if (version !== 1 && version !== 2) {
    throw new PeaksParseError('dat', 'version 1 or 2 in the first 4 bytes', `${version}`)
  }
  const bits = (view.getUint32(4, true) & 1) === 1 ? 8 : 16
  const sampleRate = view.getInt32(8, true)
  const samplesPerPixel = view.getInt32(12, true)
  const length = view.getUint32(16, true)
  let channels = 1
  if (version === 2) {
    if (bytes.length < 24) {
      throw new PeaksParseError('dat', 'a version 2 header of 24 bytes', `${bytes.length} bytes`)
    }
    channels = view.getInt32(20, true)
  }
  checkHeader('dat', sampleRate, samplesPerPixel, channels)
  const headerSize = version === 1 ? 20 : 24
  const size = bits / 8
  const needed = length * channels * 2 * size
  if (bytes.length - headerSize < needed) {
    throw new PeaksParseError(
      'dat',
      `${needed} bytes of data for ${length} pixels x ${channels} channel(s) at ${bits} bits`,
      `${bytes.length - headerSize}`,
    )
  }
  const read =
    bits === 8
      ? (k: number) => view.getInt8(headerSize + k)
      : (k: number) => view.getInt16(headerSize + 2 * k, true)
  return build(bits, sampleRate, samplesPerPixel, channels, length, read)
}

function parseJson(text: string): Peaks {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (error) {
    throw new PeaksParseError('json', 'valid JSON', error instanceof Error ? error.message : String(error))
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new PeaksParseError('json', 'an object', Array.isArray(value) ? 'an array' : String(value))
  }
  const o = value as Record<string, unknown>
  // Files from audiowaveform before 1.0.11 have no version field: they are version 1.
  const version = o.version ?? 1
  if (version !== 1 && version !== 2) throw new PeaksParseError('json', '"version" 1 or 2', String(version))
  const bits = o.bits
  if (bits !== 8 && bits !== 16) throw new PeaksParseError('json', '"bits" 8 or 16', String(bits))
  const sampleRate = numberField(o, 'sample_rate')
  const samplesPerPixel = numberField(o, 'samples_per_pixel')
  const channels = version === 2 ? numberField(o, 'channels') : 1
  checkHeader('json', sampleRate, samplesPerPixel, channels)
  const data = o.data
  if (!Array.isArray(data)) throw new PeaksParseError('json', '"data" as an array of numbers')
  const length = o.length === undefined ? Math.floor(data.length / (2 * channels)) : numberField(o, 'length')
  if (!Number.isInteger(length) || length < 0) {
    throw new PeaksParseError('json', '"length" as a whole number of pixels', String(length))
  }
  if (data.length < length * channels * 2) {
    throw new PeaksParseError(
      'json',
      `${length * channels * 2} values in "data" for ${length} pixels x ${channels} channel(s)`,
      `${data.length}`,
    )
  }
  const read = (k: number): number => {
    const v = data[k]
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new PeaksParseError('json', `a number at "data"[${k}]`, JSON.stringify(v) ?? String(v))
    }
    return v
  }
  return build(bits, sampleRate, samplesPerPixel, channels, length, read)
}

/** Picks each pixel's dominant value per channel; `read(k)` is the k-th raw value of the interleaving. */
function build(
  bits: 8 | 16,
  sampleRate: number,
  samplesPerPixel: number,
  channels: number,
  length: number,
  read: (k: number) => number,
): Peaks {
  const scale = bits === 8 ? 128 : 32768
  const peaks: Float32Array[] = []
  for (let c = 0; c < channels; c++) peaks.push(new Float32Array(length))
  let k = 0
  for (let p = 0; p < length; p++) {
    for (let c = 0; c < channels; c++) {
      const min = read(k++)
      const max = read(k++)
      const v = (Math.abs(max) >= Math.abs(min) ? max : min) / scale
      peaks[c]![p] = Math.min(1, Math.max(-1, v))
    }
  }
  return {
    peaks,
    duration: (length * samplesPerPixel) / sampleRate,
    sampleRate,
    samplesPerPixel,
    channels,
    bits,
    length,
  }
}

function checkHeader(
  format: 'json' | 'dat',
  sampleRate: number,
  samplesPerPixel: number,
  channels: number,
): void {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    throw new PeaksParseError(format, 'a positive sample rate', String(sampleRate))
  }
  if (!(samplesPerPixel > 0) || !Number.isFinite(samplesPerPixel)) {
    throw new PeaksParseError(format, 'a positive samples-per-pixel', String(samplesPerPixel))
  }
  if (!Number.isInteger(channels) || channels < 1 || channels > MAX_CHANNELS) {
    throw new PeaksParseError(format, `a channel count from 1 to ${MAX_CHANNELS}`, String(channels))
  }
}

function numberField(o: Record<string, unknown>, key: string): number {
  const v = o[key]
  if (typeof v !== 'number')
    throw new PeaksParseError('json', `"${key}" as a number`, JSON.stringify(v) ?? 'nothing')
  return v
}

function skipSpace(s: string): number {
  let i = s.charCodeAt(0) === 0xfeff ? 1 : 0
  while (i < s.length && (s[i] === ' ' || s[i] === '\n' || s[i] === '\r' || s[i] === '\t')) i++
  return i
}

function describe(s: string, at: number): string {
  return at >= s.length ? 'nothing' : JSON.stringify(s.slice(at, at + 20))
}

/** Options of `loudnessEnvelope`. */
export interface EnvelopeOptions {
  /** The smallest range, in decibels, the bars are spread over (default 2): a file of one level stays flat, and a difference smaller than this never spans the whole height. */
  minRangeDb?: number
  /** The height of the quietest bar, 0 to 1 (default 0.06): silence still shows as a line. */
  floor?: number
}

/**
 * The peaks as `bins` bars of loudness, for an overview of a long episode. The peak of each pixel, the
 * shape audiowaveform stores, says how loud the loudest sample was: drawn as one bar per many pixels,
 * each bar the largest of its pixels, a spoken episode is a solid block, since every few seconds of it
 * hold one loud syllable. Each bin here is instead the root mean square of its pixels' peaks, in
 * decibels, and the bins are spread between the file's own quiet (the 5th percentile: the bins with
 * the most pauses) and loud (the 98th) levels. Speech and pauses then show for a quiet recording and for a loud,
 * compressed one alike. Values are in [floor, 1]; every channel counts (the loudest at each pixel).
 */
export function loudnessEnvelope(peaks: Peaks, bins: number, options: EnvelopeOptions = {}): Float32Array {
  const count = Math.max(1, Math.floor(bins))
  const out = new Float32Array(count)
  const floor = options.floor ?? 0.06
  const n = peaks.length
  if (n === 0 || peaks.peaks.length === 0) return out.fill(floor)
  // Mean square of each bin's pixels (the loudest channel at each pixel).
  const db = new Float64Array(count)
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * n) / count)
    const to = Math.max(from + 1, Math.floor(((b + 1) * n) / count))
    let sum = 0
    for (let i = from; i < to && i < n; i++) {
      let v = 0
      for (const channel of peaks.peaks) v = Math.max(v, Math.abs(channel[i] ?? 0))
      sum += v * v
    }
    const ms = sum / (Math.min(to, n) - from)
    // -120 dB stands for digital silence, so that log10(0) never appears.
    db[b] = ms > 0 ? Math.max(-120, 10 * Math.log10(ms)) : -120
  }
  const sorted = Float64Array.from(db).sort()
  const at = (q: number) => sorted[Math.min(count - 1, Math.floor(q * (count - 1)))]!
  const loud = at(0.98)
  const quiet = Math.min(at(0.05), loud - (options.minRangeDb ?? 2))
  for (let b = 0; b < count; b++) {
    // Below -100 dB is silence, whatever the rest of the file is.
    const t = db[b]! <= -100 ? 0 : (db[b]! - quiet) / (loud - quiet)
    out[b] = floor + (1 - floor) * Math.min(1, Math.max(0, t))
  }
  return out
}
