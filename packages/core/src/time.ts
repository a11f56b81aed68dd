/**
 * Time helpers: seconds everywhere in the API; only these produce or read `HH:MM:SS.mmm`; and the one
 * search for what starts by a time in a list sorted by start (cues, chapters).
 */
import { CLOCK_SECONDS, type Cursor, scanClockMs } from './formats/lex.js'

/** How `formatTimestamp` writes a time. */
export type TimestampStyle =
  /** `1:02:03` or `2:03` (as players show it). */
  | 'clock'
  /** `01:02:03.000` (WebVTT). */
  | 'vtt'
  /** `01:02:03,000` (SRT). */
  | 'srt'
  /** `01:02:03` (plain timestamped text). */
  | 'hms'

/** Formats seconds for display or for a file format. Negative and non-finite times count as 0. */
export function formatTimestamp(seconds: number, style: TimestampStyle = 'clock'): string {
  const ms = Number.isFinite(seconds) && seconds > 0 ? Math.round(seconds * 1000) : 0
  const h = Math.floor(ms / 3_600_000)
  const m = Math.floor(ms / 60_000) % 60
  const s = Math.floor(ms / 1000) % 60
  const frac = ms % 1000
  if (style === 'clock') {
    return h > 0 ? `${h}:${pad2(m)}:${pad2(s)}` : `${m}:${pad2(s)}`
  }
  const hms = `${pad2(h)}:${pad2(m)}:${pad2(s)}`
  if (style === 'hms') return hms
  return `${hms}${style === 'srt' ? ',' : '.'}${String(frac).padStart(3, '0')}`
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n)
}

/**
 * Reads `H:MM:SS`, `HH:MM:SS.mmm`, `MM:SS`, `SS.s`, plain seconds (`754`, `754.5`) or SRT's comma
 * fraction into seconds (to the millisecond). Returns `NaN` for anything else.
 */
export function parseTimestamp(text: string): number {
  const t = text.trim()
  const at: Cursor = { pos: 0 }
  const ms = scanClockMs(t, 0, t.length, at, CLOCK_SECONDS)
  return Number.isNaN(ms) || at.pos !== t.length ? Number.NaN : ms / 1000
}

/**
 * Index of the last item starting at or before `time` (seconds) in `items` sorted by start, or -1 when
 * none does (binary search). What plays at a time is found from it: the chapter (core's `chapterAt`,
 * dom's `currentChapter`) or the cue (quote links).
 */
export function lastStartingBy(items: readonly { readonly start: number }[], time: number): number {
  let lo = 0
  let hi = items.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if (items[mid]!.start <= time) lo = mid + 1
    else hi = mid
  }
  return lo - 1
}
