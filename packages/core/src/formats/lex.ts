/**
 * The lexical pieces every reader shares: character classes, one cursor type and one clock scanner.
 * Readers scan the source in place with `charCodeAt` (no substrings, no match arrays), because a long
 * file has hundreds of thousands of timestamps; these helpers are small enough for V8 to inline.
 */

/** Where a scan stopped: the caller passes one in and reads `pos` after a successful scan. */
export interface Cursor {
  pos: number
}

/** `0`-`9`. */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/**
 * Blank inside a line: space, tab, vertical tab, form feed, no-break space, BOM and ideographic space
 * (what text editors and word processors leave around a line's content).
 */
export function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || c === 12 || c === 11 || c === 0xfeff || c === 0x3000
}

/** Any white space, line breaks included: Unicode's White_Space characters and the BOM. */
export function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x1680 ||
    c === 0x85 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

/** ASCII whitespace (space, tab, LF, FF, CR): what WebVTT's and HTML's syntax skip and tags end at. */
export function isAsciiSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 12 || c === 13
}

/** True when `s[from, to)` holds only `isSpace` characters (or nothing). */
export function isSpaceRange(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isSpace(s.charCodeAt(i))) return false
  return true
}

/** Index of the first character at or after `from` (before `to`) that is not `isBlank`. */
export function skipBlank(s: string, from: number, to: number): number {
  let i = from
  while (i < to && isBlank(s.charCodeAt(i))) i++
  return i
}

/**
 * How `scanClockMs` reads a time:
 * - `CLOCK_VTT`: WebVTT's own timestamp, `[h*:]mm:ss.ttt` (hours of any length, two-digit minutes and
 *   seconds, exactly three fraction digits after a dot), as the spec's "collect a WebVTT timestamp".
 * - `CLOCK_LENIENT`: what SRT files, HTML transcripts and off-spec WebVTT writers use:
 *   `[[H:]M:]S[,.F]` with two or three colon-separated fields (hours up to 7 digits, minutes and seconds
 *   1-2 digits and at most 59, except that a leading minutes field may be larger: `75:30`), and an
 *   optional comma or dot fraction of 1-9 digits read as a decimal fraction (`.05` is 50 ms).
 * - `CLOCK_SECONDS`: `CLOCK_LENIENT`, and also a lone seconds field (`0.860`, `754`).
 * - `CLOCK_STAMP`: the stamps of timestamped text, `H:MM:SS` or `MM:SS` (lead of 1-3 digits, then one or
 *   two fields of exactly two digits, no digit after them), with an optional fraction, so that `3:1` or
 *   `10:305` are not stamps.
 */
export const CLOCK_VTT = 0
export const CLOCK_LENIENT = 1
export const CLOCK_SECONDS = 2
export const CLOCK_STAMP = 3
/** One of the `CLOCK_*` modes. */
export type ClockMode = 0 | 1 | 2 | 3

/**
 * Reads a time at `from` in `s`, not past `to`, in the given mode. Returns whole milliseconds (a small
 * integer, which V8 keeps unboxed; seconds would allocate a heap number on every call) and sets
 * `at.pos` just after the time, or returns NaN (and leaves `at` alone) when there is none.
 */
export function scanClockMs(s: string, from: number, to: number, at: Cursor, mode: ClockMode): number {
  let i = from
  let f0 = 0
  let f1 = 0
  let f2 = 0
  let count = 0
  let firstDigits = 0
  for (;;) {
    let value = 0
    let digits = 0
    while (i < to) {
      const c = s.charCodeAt(i) - 48
      if (c < 0 || c > 9) break
      value = value * 10 + c
      digits++
      i++
    }
    if (digits === 0) return Number.NaN
    if (count === 0) {
      // The lead field: hours, or minutes, or (CLOCK_SECONDS) seconds.
      if (digits > (mode === CLOCK_STAMP ? 3 : mode === CLOCK_VTT ? 15 : 9)) return Number.NaN
      firstDigits = digits
      f0 = value
    } else {
      if (mode === CLOCK_LENIENT || mode === CLOCK_SECONDS ? digits > 2 : digits !== 2) return Number.NaN
      if (count === 1) f1 = value
      else f2 = value
    }
    count++
    if (count < 3 && i + 1 < to && s.charCodeAt(i) === 58 && isDigit(s.charCodeAt(i + 1))) {
      i++
      continue
    }
    break
  }
  let h: number
  let m: number
  let sec: number
  if (count === 3) {
    h = f0
    m = f1
    sec = f2
    if (m > 59) return Number.NaN
  } else if (count === 2) {
    // WebVTT's minutes are exactly two digits when there are no hours; elsewhere they may run long.
    if (mode === CLOCK_VTT && (firstDigits !== 2 || f0 > 59)) return Number.NaN
    h = 0
    m = f0
    sec = f1
  } else {
    if (mode !== CLOCK_SECONDS) return Number.NaN
    h = 0
    m = 0
    sec = f0
  }
  if (count > 1 && sec > 59) return Number.NaN
  if (mode === CLOCK_LENIENT && firstDigits > 7) return Number.NaN
  let ms = 0
  const sep = i < to ? s.charCodeAt(i) : -1
  if (mode === CLOCK_VTT) {
    // Exactly ".ttt".
    if (sep !== 46 || i + 4 > to) return Number.NaN
    const a = s.charCodeAt(i + 1) - 48
    const b = s.charCodeAt(i + 2) - 48
    const c = s.charCodeAt(i + 3) - 48
    if (a < 0 || a > 9 || b < 0 || b > 9 || c < 0 || c > 9) return Number.NaN
    if (i + 4 < to && isDigit(s.charCodeAt(i + 4))) return Number.NaN
    ms = a * 100 + b * 10 + c
    i += 4
  } else if ((sep === 44 || sep === 46) && i + 1 < to && isDigit(s.charCodeAt(i + 1))) {
    i++
    let frac = 0
    let digits = 0
    while (i < to) {
      const c = s.charCodeAt(i) - 48
      if (c < 0 || c > 9) break
      frac = frac * 10 + c
      digits++
      i++
    }
    if (digits > 9) return Number.NaN
    ms = digits <= 3 ? frac * SCALE[digits]! : Math.round(frac / SCALE_DOWN[digits]!)
  } else if (mode === CLOCK_STAMP && i < to && isDigit(s.charCodeAt(i))) {
    return Number.NaN
  }
  at.pos = i
  return ((h * 60 + m) * 60 + sec) * 1000 + ms
}

// Fraction digits to milliseconds: a table, not a power (this runs twice per cue).
const SCALE = [0, 100, 10, 1]
const SCALE_DOWN = [1, 1, 1, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

/**
 * The clock time nearly every file writes, `HH:MM:SS.mmm` (or, unless `dotOnly`, `HH:MM:SS,mmm`), read
 * at fixed offsets from `i`: a fraction of the time of `scanClockMs`, which handles everything else.
 * Returns milliseconds, or -1 when the 12 characters at `i` are not such a time.
 */
export function fixedClockMs(s: string, i: number, dotOnly: boolean): number {
  const h = digits2(s, i)
  const m = digits2(s, i + 3)
  const sec = digits2(s, i + 6)
  const sep = s.charCodeAt(i + 8)
  const centis = digits2(s, i + 9)
  const last = s.charCodeAt(i + 11) - 48
  if (h < 0 || m < 0 || m > 59 || sec < 0 || sec > 59 || centis < 0 || last < 0 || last > 9) return -1
  if (s.charCodeAt(i + 2) !== 58 || s.charCodeAt(i + 5) !== 58) return -1
  if (sep !== 46 && (dotOnly || sep !== 44)) return -1
  return ((h * 60 + m) * 60 + sec) * 1000 + centis * 10 + last
}

/** Two decimal digits at `i` as a number, or -1. */
function digits2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48
  const b = s.charCodeAt(i + 1) - 48
  return a < 0 || a > 9 || b < 0 || b > 9 ? -1 : a * 10 + b
}
