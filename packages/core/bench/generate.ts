/** Synthetic long transcripts for benchmarks: deterministic, so every run measures the same input. */
import { formatTimestamp } from '../src/time.js'

const WORDS = (
  'so the core developers met in person to talk about free threading the JIT packaging and what the ' +
  'steering council thinks about typing lazy imports and the future of Python on the web with Pyodide'
).split(' ')

function rng(seed: number): () => number {
  let s = seed >>> 0
  return () => {
    s = (s + 0x6d2b79f5) >>> 0
    let t = s
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** `count` cues over `hours` hours: start, end and a 6-18 word line each. */
export function syntheticCues(count: number, hours = 10, seed = 514) {
  const random = rng(seed)
  const step = (hours * 3600) / count
  const cues: Array<{ start: number; end: number; text: string }> = []
  for (let i = 0; i < count; i++) {
    const start = Math.round(i * step * 1000) / 1000
    const end = Math.round((i + 1) * step * 1000 - 1) / 1000
    const n = 6 + Math.floor(random() * 13)
    const words: string[] = []
    for (let w = 0; w < n; w++) words.push(WORDS[Math.floor(random() * WORDS.length)]!)
    cues.push({ start, end, text: words.join(' ') })
  }
  return cues
}

/** A WebVTT file of the synthetic cues. */
export function syntheticVtt(count: number, hours = 10): string {
  const parts = ['WEBVTT', '']
  for (const c of syntheticCues(count, hours)) {
    parts.push(`${formatTimestamp(c.start, 'vtt')} --> ${formatTimestamp(c.end, 'vtt')}`, c.text, '')
  }
  return parts.join('\n')
}

/** An SRT file of the synthetic cues. */
export function syntheticSrt(count: number, hours = 10): string {
  const parts: string[] = []
  let i = 1
  for (const c of syntheticCues(count, hours)) {
    parts.push(
      String(i++),
      `${formatTimestamp(c.start, 'srt')} --> ${formatTimestamp(c.end, 'srt')}`,
      c.text,
      '',
    )
  }
  return parts.join('\n')
}

/** A word-level Podcasting 2.0 JSON file: one segment per word, two speakers taking turns. */
export function syntheticWordJson(words: number, hours = 10): string {
  const random = rng(7)
  const step = (hours * 3600) / words
  const segments: Array<{ speaker: string; startTime: number; endTime: number; body: string }> = []
  let speaker = 'Michael Kennedy'
  for (let i = 0; i < words; i++) {
    if (random() < 0.01) speaker = speaker === 'Michael Kennedy' ? 'Seth Larson' : 'Michael Kennedy'
    let body = WORDS[Math.floor(random() * WORDS.length)]!
    if (random() < 0.08) body += '.'
    const startTime = Math.round(i * step * 1000) / 1000
    segments.push({ speaker, startTime, endTime: Math.round((startTime + step * 0.9) * 1000) / 1000, body })
  }
  return JSON.stringify({ version: '1.0.0', segments })
}
