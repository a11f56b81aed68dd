/**
 * The lenient clock times of SRT and Podcasting 2.0 HTML (`0:00`, `1:02:03.5`, `00:00:01,000`,
 * `0:0:7,560`), scanned in place: no substring, no match array, and whole milliseconds (small integers
 * that V8 keeps unboxed) rather than seconds, because a long file has hundreds of thousands of them.
 */

/** Where a scan stopped; reused by the caller instead of returning a pair. */
export interface ClockCursor {
  pos: number
}

/**
 * Reads `[[H:]M:]S[,.F]` at `from` in `s`, not past `to`: one to three colon-separated fields (hours up to
 * 7 digits, minutes and seconds 1-2 digits and at most 59, except that a leading minutes field may be
 * larger), then optionally a comma or dot and 1-9 digits read as a decimal fraction (`.05` is 50 ms;
 * digits past the third are rounded). A single field needs `single` (plain seconds). Returns whole
 * milliseconds and sets `at.pos` just after the time, or returns NaN.
 */
export function scanClockMs(s: string, from: number, to: number, at: ClockCursor, single = false): number {
  let i = from
  let f0 = 0
  let f1 = 0
  let f2 = 0
  let count = 0
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
    if (digits === 0 || digits > (count === 0 ? 7 : 2)) return Number.NaN
    if (count === 0) f0 = value
    else if (count === 1) f1 = value
    else f2 = value
    count++
    if (count < 3 && i + 1 < to && s.charCodeAt(i) === 58 && isDigit(s.charCodeAt(i + 1))) {
      i++
      continue
    }
    break
  }
  if (count < 2 && !single) return Number.NaN
  const h = count === 3 ? f0 : 0
  const m = count === 3 ? f1 : count === 2 ? f0 : 0
  const sec = count === 3 ? f2 : count === 2 ? f1 : f0
  if ((count === 3 && m > 59) || (count > 1 && sec > 59)) return Number.NaN
  let ms = 0
  const sep = s.charCodeAt(i)
  if ((sep === 44 || sep === 46) && i + 1 < to && isDigit(s.charCodeAt(i + 1))) {
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
  }
  at.pos = i
  return ((h * 60 + m) * 60 + sec) * 1000 + ms
}

// Fraction digits to milliseconds: a table, not a power (this runs twice per cue).
const SCALE = [0, 100, 10, 1]
const SCALE_DOWN = [1, 1, 1, 1, 10, 100, 1000, 10_000, 100_000, 1_000_000]

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}
