/**
 * Cleanup shared by every reader: ordering, rolling-duplicate merging, end-time inference and the
 * guarantee that every cue can be the active one.
 */
import type { NormalizeOptions, ReadResult } from './formats/types.js'
import type { ParseWarning, Transcript, TranscriptFormat, Word } from './model.js'

// Speech runs at about 15 characters a second; an end we must invent should not outlast the line.
const CHARS_PER_SECOND = 15
const MIN_ESTIMATE = 1

// Rolling captions repeat a line with a start equal to the previous end, give or take rounding.
const TOUCH_TOLERANCE = 0.001

/** Seconds a line of this text plausibly takes to say, for ends that the source does not give. */
export function estimateDuration(text: string): number {
  return Math.max(MIN_ESTIMATE, text.length / CHARS_PER_SECOND)
}

/**
 * Turns a reader's raw cues into a `Transcript`: drops cues without a usable start (with a warning),
 * sorts by start (stable), merges repeated lines, spreads lines that share a start, infers missing
 * ends and clamps word timings into their cue. Linear time apart from sorting unordered input.
 *
 * Takes ownership of `result`: its cue objects and, when they are in order, its array become the
 * transcript's, updated in place. Allocating a second set of 100,000 cues (or any large scratch array)
 * would cost more than the cleanup itself.
 */
export function normalize(
  result: ReadResult,
  format: TranscriptFormat,
  options: NormalizeOptions = {},
): Transcript {
  const duration = options.duration ?? result.duration
  const source = result.cues
  const lines = result.lines
  const warnings: ParseWarning[] = result.warnings.slice()
  const n = source.length
  const lineAt = (i: number): number => (lines === undefined ? 0 : (lines[i] ?? 0))

  // 1. Validate times in place. A cue without a finite start is dropped (below) with a warning.
  let negatives = 0
  let firstNegativeLine = 0
  let negativeStarts = 0
  for (let i = 0; i < n; i++) {
    const cue = source[i]!
    const start = cue.start
    if (!Number.isFinite(start)) {
      warnings.push({
        line: lineAt(i),
        code: 'bad-timestamp',
        message: `Cue without a usable start time (${String(start)}) skipped: ${JSON.stringify(clip(cue.text))}`,
      })
      continue
    }
    if (start < 0) {
      cue.start = 0
      negativeStarts++
    }
    const end = cue.end
    if (!Number.isNaN(end) && !Number.isFinite(end)) {
      warnings.push({
        line: lineAt(i),
        code: 'bad-timestamp',
        message: `End time ${String(end)} ignored; the cue ends where the next one starts`,
      })
      cue.end = Number.NaN
    } else if (end < cue.start) {
      if (negatives === 0) firstNegativeLine = lineAt(i)
      negatives++
    }
  }
  if (negativeStarts > 0) {
    warnings.push({
      line: 0,
      code: 'invalid-value',
      message: `${negativeStarts} cue(s) started before 0 and now start at 0`,
    })
  }
  if (negatives > 0) {
    warnings.push({
      line: firstNegativeLine,
      code: 'negative-duration',
      message: `${negatives} cue(s) ended before they started; their ends were inferred instead`,
    })
  }

  // 2. Sort by start (Array.prototype.sort is stable), only when the source is out of order.
  let seq = source
  let last = Number.NEGATIVE_INFINITY
  for (let i = 0; i < n; i++) {
    const start = source[i]!.start
    if (!Number.isFinite(start)) continue
    if (start < last) {
      warnings.push({
        line: lineAt(i),
        code: 'unordered',
        message: 'Cues are not in time order; they were sorted by start time',
      })
      seq = source.filter((c) => Number.isFinite(c.start)).sort((a, b) => a.start - b.start)
      break
    }
    last = start
  }

  // 3. Merge consecutive repeats into the first of them, compacting `seq` in place (the write index
  // never passes the read index).
  const mergeAll = options.mergeRepeats ?? format === 'text'
  const mergeTouching = options.mergeRepeats === undefined && format !== 'text'
  let m = 0
  let merged = 0
  let firstMergedLine = 0
  for (let k = 0; k < seq.length; k++) {
    const cue = seq[k]!
    if (!Number.isFinite(cue.start)) continue
    if (m > 0 && (mergeAll || mergeTouching) && cue.text !== '') {
      const head = seq[m - 1]!
      let merge = false
      // Two speakers saying the same words are two lines, in any format.
      if (head.speaker === cue.speaker && sameText(head.text, cue.text)) {
        merge = mergeAll || Number.isNaN(head.end) || cue.start <= head.end + TOUCH_TOLERANCE
      }
      if (merge) {
        // The merged cue lasts to the last end (or to the inferred end of the last repeat).
        if (Number.isNaN(cue.end) || !(cue.end < head.end)) head.end = cue.end
        // Words come from the first repeat that has them: a repeat re-times the same words.
        if ((head.words === undefined || head.words.length === 0) && cue.words !== undefined)
          head.words = cue.words
        // While `seq` is the source array, k is the cue's source index; after a sort, look it up (once).
        if (merged === 0) firstMergedLine = seq === source ? lineAt(k) : lineAt(source.indexOf(cue))
        merged++
        continue
      }
    }
    seq[m++] = cue
  }
  seq.length = m
  if (merged > 0) {
    warnings.push({
      line: firstMergedLine,
      code: 'duplicate-merged',
      message: `${merged} repeated line(s) merged into the cue before them`,
    })
  }

  // 4. Lines sharing a start split the shared span evenly, so that each one can be active.
  for (let a = 0; a < m; ) {
    const s = seq[a]!.start
    let b = a
    while (b + 1 < m && seq[b + 1]!.start === s) b++
    if (b === a) {
      a++
      continue
    }
    const count = b - a + 1
    const next = b + 1 < m ? seq[b + 1]!.start : Number.NaN
    let groupEnd = Number.NaN
    for (let u = a; u <= b; u++) {
      const e = seq[u]!.end
      if (e > s && !(e <= groupEnd)) groupEnd = e
    }
    let bound: number
    if (!Number.isNaN(groupEnd)) bound = Number.isNaN(next) ? groupEnd : Math.min(groupEnd, next)
    else if (!Number.isNaN(next)) bound = next
    else if (duration !== undefined && duration > s) bound = duration
    else {
      bound = s
      for (let u = a; u <= b; u++) bound += estimateDuration(seq[u]!.text)
    }
    const span = (bound - s) / count
    for (let q = 0; q < count; q++) {
      const cue = seq[a + q]!
      cue.start = s + q * span
      if (q < count - 1) cue.end = s + (q + 1) * span
      else if (!Number.isNaN(cue.end) && !(cue.end > cue.start)) cue.end = bound
    }
    a = b + 1
  }

  // 5. Infer missing ends, repair ends not after their start, fit words, collect speakers.
  const speakers: string[] = []
  const seenSpeakers = new Set<string>()
  let wordLevel = false
  let wordFixes = 0
  for (let u = 0; u < m; u++) {
    const cue = seq[u]!
    const start = cue.start
    const next = u + 1 < m ? seq[u + 1]!.start : Number.NaN
    if (Number.isNaN(cue.end)) {
      if (!Number.isNaN(next)) cue.end = next
      else if (duration !== undefined && duration > start) cue.end = duration
      else cue.end = start + estimateDuration(cue.text)
    } else if (!(cue.end > start)) {
      // A zero or negative span in the source: an estimate, cut short by the next start.
      const guess = start + estimateDuration(cue.text)
      cue.end = Number.isNaN(next) ? guess : Math.min(next, guess)
    }
    const speaker = cue.speaker
    if (speaker !== undefined && !seenSpeakers.has(speaker)) {
      seenSpeakers.add(speaker)
      speakers.push(speaker)
    }
    const words = cue.words
    if (words !== undefined) {
      if (words.length === 0) {
        // An empty word list says nothing; drop it rather than claim word timings.
        delete cue.words
      } else {
        const fitted = fitWords(words, start, cue.end)
        wordFixes += fitted.fixes
        cue.words = fitted.words
        wordLevel = true
      }
    }
  }
  if (wordFixes > 0) {
    warnings.push({
      line: 0,
      code: 'invalid-value',
      message: `${wordFixes} word timing(s) were missing, out of order or outside their cue and were repaired`,
    })
  }

  const transcript: Transcript = { format, cues: seq, warnings, speakers, wordLevel }
  if (duration !== undefined) transcript.duration = duration
  return transcript
}

/** Sorts words by start (stable) and clamps them into [start, end], in place; fills missing times from neighbours. */
function fitWords(words: Word[], start: number, end: number): { words: Word[]; fixes: number } {
  let fixes = 0
  let ordered = true
  for (let k = 0; k < words.length; k++) {
    const w = words[k]!
    if (!Number.isFinite(w.start)) {
      // A word without a time follows the word before it in the text.
      w.start = k > 0 ? words[k - 1]!.end : start
      fixes++
    }
    if (!Number.isFinite(w.end) || w.end < w.start) {
      w.end = w.start
      fixes++
    }
    if (k > 0 && w.start < words[k - 1]!.start) ordered = false
  }
  if (!ordered) {
    fixes++
    words.sort((a, b) => a.start - b.start)
  }
  for (const w of words) {
    const ws = Math.min(Math.max(w.start, start), end)
    const we = Math.min(Math.max(w.end, ws), end)
    if (ws !== w.start || we !== w.end) fixes++
    w.start = ws
    w.end = we
  }
  return { words, fixes }
}

/** True when two texts are equal ignoring letter case and runs of whitespace (leading/trailing included). */
export function sameText(a: string, b: string): boolean {
  if (a === b) return true
  // Fast path: most neighbours differ in a character that neither case nor spacing explains.
  const la = a.length
  const lb = b.length
  const min = Math.min(la, lb)
  let p = 0
  while (p < min && a.charCodeAt(p) === b.charCodeAt(p)) p++
  if (p < min) {
    const ca = a.charCodeAt(p)
    const cb = b.charCodeAt(p)
    if (!isSpace(ca) && !isSpace(cb) && !sameLetter(ca, cb)) return false
  }
  let i = skipSpace(a, 0)
  let j = skipSpace(b, 0)
  for (;;) {
    let spaceA = false
    let spaceB = false
    if (i < la && isSpace(a.charCodeAt(i))) {
      spaceA = true
      i = skipSpace(a, i)
    }
    if (j < lb && isSpace(b.charCodeAt(j))) {
      spaceB = true
      j = skipSpace(b, j)
    }
    // Running out on either side ends the comparison; a trailing run of spaces does not count.
    if (i >= la || j >= lb) return i >= la && j >= lb
    if (spaceA !== spaceB) return false
    const ca = a.charCodeAt(i)
    const cb = b.charCodeAt(j)
    if (ca !== cb && !sameLetter(ca, cb)) return false
    i++
    j++
  }
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && isSpace(s.charCodeAt(i))) i++
  return i
}

function sameLetter(ca: number, cb: number): boolean {
  if (ca < 128 && cb < 128) {
    // ASCII: fold A-Z without allocating.
    return (ca >= 65 && ca <= 90 ? ca + 32 : ca) === (cb >= 65 && cb <= 90 ? cb + 32 : cb)
  }
  return String.fromCharCode(ca).toLowerCase() === String.fromCharCode(cb).toLowerCase()
}

function isSpace(c: number): boolean {
  return (
    c === 32 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0xfeff ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x1680 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  )
}

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}
