/** Speaking one transcript line with espeak-ng so that it fits the time its cue is on screen. */
import { cutWithFade, fromBytes, SAMPLE_RATE, soundSpan } from './pcm.js'
import { pipe } from './process.js'

/** How lines are spoken and squeezed into their slot. */
export interface SpeechOptions {
  /** espeak-ng voices; a cue's speaker picks one by order of appearance, lines without speaker use the first. */
  voices: readonly string[]
  /** Base speaking rate in words per minute (espeak's `-s`). */
  rate: number
  /** Most a line is sped up (espeak rate / base rate) before it is cut instead. */
  maxSpeedup: number
  /** Silence kept between the end of a line and the next cue's start, in seconds. */
  gap: number
}

/** What became of one line. */
export interface SpokenLine {
  samples: Int16Array
  /** espeak rate used / base rate (1 when the line fitted as it was). */
  speedup: number
  /** Seconds cut off the end because the line still overran at `maxSpeedup` (0 when it fitted). */
  cut: number
  /** Length at the base rate, in seconds, before any speed-up or cut. */
  natural: number
}

/** Below this, a sample is silence: about -54 dBFS, far under the drift measurement's speech threshold. */
const SILENCE = 64
/** Sound kept after a line's last loud sample, so that word endings are not clipped. */
const TAIL = Math.round(0.01 * SAMPLE_RATE)
/** Fade applied when a line must be cut. */
const CUT_FADE = Math.round(0.03 * SAMPLE_RATE)
/** espeak-ng refuses faster rates. */
const ESPEAK_MAX_RATE = 450

/**
 * True for stage directions such as `*music*` or `[laughter]`: they get a short chime instead of a voice
 * reading out the asterisks, so the waveform and the highlight still show something happening there.
 */
export function isStageDirection(text: string): boolean {
  const t = text.trim()
  const pairs = ['**', '[]', '()']
  return t.length > 2 && pairs.some((p) => t.startsWith(p[0] as string) && t.endsWith(p[1] as string))
}

/**
 * espeak-ng, resampled by sox to `SAMPLE_RATE` mono s16 and trimmed to where there is sound. sox's `-D`
 * turns off its default dither, which is random: without it the episode would differ on every run.
 */
async function synthesize(text: string, voice: string, rate: number): Promise<Int16Array> {
  const raw = await pipe(
    ['espeak-ng', ['--stdin', '--stdout', '-b', '1', '-v', voice, '-s', String(Math.round(rate))]],
    [
      'sox',
      [
        '-D',
        '-t',
        'wav',
        '-',
        '-t',
        'raw',
        '-e',
        'signed',
        '-b',
        '16',
        '-c',
        '1',
        '-r',
        String(SAMPLE_RATE),
        '-',
      ],
    ],
    text,
  )
  return soundSpan(fromBytes(raw), SILENCE, TAIL)
}

/**
 * A soft rising three-note chime lasting `seconds` (made here rather than by sox, whose chained `synth`
 * effects overlay instead of following each other).
 */
export function chime(seconds: number): Int16Array {
  const out = new Int16Array(Math.max(0, Math.round(seconds * SAMPLE_RATE)))
  const notes = [523.25, 659.25, 783.99]
  const step = out.length / notes.length
  notes.forEach((hz, n) => {
    const from = Math.round(n * step)
    for (let i = from; i < out.length; i++) {
      const t = (i - from) / SAMPLE_RATE
      // A bell-like partial pair with an exponential decay; later notes ring over earlier ones.
      const v = Math.exp(-3 * t) * (Math.sin(2 * Math.PI * hz * t) + 0.3 * Math.sin(2 * Math.PI * 2 * hz * t))
      const fadeOut = Math.min(1, (out.length - i) / (0.2 * SAMPLE_RATE))
      out[i] = Math.max(-32768, Math.min(32767, (out[i] as number) + Math.round(v * 6000 * fadeOut)))
    }
  })
  return soundSpan(out, SILENCE, TAIL)
}

/**
 * Speaks `text` so that it lasts at most `slot` seconds: at the base rate when it fits, faster up to
 * `maxSpeedup` (re-spoken by espeak at a higher rate, so the synthesiser shortens sounds and pauses the way
 * it would for a fast talker instead of a time-stretch smearing them), and cut with a short fade when even
 * that overruns. `slot` is `Infinity` for the last line.
 */
export async function speakLine(
  text: string,
  voice: string,
  slot: number,
  options: SpeechOptions,
): Promise<SpokenLine> {
  const limit = Number.isFinite(slot) ? Math.max(0, Math.floor(slot * SAMPLE_RATE)) : Number.POSITIVE_INFINITY
  const base = await synthesize(text, voice, options.rate)
  const natural = base.length / SAMPLE_RATE
  if (base.length <= limit) return { samples: base, speedup: 1, cut: 0, natural }

  const maxRate = Math.min(options.rate * options.maxSpeedup, ESPEAK_MAX_RATE)
  let rate = options.rate
  let samples = base
  // espeak's length is not quite inversely proportional to its rate (pauses shrink less), so aim a little
  // faster than the ratio says and correct once more if that still overruns.
  for (let attempt = 0; attempt < 3 && samples.length > limit && rate < maxRate; attempt++) {
    rate = Math.min(maxRate, rate * (samples.length / Math.max(1, limit)) * 1.03)
    samples = await synthesize(text, voice, rate)
  }
  const speedup = rate / options.rate
  if (samples.length <= limit) return { samples, speedup, cut: 0, natural }
  const cut = (samples.length - limit) / SAMPLE_RATE
  return { samples: cutWithFade(samples, limit, CUT_FADE), speedup, cut, natural }
}
