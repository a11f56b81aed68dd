/**
 * Links to a moment of an episode, with the words said there: `#t=754.2,761.9&q=the%20words` (the
 * Media Fragments `t=` syntax, plus the quote). The quote lets a link survive a transcript whose times
 * moved (an ad inserted, a re-edit): `locateQuote` finds the words near the linked time.
 */
import type { Transcript } from './model.js'
import { fold } from './search.js'
import { lastStartingBy, parseTimestamp } from './time.js'

/** A moment of an episode: seconds of transcript time, and the words said there. */
export interface QuoteLink {
  start: number
  end?: number
  quote?: string
}

/** Words of the quote a link keeps: enough to find the line again, short enough for a URL. */
const QUOTE_WORDS = 8

/** Seconds as a link writes them: up to milliseconds, no trailing zeros (`754.2`). */
function seconds(t: number): string {
  return String(Math.round(Math.max(0, t) * 1000) / 1000)
}

/**
 * `base` with a fragment `#t=start[,end][&q=first words]` (any fragment `base` had is replaced). The quote
 * keeps its first eight words, URL-encoded.
 */
export function formatQuoteLink(base: string, link: QuoteLink): string {
  const hash = base.indexOf('#')
  let out = `${hash === -1 ? base : base.slice(0, hash)}#t=${seconds(link.start)}`
  if (link.end !== undefined && link.end > link.start) out += `,${seconds(link.end)}`
  const words = link.quote?.trim().split(/\s+/u).slice(0, QUOTE_WORDS).join(' ')
  if (words !== undefined && words.length > 0) out += `&q=${encodeURIComponent(words)}`
  return out
}

/** One end of a `t=` range: seconds, `mm:ss(.f)`, `hh:mm:ss(.f)`, with an optional `npt:` prefix. */
function nptTime(s: string): number {
  return parseTimestamp(s.startsWith('npt:') ? s.slice(4) : s)
}

/**
 * Reads a link's fragment (a whole URL, `#t=...`, or `t=...`): `t=754`, `t=754.2,761.9`, `t=12:34.2`,
 * `t=npt:754`, `t=,20` (from the start to 20 s), and `q=` (the quote, decoded). Returns null when the
 * fragment has no usable `t=`.
 */
export function parseQuoteLink(hashOrUrl: string): QuoteLink | null {
  const hash = hashOrUrl.indexOf('#')
  const fragment = hash === -1 ? hashOrUrl : hashOrUrl.slice(hash + 1)
  let link: QuoteLink | null = null
  let quote: string | undefined
  for (const part of fragment.split('&')) {
    const eq = part.indexOf('=')
    if (eq === -1) continue
    const key = part.slice(0, eq)
    const value = part.slice(eq + 1)
    if (key === 't' && link === null) {
      const decoded = safeDecode(value) ?? value
      const comma = decoded.indexOf(',')
      const from = comma === -1 ? decoded : decoded.slice(0, comma)
      const to = comma === -1 ? '' : decoded.slice(comma + 1)
      const start = from === '' || from === 'npt:' ? 0 : nptTime(from)
      const end = to === '' ? undefined : nptTime(to)
      if (!Number.isFinite(start) || (end !== undefined && !(Number.isFinite(end) && end > start))) continue
      if (from === '' && end === undefined) continue
      link = end === undefined ? { start } : { start, end }
    } else if (key === 'q' && quote === undefined) {
      const decoded = safeDecode(value)
      if (decoded !== undefined && decoded.trim() !== '') quote = decoded.trim()
    }
  }
  if (link !== null && quote !== undefined) link.quote = quote
  return link
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}

/** Where `locateQuote` puts a link. */
export interface LocatedQuote {
  /** Transcript time to seek to. */
  time: number
  /** The line the time falls in (-1 when the transcript has none there). */
  cue: number
  /** True when the quote was found on a line other than the one at the link's time. */
  moved: boolean
  /** `time` minus the link's start (0 unless moved). */
  offset: number
  /** False when the quote's words were found nowhere near: `time` is the link's own. */
  found: boolean
}

/** Options of `locateQuote`. */
export interface LocateOptions {
  /** How far (seconds) before and after the link's time to look for the quote; default 600. */
  window?: number
}

/** A text as `locateQuote` compares it: search's folding, punctuation dropped, words single-spaced. */
function words(s: string): string {
  return fold(s)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
}

/**
 * Places a link in a transcript: its own time when the line there holds the quote's words (ignoring
 * case, accents and punctuation; the quote may run on into the next line); else the start of the line
 * nearest to it, within `window` seconds, that holds them (`moved`, with the `offset`); else its own
 * time, `found: false`. A link without a quote keeps its time.
 */
export function locateQuote(
  transcript: Transcript,
  link: { start: number; quote?: string },
  options: LocateOptions = {},
): LocatedQuote {
  const cues = transcript.cues
  const at = lastStartingBy(cues, link.start)
  const here: LocatedQuote = { time: link.start, cue: at, moved: false, offset: 0, found: false }
  const needle = link.quote === undefined ? '' : words(link.quote)
  if (needle === '') return here
  const folded = new Map<number, string>()
  const text = (k: number) => {
    let t = folded.get(k)
    if (t === undefined) {
      t = words(cues[k]!.text)
      folded.set(k, t)
    }
    return t
  }
  // The quote starts in line k: found in k's words and the next line's, starting inside k's.
  const holds = (k: number) => {
    const own = text(k)
    const joined = k + 1 < cues.length ? `${own} ${text(k + 1)}` : own
    const i = ` ${joined} `.indexOf(` ${needle} `)
    return i !== -1 && i <= own.length
  }
  if (at >= 0 && holds(at)) return { ...here, found: true }
  const window = options.window ?? 600
  let best = -1
  let bestDistance = Number.POSITIVE_INFINITY
  for (let k = 0; k < cues.length; k++) {
    const distance = Math.abs(cues[k]!.start - link.start)
    if (distance > window || distance >= bestDistance || k === at) continue
    if (holds(k)) {
      best = k
      bestDistance = distance
    }
  }
  if (best === -1) return here
  const time = cues[best]!.start
  return { time, cue: best, moved: true, offset: time - link.start, found: true }
}
