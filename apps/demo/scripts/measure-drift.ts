/**
 * Measures how far each spoken line of the sample episode drifts from its timestamp, in the audio a
 * listener gets: the MP3 is decoded back with ffmpeg (which, like Chromium, honours the LAME tag's encoder
 * delay) and, for every cue, the onset of speech after the cue's start is found. A negative drift means
 * sound was already playing at the timestamp: the line started early or the previous one ran into it.
 *
 *   pnpm --filter @castline/demo exec tsx scripts/measure-drift.ts [--excerpt] [--threshold-db -40]
 */
import { parseArgs } from 'node:util'
import { EXCERPT, episodePath, FULL, parseCues, readTranscript } from './lib/episode.js'
import { decodeToPcm, probe } from './lib/mp3.js'
import { energyPrefix, type OnsetOptions, onsetAfter } from './lib/onsets.js'
import { SAMPLE_RATE } from './lib/pcm.js'

const { values } = parseArgs({
  options: {
    excerpt: { type: 'boolean', default: false },
    'threshold-db': { type: 'string', default: '-40' },
    'window-ms': { type: 'string', default: '5' },
    worst: { type: 'string', default: '5' },
    audio: { type: 'string' },
  },
})

const files = values.excerpt ? EXCERPT : FULL
const audioPath = values.audio ?? episodePath(files.audio)
const pcm = await decodeToPcm(audioPath)
const decodedSeconds = pcm.length / SAMPLE_RATE
const info = await probe(audioPath)
const cues = parseCues(readTranscript(episodePath(files.transcript)), decodedSeconds)

const options: OnsetOptions = {
  sampleRate: SAMPLE_RATE,
  window: Math.round((Number(values['window-ms']) / 1000) * SAMPLE_RATE),
  threshold: 32768 * 10 ** (Number(values['threshold-db']) / 20),
}
const prefix = energyPrefix(pcm)

const drifts: Array<{ cue: number; drift: number }> = []
const unheard: number[] = []
cues.forEach((cue, i) => {
  const next = cues[i + 1]
  const end = next === undefined ? cue.end : Math.min(cue.end, next.start)
  const drift = onsetAfter(prefix, cue.start, end, options)
  if (drift === null) unheard.push(i)
  else drifts.push({ cue: i, drift })
})

function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number
}
const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`
const late = drifts.map((d) => d.drift).sort((a, b) => a - b)
const early = drifts.filter((d) => d.drift < 0)
const earlySorted = early.map((d) => -d.drift).sort((a, b) => a - b)

console.log(
  `file          ${audioPath}: ${info.sizeBytes} bytes, ffprobe duration ${info.duration} s, decoded ${decodedSeconds} s`,
)
console.log(
  `cues          ${cues.length} (${drifts.length} heard, ${unheard.length} silent${unheard.length > 0 ? `: ${unheard.join(', ')}` : ''})`,
)
console.log(`onset         first ${values['window-ms']} ms RMS window above ${values['threshold-db']} dBFS`)
console.log(
  `drift         median ${ms(quantile(late, 0.5))}, p95 ${ms(quantile(late, 0.95))}, max ${ms(late[late.length - 1] ?? Number.NaN)}`,
)
console.log(
  `early         ${early.length} cues${early.length > 0 ? `, p95 ${ms(quantile(earlySorted, 0.95))}, max ${ms(earlySorted[earlySorted.length - 1] ?? 0)}` : ''}`,
)
const worst = [...drifts].sort((a, b) => Math.abs(b.drift) - Math.abs(a.drift)).slice(0, Number(values.worst))
for (const { cue, drift } of worst) {
  const c = cues[cue]
  console.log(
    `  cue ${String(cue).padStart(4)} at ${c?.start.toFixed(3)} s: ${ms(drift)}  ${c?.text.slice(0, 60)}`,
  )
}
if (early.length > 0 || unheard.length > 0) process.exitCode = 1
