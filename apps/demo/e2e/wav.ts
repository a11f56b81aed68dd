/** A mono 16-bit PCM WAV file of a sine tone: a tiny real audio file for the "open your own" tests. */
export function toneWav(seconds: number, frequency = 440, sampleRate = 16000): Buffer {
  const samples = Math.round(seconds * sampleRate)
  const data = samples * 2
  const wav = Buffer.alloc(44 + data)
  wav.write('RIFF', 0, 'ascii')
  wav.writeUInt32LE(36 + data, 4)
  wav.write('WAVE', 8, 'ascii')
  wav.write('fmt ', 12, 'ascii')
  wav.writeUInt32LE(16, 16) // fmt chunk size
  wav.writeUInt16LE(1, 20) // PCM
  wav.writeUInt16LE(1, 22) // mono
  wav.writeUInt32LE(sampleRate, 24)
  wav.writeUInt32LE(sampleRate * 2, 28) // byte rate
  wav.writeUInt16LE(2, 32) // block align
  wav.writeUInt16LE(16, 34) // bits per sample
  wav.write('data', 36, 'ascii')
  wav.writeUInt32LE(data, 40)
  for (let i = 0; i < samples; i++) {
    // Half amplitude, with a short fade in and out so that the tone does not click.
    const fade = Math.min(1, i / (0.01 * sampleRate), (samples - i) / (0.01 * sampleRate))
    const v = 0.5 * fade * Math.sin((2 * Math.PI * frequency * i) / sampleRate)
    wav.writeInt16LE(Math.round(v * 32767), 44 + i * 2)
  }
  return wav
}
