/**
 * Cleanup shared by every reader: ordering, repeated-line merging, end-time inference and the
 * guarantee that every cue can be the active one. `normalize` runs a list of passes over the reader's
 * cues, each a small function that updates them in place.
 */
import { isSpace } from './formats/lex.js'
import type { ReadResult } from './formats/types.js'
import type { Cue, ParseWarning, Transcript, TranscriptFormat, Word } from './model.js'

/** Per-format cleanup choices for `normalize`. */
export interface NormalizeOptions {
  /** Media duration in seconds, if known. */
  duration?: number
  /**
   * Merge consecutive cues with the same text and speaker: `true` merges every such repeat, `false`
   * none. By default text merges every repeat and other formats only the repeats that `isRollingRepeat`
   * accepts (see docs/ARCHITECTURE.md, "Cleanup").
   */
  mergeRepeats?: boolean
}

// Speech runs at about 15 characters a second; an end we must invent should not outlast the line.
const CHARS_PER_SECOND = 15
const MIN_ESTIMATE = 1

// Times are compared to the millisecond: closer than half of one, they are the same time.
const SAME_TIME = 0.0005
// No spoken line is this short: a cue under 100 ms is a display's bridge, such as the 10 ms cues
// that hold a line between two rolling YouTube captions. In whole milliseconds, so that float noise
// (0.3 - 0.2 < 0.1) does not make a 100 ms cue a bridge.
const BRIDGE_MS = 100

/** Seconds a line of this text plausibly takes to say, for ends that the source does not give. */
export function estimateDuration(text: string): number {
  return Math.max(MIN_ESTIMATE, text.length / CHARS_PER_SECOND)
}

/** What the passes share: the cues being cleaned, and what cleaning them found. */
interface Cleanup {
  /** The cues, in the reader's array until a pass needs another (sorting, dropping). */
  cues: Cue[]
  /** The reader's cues in the reader's order: `lines[k]` is the line of `source[k]`. */
  readonly source: Cue[]
  /** 1-based source lines, parallel to `source`; undefined once they no longer apply. */
  lines: ArrayLike<number> | undefined
  readonly warnings: ParseWarning[]
  readonly format: TranscriptFormat
  readonly duration: number | undefined
  readonly mergeRepeats: boolean | undefined
  speakers: string[]
  wordLevel: boolean
}

/** The cleanup, in order: each pass leaves the cues as the next one expects them. */
const PASSES: ReadonlyArray<(c: Cleanup) => void> = [
  validateTimes,
  sortByStart,
  mergeRepeats,
  spreadSharedStarts,
  inferEnds,
  fitWords,
  collectSpeakers,
]

/**
 * Turns a reader's raw cues into a `Transcript`: drops cues without a usable start (with a warning),
 * sorts by start (stable), merges repeated lines, spreads lines that share a start, infers missing
 * ends, fits word timings into their cue and lists the speakers. Linear time apart from sorting
 * unordered input.
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
  const cleanup: Cleanup = {
    cues: result.cues,
    source: result.cues,
    lines: result.lines,
    warnings: result.warnings.slice(),
    format,
    duration,
    mergeRepeats: options.mergeRepeats,
    speakers: [],
    wordLevel: false,
  }
  for (const pass of PASSES) pass(cleanup)
  const transcript: Transcript = {
    format,
    cues: cleanup.cues,
    warnings: cleanup.warnings,
    speakers: cleanup.speakers,
    wordLevel: cleanup.wordLevel,
  }
  if (duration !== undefined) transcript.duration = duration
  return transcript
}

/** The source line of `c.cues[k]` (0 when the reader gave none). */
function lineOf(c: Cleanup, k: number): number {
  const lines = c.lines
  if (lines === undefined) return 0
  // While the cues are the reader's array, k is the source index; otherwise look the cue up (once
  // per warning, not per cue).
  const index = c.cues === c.source ? k : c.source.indexOf(c.cues[k]!)
  return lines[index] ?? 0
}

/**
 * Drops cues without a finite start (a warning each, with their text), moves negative starts to 0,
 * turns infinite ends into missing ones and counts ends before their start (`inferEnds` repairs them).
 */
function validateTimes(c: Cleanup): void {
  const cues = c.cues
  const warnings = c.warnings
  let dropped = 0
  let negatives = 0
  let firstNegativeLine = 0
  let negativeStarts = 0
  for (let k = 0; k < cues.length; k++) {
    const cue = cues[k]!
    const start = cue.start
    if (!Number.isFinite(start)) {
      warnings.push({
        line: lineOf(c, k),
        code: 'bad-timestamp',
        message: `Cue without a usable start time (${String(start)}) skipped: ${JSON.stringify(clip(cue.text))}`,
      })
      dropped++
      continue
    }
    if (start < 0) {
      cue.start = 0
      negativeStarts++
    }
    const end = cue.end
    if (!Number.isNaN(end) && !Number.isFinite(end)) {
      warnings.push({
        line: lineOf(c, k),
        code: 'bad-timestamp',
        message: `End time ${String(end)} ignored; the cue ends where the next one starts`,
      })
      cue.end = Number.NaN
    } else if (end < cue.start) {
      if (negatives === 0) firstNegativeLine = lineOf(c, k)
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
  // A new array only when there is something to drop; the reader's stays whole for `lineOf`.
  if (dropped > 0) c.cues = cues.filter((cue) => Number.isFinite(cue.start))
}

/** Sorts by start (stable) with one warning, only when the cues are out of order. */
function sortByStart(c: Cleanup): void {
  const cues = c.cues
  let last = Number.NEGATIVE_INFINITY
  for (let k = 0; k < cues.length; k++) {
    const start = cues[k]!.start
    if (start < last) {
      c.warnings.push({
        line: lineOf(c, k),
        code: 'unordered',
        message: 'Cues are not in time order; they were sorted by start time',
      })
      // Array.prototype.sort is stable. The reader's array stays in its order for `lineOf`.
      c.cues = (cues === c.source ? cues.slice() : cues).sort((a, b) => a.start - b.start)
      return
    }
    last = start
  }
}

/**
 * Merges each repeat into the cue before it (the first of a run keeps its start and takes the last
 * end and the first words), compacting the cues in place: the write index never passes the read
 * index. Which repeats merge is `isRepeat`'s rule.
 */
function mergeRepeats(c: Cleanup): void {
  if (c.mergeRepeats === false) return
  const all = c.mergeRepeats === true || (c.mergeRepeats === undefined && c.format === 'text')
  const cues = c.cues
  let m = 0
  let merged = 0
  let firstMergedLine = 0
  for (let k = 0; k < cues.length; k++) {
    const cue = cues[k]!
    if (m > 0 && isRepeat(cues[m - 1]!, cue, all)) {
      const head = cues[m - 1]!
      // The merged cue lasts to the last end (or to the inferred end of the last repeat).
      if (Number.isNaN(cue.end) || !(cue.end < head.end)) head.end = cue.end
      // Words come from the first repeat that has them: a repeat re-times the same words.
      if ((head.words === undefined || head.words.length === 0) && cue.words !== undefined)
        head.words = cue.words
      // Slot k still holds this cue (writes go to m <= k), so its line can still be looked up.
      if (merged === 0) firstMergedLine = lineOf(c, k)
      merged++
      continue
    }
    cues[m++] = cue
  }
  if (merged === 0) return
  cues.length = m
  // Compacting in place moved the cues against the reader's lines.
  if (cues === c.source) c.lines = undefined
  c.warnings.push({
    line: firstMergedLine,
    code: 'duplicate-merged',
    message: `${merged} repeated line(s) merged into the cue before them`,
  })
}

/**
 * True when `cue`, which follows `head` in time order, repeats it: the same text (`sameText`) and
 * speaker (two people saying the same words are two lines), and with `all` (timestamped text, where
 * consecutive identical lines are one line) nothing more. Otherwise, in a format with end times, a
 * repeat with a time range of its own is speech said again and stays; it merges only when
 * - `head` has no end in the source: it lasts until the next start, which is where its repeat goes on;
 * - it is an exact duplicate: the same start and the same end;
 * - it starts before `head` ends: the same words on screen twice at once (rolling captions);
 * - it touches `head` and one of the two is a bridge cue, under `BRIDGE_MS` long (a rolling display
 *   holding its line between two captions).
 */
function isRepeat(head: Cue, cue: Cue, all: boolean): boolean {
  if (cue.text === '' || head.speaker !== cue.speaker) return false
  // The times first: they rule out nearly every pair of neighbours without comparing texts.
  if (!all && !repeatTimes(head, cue)) return false
  return sameText(head.text, cue.text)
}

/** The time relations under which a cue with an end can repeat the one before it (see the rule above). */
function repeatTimes(head: Cue, cue: Cue): boolean {
  const headEnd = head.end
  if (Number.isNaN(headEnd)) return true
  if (Math.abs(cue.start - head.start) < SAME_TIME && Math.abs(cue.end - headEnd) < SAME_TIME) return true
  if (cue.start < headEnd - SAME_TIME) return true
  return cue.start <= headEnd + SAME_TIME && (isBridge(head) || isBridge(cue))
}

function isBridge(cue: Cue): boolean {
  const ms = Math.round((cue.end - cue.start) * 1000)
  return ms >= 0 && ms < BRIDGE_MS
}

/** Lines sharing a start split the shared span evenly, so that each one can be active. */
function spreadSharedStarts(c: Cleanup): void {
  const cues = c.cues
  const m = cues.length
  for (let a = 0; a < m; ) {
    const s = cues[a]!.start
    let b = a
    while (b + 1 < m && cues[b + 1]!.start === s) b++
    if (b === a) {
      a++
      continue
    }
    const count = b - a + 1
    const next = b + 1 < m ? cues[b + 1]!.start : Number.NaN
    let groupEnd = Number.NaN
    for (let u = a; u <= b; u++) {
      const e = cues[u]!.end
      if (e > s && !(e <= groupEnd)) groupEnd = e
    }
    let bound: number
    if (!Number.isNaN(groupEnd)) bound = Number.isNaN(next) ? groupEnd : Math.min(groupEnd, next)
    else if (!Number.isNaN(next)) bound = next
    else if (c.duration !== undefined && c.duration > s) bound = c.duration
    else {
      bound = s
      for (let u = a; u <= b; u++) bound += estimateDuration(cues[u]!.text)
    }
    const span = (bound - s) / count
    for (let q = 0; q < count; q++) {
      const cue = cues[a + q]!
      cue.start = s + q * span
      if (q < count - 1) cue.end = s + (q + 1) * span
      else if (!Number.isNaN(cue.end) && !(cue.end > cue.start)) cue.end = bound
    }
    a = b + 1
  }
}

/**
 * A missing end becomes the next start (the duration, or an estimate, for the last cue); an end not
 * after its start becomes an estimate, cut short by the next start.
 */
function inferEnds(c: Cleanup): void {
  const cues = c.cues
  const m = cues.length
  const duration = c.duration
  for (let u = 0; u < m; u++) {
    const cue = cues[u]!
    const start = cue.start
    const next = u + 1 < m ? cues[u + 1]!.start : Number.NaN
    if (Number.isNaN(cue.end)) {
      if (!Number.isNaN(next)) cue.end = next
      else if (duration !== undefined && duration > start) cue.end = duration
      else cue.end = start + estimateDuration(cue.text)
    } else if (!(cue.end > start)) {
      const guess = start + estimateDuration(cue.text)
      cue.end = Number.isNaN(next) ? guess : Math.min(next, guess)
    }
  }
}

/**
 * Puts each cue's words in time order and inside the cue, with one warning for all the repairs. An
 * empty word list says nothing and is dropped rather than claim word timings.
 */
function fitWords(c: Cleanup): void {
  let fixes = 0
  for (const cue of c.cues) {
    const words = cue.words
    if (words === undefined) continue
    if (words.length === 0) {
      delete cue.words
      continue
    }
    fixes += fitLineWords(words, cue.start, cue.end)
    c.wordLevel = true
  }
  if (fixes > 0) {
    c.warnings.push({
      line: 0,
      code: 'invalid-value',
      message: `${fixes} word timing(s) were missing, out of order or outside their cue and were repaired`,
    })
  }
}

/** Distinct speakers in order of first appearance. */
function collectSpeakers(c: Cleanup): void {
  const seen = new Set<string>()
  for (const cue of c.cues) {
    const speaker = cue.speaker
    if (speaker !== undefined && !seen.has(speaker)) {
      seen.add(speaker)
      c.speakers.push(speaker)
    }
  }
}

/**
 * Sorts words by start (stable) and clamps them into [start, end], in place; fills missing times from
 * neighbours. Returns the number of repairs.
 */
function fitLineWords(words: Word[], start: number, end: number): number {
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
  return fixes
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

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}
