/**
 * Makes the demo's sample episode audio from its transcript: every cleaned-up cue is spoken by espeak-ng
 * and placed at the cue's start (to the sample, plus a fixed 15 ms lead-in), sped up when it would overrun
 * the next cue and cut just before it when even that is not enough, so the highlighted line is always the
 * one being spoken. Writes the MP3, its peaks (audiowaveform JSON v2) and episode.json; `--excerpt` writes
 * the short test excerpt instead (excerpt.mp3, excerpt-peaks.json, excerpt.txt).
 *
 *   pnpm --filter @castline/demo make-episode [--excerpt [--cues 8]] [--from fixture.txt] [--jobs 2]
 *
 * Needs espeak-ng, sox and ffmpeg on the PATH; the demo itself needs none of them (outputs are committed).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import type { Cue } from '../../../packages/core/src/index.js'
import {
  type EpisodeFiles,
  EXCERPT,
  episodePath,
  excerptSource,
  FULL,
  parseCues,
  readTranscript,
} from './lib/episode.js'
import { decodeToPcm, encodeMp3, probe, writeWav } from './lib/mp3.js'
import { mixInto, SAMPLE_RATE, toSample } from './lib/pcm.js'
import { computePeaks } from './lib/peaks.js'
import { mapLimit } from './lib/process.js'
import { chime, isStageDirection, type SpeechOptions, type SpokenLine, speakLine } from './lib/speech.js'

const { values } = parseArgs({
  options: {
    excerpt: { type: 'boolean', default: false },
    cues: { type: 'string', default: '8' },
    from: { type: 'string' },
    jobs: { type: 'string', default: '2' },
    bitrate: { type: 'string', default: '16' },
    rate: { type: 'string', default: '170' },
    'max-speedup': { type: 'string', default: '2.2' },
    gap: { type: 'string', default: '0.1' },
    'lead-in': { type: 'string', default: '0.015' },
    'samples-per-pixel': { type: 'string', default: '800' },
    wav: { type: 'string' },
  },
})

const speech: SpeechOptions = {
  voices: ['en-us', 'en-us+f3'],
  rate: Number(values.rate),
  maxSpeedup: Number(values['max-speedup']),
  gap: Number(values.gap),
}
/**
 * Seconds between a cue's timestamp and the first sample of its voice. The PCM could start exactly on the
 * stamp, but MP3 smears a sharp onset a few milliseconds backwards (pre-echo: up to ~6 ms above -40 dBFS,
 * ~11 ms above -50 dBFS at 16 kbit/s), which would put sound before the timestamp; 15 ms absorbs it and is
 * far below what a listener or a 60 Hz highlight can tell apart.
 */
const LEAD_IN = Number(values['lead-in'])
/** Silence after the last line, so the player's end is not on a word. */
const END_PAD = 1
/** Length of the chime that stands in for a stage direction such as `*music*`. */
const CHIME_SECONDS = 2.4

const files: EpisodeFiles = values.excerpt ? EXCERPT : FULL
const started = performance.now()

// A byte-for-byte copy, written (not copied) so that it does not inherit a read-only mode from the fixture.
if (values.from !== undefined) writeFileSync(episodePath(FULL.transcript), readFileSync(values.from))
const fullSource = readTranscript(episodePath(FULL.transcript))
const allCues = parseCues(fullSource)
const count = values.excerpt ? Math.min(Number(values.cues), allCues.length) : allCues.length
const source = values.excerpt ? excerptSource(fullSource, allCues, count) : fullSource
const cues = allCues.slice(0, count)

const speakers = [...new Set(cues.flatMap((c) => (c.speaker === undefined ? [] : [c.speaker])))]
function voiceFor(cue: Cue): string {
  const i = cue.speaker === undefined ? 0 : speakers.indexOf(cue.speaker)
  return speech.voices[i % speech.voices.length] as string
}

/** Seconds the line may last: until the highlight moves on (the next start, or its own end), less the gap. */
function slotOf(i: number): number {
  const cue = cues[i] as Cue
  const next = cues[i + 1]
  if (next === undefined) return Number.POSITIVE_INFINITY
  const end = Number.isFinite(cue.end) ? Math.min(cue.end, next.start) : next.start
  return end - cue.start - LEAD_IN - speech.gap
}

let done = 0
const lines: SpokenLine[] = await mapLimit(cues, Number(values.jobs), async (cue, i) => {
  const slot = slotOf(i)
  const line = isStageDirection(cue.text)
    ? chimeLine(slot)
    : await speakLine(cue.text, voiceFor(cue), slot, speech)
  done++
  if (done % 100 === 0) process.stderr.write(`  spoken ${done}/${cues.length}\n`)
  return line
})

function chimeLine(slot: number): SpokenLine {
  const samples = chime(Math.min(CHIME_SECONDS, slot))
  return { samples, speedup: 1, cut: 0, natural: samples.length / SAMPLE_RATE }
}

const lastCue = cues[cues.length - 1] as Cue
const lastLine = lines[lines.length - 1] as SpokenLine
// Whole milliseconds, so that the duration is exact in samples and in every format's timestamps.
const duration =
  Math.ceil((lastCue.start + LEAD_IN + lastLine.samples.length / SAMPLE_RATE + END_PAD) * 1000) / 1000

// The player reads the transcript with this duration: its cues must be the ones the audio was made for.
const final = parseCues(source, duration)
if (
  final.length !== cues.length ||
  final.some((c, i) => c.start !== cues[i]?.start || c.text !== cues[i]?.text)
) {
  throw new Error(`re-parsing with duration ${duration} changed the cues`)
}

const pcm = new Int16Array(toSample(duration))
for (let i = 0; i < cues.length; i++) {
  const at = toSample((cues[i] as Cue).start + LEAD_IN)
  const line = lines[i] as SpokenLine
  const next = cues[i + 1]
  if (next !== undefined && at + line.samples.length > toSample(next.start)) {
    throw new Error(`line ${i} would overrun the next cue`)
  }
  mixInto(pcm, line.samples, at)
}

const audioPath = episodePath(files.audio)
await encodeMp3(pcm, audioPath, {
  bitrate: Number(values.bitrate),
  title: 'Python Language Summit 2025',
  artist: 'Talk Python To Me (synthesised from the transcript)',
})
// The exact PCM before encoding, for comparing against the MP3 (`measure-drift --audio`); not committed.
if (values.wav !== undefined) await writeWav(pcm, values.wav)
const peaks = computePeaks(pcm, SAMPLE_RATE, Number(values['samples-per-pixel']))
writeFileSync(episodePath(files.peaks), `${JSON.stringify(peaks)}\n`)
if (values.excerpt) writeFileSync(episodePath(files.transcript), source)
else writeEpisodeJson(duration)

// Check what a listener gets: the decoded MP3 must line up with the PCM to the sample and be as long.
const decoded = await decodeToPcm(audioPath)
const lag = bestLag(pcm, decoded, toSample(cues[0]?.start ?? 0), Math.round(0.1 * SAMPLE_RATE))
const info = await probe(audioPath)
report()

function writeEpisodeJson(seconds: number): void {
  const episode = {
    title: 'Python Language Summit 2025',
    show: 'Talk Python To Me',
    number: 514,
    description:
      'Every year the core developers of Python meet in person, behind closed doors, to focus on ' +
      'high-priority topics for CPython and beyond. This year they met at PyCon US 2025, and Seth Michael ' +
      'Larson was in the room to write up each topic and the reactions to it. Michael Kennedy and Seth ' +
      'explore where Python is going and the pressing matters the core devs are giving their attention to. ' +
      'Recorded June 17th, 2025. (The audio in this demo is synthesised from the published transcript.)',
    audio: FULL.audio,
    transcript: FULL.transcript,
    peaks: FULL.peaks,
    // chapters.json is kept beside episode.json; this script does not write it.
    chapters: 'chapters.json',
    duration: seconds,
  }
  writeFileSync(episodePath('episode.json'), `${JSON.stringify(episode, null, 2)}\n`)
}

/** The shift of `b` against `a` (in samples, within ±`range`) that matches them best, around `at`. */
function bestLag(a: Int16Array, b: Int16Array, at: number, range: number): number {
  const from = Math.max(range, at)
  const to = Math.min(a.length - range, b.length - range, from + 2 * SAMPLE_RATE)
  let best = 0
  let bestScore = Number.NEGATIVE_INFINITY
  for (let lag = -range; lag <= range; lag++) {
    let score = 0
    for (let i = from; i < to; i++) score += (a[i] as number) * (b[i + lag] as number)
    if (score > bestScore) {
      bestScore = score
      best = lag
    }
  }
  return best
}

function report(): void {
  const sped = lines.filter((l) => l.speedup > 1)
  const cut = lines.filter((l) => l.cut > 0)
  const silent = lines.filter((l) => l.samples.length === 0)
  const maxSpeedup = Math.max(1, ...sped.map((l) => l.speedup))
  const atCap = sped.filter((l) => l.speedup >= speech.maxSpeedup - 1e-9).length
  const cutSeconds = cut.reduce((s, l) => s + l.cut, 0)
  const naturalSeconds = lines.reduce((s, l) => s + l.natural, 0)
  const rows: Array<[string, string]> = [
    ['cues', String(cues.length)],
    [
      'voices',
      speakers.length > 0
        ? `${speakers.length} speakers over ${speech.voices.join(', ')}`
        : (speech.voices[0] ?? ''),
    ],
    ['base rate', `${speech.rate} wpm, lead-in ${LEAD_IN} s, gap before next cue ${speech.gap} s`],
    [
      'sped up',
      `${sped.length} lines, at most ${maxSpeedup.toFixed(2)}x (cap ${speech.maxSpeedup}x, reached by ${atCap} lines)`,
    ],
    [
      'cut',
      `${cut.length} lines, ${cutSeconds.toFixed(1)} s of ${naturalSeconds.toFixed(1)} s spoken at base rate (max ${Math.max(0, ...cut.map((l) => l.cut)).toFixed(2)} s from one line)`,
    ],
    ['silent lines', String(silent.length)],
    ['duration', `${duration} s (PCM ${pcm.length} samples at ${SAMPLE_RATE} Hz)`],
    [
      'mp3',
      `${info.sizeBytes} bytes (${(info.sizeBytes / 1024 / 1024).toFixed(2)} MiB), ${info.codec} ${info.sampleRate} Hz ${info.channels} ch, ${Math.round(info.bitRate / 1000)} kbit/s, ffprobe duration ${info.duration} s`,
    ],
    [
      'decoded',
      `${decoded.length} samples (${decoded.length - pcm.length >= 0 ? '+' : ''}${decoded.length - pcm.length} vs PCM), best lag ${lag} samples`,
    ],
    [
      'peaks',
      `${peaks.length} pixels at ${peaks.samples_per_pixel} samples/pixel (${(SAMPLE_RATE / peaks.samples_per_pixel).toFixed(0)}/s)`,
    ],
    ['time', `${((performance.now() - started) / 1000).toFixed(1)} s`],
  ]
  for (const [k, v] of rows) console.log(`${k.padEnd(13)} ${v}`)
  const worst = lines
    .map((l, i) => ({ l, i }))
    .filter(({ l }) => l.cut > 0)
    .sort((a, b) => b.l.cut - a.l.cut)
    .slice(0, 5)
  for (const { l, i } of worst) {
    const cue = cues[i] as Cue
    const slot = slotOf(i)
    console.log(
      `  cut ${l.cut.toFixed(2)} s of cue ${i} at ${cue.start} s (slot ${slot.toFixed(2)} s, ${l.natural.toFixed(2)} s at base rate): ${cue.text.slice(0, 60)}`,
    )
  }
}
