/**
 * A real audio file for the browser tests, made in the page: a tone rendered by an OfflineAudioContext
 * (loud for the first 0.7 s of every second, quiet after), encoded as a 16-bit PCM WAV blob, with its
 * audiowaveform JSON peaks computed from the same samples.
 */
export interface AudioFixture {
  /** A blob: URL of the WAV file. */
  url: string
  /** Its length in seconds. */
  duration: number
  /** audiowaveform JSON (version 2, 8 bit) of the file, as `audiowaveform -i x.wav -o x.json -b 8` writes it. */
  peaksJson: string
  /** Revokes the URL. */
  release(): void
}

const SAMPLE_RATE = 8000
const SAMPLES_PER_PIXEL = 80

export async function makeAudioFixture(seconds: number): Promise<AudioFixture> {
  const context = new OfflineAudioContext(1, SAMPLE_RATE * seconds, SAMPLE_RATE)
  const tone = context.createOscillator()
  tone.frequency.value = 330
  const gain = context.createGain()
  for (let s = 0; s < seconds; s++) {
    gain.gain.setValueAtTime(0.8, s)
    gain.gain.setValueAtTime(0.1, s + 0.7)
  }
  tone.connect(gain).connect(context.destination)
  tone.start()
  const buffer = await context.startRendering()
  const samples = buffer.getChannelData(0)
  const url = URL.createObjectURL(new Blob([encodeWav(samples, SAMPLE_RATE)], { type: 'audio/wav' }))
  return {
    url,
    duration: samples.length / SAMPLE_RATE,
    peaksJson: peaksJson(samples),
    release: () => URL.revokeObjectURL(url),
  }
}

function encodeWav(samples: Float32Array, sampleRate: number): ArrayBuffer {
  const bytes = new ArrayBuffer(44 + samples.length * 2)
  const view = new DataView(bytes)
  const text = (at: number, s: string) => {
    for (let i = 0; i < s.length; i++) view.setUint8(at + i, s.charCodeAt(i))
  }
  text(0, 'RIFF')
  view.setUint32(4, 36 + samples.length * 2, true)
  text(8, 'WAVE')
  text(12, 'fmt ')
  view.setUint32(16, 16, true)
  view.setUint16(20, 1, true) // PCM
  view.setUint16(22, 1, true) // mono
  view.setUint32(24, sampleRate, true)
  view.setUint32(28, sampleRate * 2, true)
  view.setUint16(32, 2, true)
  view.setUint16(34, 16, true)
  text(36, 'data')
  view.setUint32(40, samples.length * 2, true)
  for (let i = 0; i < samples.length; i++) {
    const v = Math.max(-1, Math.min(1, samples[i]!))
    view.setInt16(44 + i * 2, Math.round(v * 32767), true)
  }
  return bytes
}

function peaksJson(samples: Float32Array): string {
  const length = Math.ceil(samples.length / SAMPLES_PER_PIXEL)
  const data: number[] = []
  for (let p = 0; p < length; p++) {
    let min = 0
    let max = 0
    const end = Math.min(samples.length, (p + 1) * SAMPLES_PER_PIXEL)
    for (let i = p * SAMPLES_PER_PIXEL; i < end; i++) {
      const v = samples[i]!
      if (v < min) min = v
      if (v > max) max = v
    }
    data.push(Math.max(-128, Math.round(min * 128)), Math.min(127, Math.round(max * 128)))
  }
  return JSON.stringify({
    version: 2,
    channels: 1,
    sample_rate: SAMPLE_RATE,
    samples_per_pixel: SAMPLES_PER_PIXEL,
    bits: 8,
    length,
    data,
  })
}
