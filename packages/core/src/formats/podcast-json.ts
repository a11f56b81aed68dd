/**
 * Podcasting 2.0 JSON transcripts (`{version, segments: [{speaker?, startTime, endTime?, body}]}`, see
 * the podcast-namespace transcripts.md), OpenAI Whisper's JSON (`{text, segments: [{start, end, text,
 * tokens, ...}], language}`) and the WhisperX output that podcasters often publish as is (`segments` of
 * `{start, end, text, words: [{word, start, end, score}]}`, or a bare list of words).
 *
 * - Times are seconds, as numbers or numeric strings (`"12.5"`, also `"00:00:12.500"`). A missing
 *   `endTime` ends at the next segment's start (the cue's end is left NaN for `normalize`).
 * - A segment without a usable start or text is skipped with a warning naming its line.
 * - Word-level files (at least three in four segments a single word) are grouped into readable lines
 *   with `words` by `groupWords`. A body that ends in a line break (`"father.\n"` in the spec's
 *   snippet) ends a line: when a file marks its line ends this way, its lines are kept as marked (split
 *   only at speaker changes) instead of being regrouped.
 * - A segment whose body is only white space is a separator in a word stream (`"It's"`, `" "`,
 *   `"Friday"`, `","`): where such separators are common, the words between them are joined as the
 *   body texts run, a token without a separator before it continuing the one before. In a file of
 *   lines it is a line without text, skipped with one warning for all of them.
 * - Lines written by `writePodcastJson` say where they start: the first segment of each line has a
 *   `lineWords` count (see `writePodcastJson`), and such a file is read line by line as written.
 * - WhisperX words without times (numbers often have none) get times spread between their neighbours;
 *   words that start before the word before them are reported, and `normalize` puts each line's words
 *   in time order and inside their line.
 * - Not JSON, or JSON without a segment list: `TranscriptParseError('json', line)`, with the line of the
 *   syntax error when there is one.
 * Body text is plain text (JSON is not HTML): whitespace is collapsed, nothing is decoded.
 */
import { TranscriptParseError } from '../errors.js'
import type { Cue, ParseWarning, Transcript, Word } from '../model.js'
import { collapseWhitespace } from '../text.js'
import { parseTimestamp } from '../time.js'
import { isSpace, isSpaceRange } from './lex.js'
import type { ReadResult } from './types.js'
import { groupOwnWords, joinOwnWords, joinWords } from './words.js'

/** Share of single-word segments from which a file counts as word-level. */
const WORD_LEVEL_SHARE = 0.75

/** Reads Podcasting 2.0 JSON (or WhisperX JSON) into raw cues in source order. */
export function readPodcastJson(source: string): ReadResult {
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    const at = jsonSyntaxError(text)
    throw new TranscriptParseError('json', at.line, 'valid JSON (a Podcasting 2.0 JSON transcript)', at.found)
  }
  let list: unknown[]
  let key: string | null = null
  if (Array.isArray(data)) {
    list = data
  } else if (isRecord(data) && Array.isArray(data.segments)) {
    list = data.segments
    key = 'segments'
  } else if (isRecord(data) && Array.isArray(data.word_segments)) {
    list = data.word_segments
    key = 'word_segments'
  } else {
    const at = isRecord(data) ? text.indexOf('"segments"') : -1
    const found = isRecord(data)
      ? `an object with ${
          Object.keys(data)
            .slice(0, 5)
            .map((k) => JSON.stringify(k))
            .join(', ') || 'no keys'
        }`
      : describe(data)
    throw new TranscriptParseError(
      'json',
      at === -1 ? 1 : lineAt(text, at),
      'a "segments" array (a Podcasting 2.0 JSON transcript)',
      found,
    )
  }
  const reader = new JsonReader(text, list, key)
  reader.read()
  // Reported while reading in two passes; listed in file order.
  reader.warnings.sort((a, b) => a.line - b.line)
  return { cues: reader.cues, warnings: reader.warnings }
}

class JsonReader {
  cues: Cue[] = []
  readonly warnings: ParseWarning[] = []
  private lines: number[] | undefined
  // Per item: its segment's index in the source list, and whether its body ended in a line break.
  private origin = new Int32Array(0)
  private marks = new Uint8Array(0)
  private marked = false

  constructor(
    readonly text: string,
    readonly list: unknown[],
    readonly key: string | null,
  ) {}

  /** The 1-based source line of segment `index` (located only when a warning needs it). */
  lineOf(index: number): number {
    this.lines ??= elementLines(this.text, this.key)
    return this.lines[index] ?? 0
  }

  warn(index: number, code: ParseWarning['code'], message: string): void {
    const line = this.lineOf(index)
    this.warnings.push({ line, code, message: `segment ${index + 1} (line ${line}): ${message}` })
  }

  /** Scans the segments, then reads the file as written lines, as words or as lines. */
  read(): void {
    const scan = scanSegments(this.list, this)
    const { items, speakers, single, withWords, marked, blanks } = scan
    this.origin = scan.origin
    this.marks = scan.marks
    this.marked = marked
    if (scan.written) {
      this.readWritten(items, speakers)
      return
    }
    // One segment is word-level only when it marks its line end, as a word-level line does.
    const enough = items.length >= 2 || marked
    if (!withWords && enough && single >= items.length * WORD_LEVEL_SHARE) {
      // Separators are common (a third of the tokens or more): the body texts run as they are joined.
      this.readWords(items, speakers, blanks * 3 >= items.length ? true : undefined)
      return
    }
    this.readLines(items, speakers)
    if (blanks > 0) {
      this.warn(scan.firstBlank, 'empty-cue', `${blanks} segment(s) with no text in the body; skipped`)
    }
  }

  /** One cue per segment (WhisperX segments bring their own words). */
  readLines(items: Word[], speakers: ReadonlyArray<string | undefined>): void {
    const cues: Cue[] = []
    for (let k = 0; k < items.length; k++) {
      const cue = this.lineCue(items, speakers, k)
      if (cue !== undefined) cues.push(cue)
    }
    this.cues = cues
  }

  /** Item `k` as a cue of its own: its text collapsed, its WhisperX words read; undefined when unusable. */
  lineCue(items: Word[], speakers: ReadonlyArray<string | undefined>, k: number): Cue | undefined {
    const cue: Cue = items[k]!
    const index = this.origin[k]!
    const seg = this.list[index] as Record<string, unknown>
    if (!Number.isFinite(cue.start)) {
      this.warn(
        index,
        'bad-timestamp',
        `no usable startTime (${describe(seg.startTime ?? seg.start)}); skipped`,
      )
      return undefined
    }
    const speaker = speakers[k]
    if (speaker !== undefined) cue.speaker = speaker
    cue.text = collapseWhitespace(cue.text)
    const raw = seg.words
    if (Array.isArray(raw)) {
      const words = this.segmentWords(raw, index, cue.start)
      if (words.length > 0) {
        cue.words = words
        if (cue.text === '') cue.text = words.map((w) => w.text).join(' ')
      }
    }
    // An empty body says nothing; skipping it loses nothing.
    return cue.text === '' ? undefined : cue
  }

  /** WhisperX words of one segment: untimed ones spread between their neighbours. */
  segmentWords(raw: unknown[], index: number, segStart: number): Word[] {
    const words: Word[] = []
    for (const w of raw) {
      if (!isRecord(w)) continue
      const body = w.word ?? w.text ?? w.body
      const t = typeof body === 'string' ? body.trim() : typeof body === 'number' ? String(body) : ''
      if (t === '') continue
      words.push({ start: seconds(w.start ?? w.startTime), end: seconds(w.end ?? w.endTime), text: t })
    }
    this.fillTimes(words, segStart, () => index)
    return words
  }

  /** A word per segment: lines as the file marks them, or as `groupWords` makes them. */
  readWords(
    items: Word[],
    speakers: ReadonlyArray<string | undefined>,
    leadingSpace: true | undefined,
  ): void {
    this.fillTimes(items, Number.NaN, (k) => this.origin[k]!)
    if (!this.marked) {
      this.cues = groupOwnWords(items, speakers, leadingSpace === undefined ? {} : { leadingSpace })
      return
    }
    let from = 0
    for (let k = 0; k < items.length; k++) {
      const next = items[k + 1]
      if (this.marks[k] === 0 && next !== undefined && speakers[k + 1] === speakers[k]) continue
      const line = joinOwnWords(items.slice(from, k + 1), leadingSpace)
      if (line !== undefined) {
        const speaker = speakers[from]
        if (speaker !== undefined) line.speaker = speaker
        this.cues.push(line)
      }
      from = k + 1
    }
  }

  /**
   * A file as `writePodcastJson` writes it: a segment with `lineWords: n` starts a line of n word
   * segments (itself and the n - 1 after it), or with 0 is a line without word timings; `lineStartTime`,
   * `lineEndTime` and `lineBody` give the line's bounds and text where its words do not. A line is cut
   * short where another starts (a segment removed by hand), and a segment outside any line is a line.
   */
  readWritten(items: Word[], speakers: ReadonlyArray<string | undefined>): void {
    this.fillTimes(items, Number.NaN, (k) => this.origin[k]!)
    const list = this.list
    const origin = this.origin
    const cues: Cue[] = []
    for (let k = 0; k < items.length; ) {
      const seg = list[origin[k]!] as Record<string, unknown>
      const count = lineWordsOf(seg)
      if (count === undefined || count === 0) {
        const cue = this.lineCue(items, speakers, k)
        if (cue !== undefined) cues.push(cue)
        k++
        continue
      }
      let to = k + 1
      while (to < items.length && to - k < count && lineWordsOf(list[origin[to]!]) === undefined) to++
      const line = joinOwnWords(items.slice(k, to), false)
      if (line !== undefined) {
        const speaker = speakers[k]
        if (speaker !== undefined) line.speaker = speaker
        const start = seconds(seg.lineStartTime)
        const end = seconds(seg.lineEndTime)
        if (Number.isFinite(start)) line.start = start
        if (Number.isFinite(end)) line.end = end
        if (typeof seg.lineBody === 'string') {
          const body = collapseWhitespace(seg.lineBody)
          if (body !== '') line.text = body
        }
        cues.push(line)
      }
      k = to
    }
    this.cues = cues
  }

  /**
   * Gives words without a usable start a time between their neighbours (evenly spread) and words
   * without an end the next word's start. Reports both, and words that start before the one before
   * them (`normalize` puts each line's words in time order).
   */
  fillTimes(words: Word[], lo: number, indexOf: (k: number) => number): void {
    const n = words.length
    let untimed = 0
    let firstUntimed = -1
    let backwards = 0
    let firstBackwards = -1
    let lastStart = Number.NEGATIVE_INFINITY
    for (let k = 0; k < n; k++) {
      const w = words[k]!
      if (Number.isFinite(w.start)) {
        if (w.start < lastStart) {
          if (firstBackwards < 0) firstBackwards = indexOf(k)
          backwards++
        }
        lastStart = w.start
        continue
      }
      let j = k
      while (j < n && !Number.isFinite(words[j]!.start)) j++
      const prev = k > 0 ? words[k - 1]! : undefined
      const before =
        prev === undefined ? lo : Number.isFinite(prev.end) && prev.end > prev.start ? prev.end : prev.start
      const after = j < n ? words[j]!.start : Number.NaN
      const from = Number.isFinite(before) ? before : after
      const to = Number.isFinite(after) && after >= from ? after : from
      if (Number.isFinite(from)) {
        const step = (to - from) / (j - k)
        for (let q = k; q < j; q++) {
          const u = words[q]!
          u.start = round(from + step * (q - k))
          u.end = round(from + step * (q - k + 1))
        }
      }
      if (firstUntimed < 0) firstUntimed = indexOf(k)
      untimed += j - k
      k = j - 1
    }
    for (let k = 0; k < n; k++) {
      const w = words[k]!
      if (Number.isFinite(w.end) || !Number.isFinite(w.start)) continue
      const next = words[k + 1]
      w.end = next !== undefined && next.start >= w.start ? next.start : w.start
    }
    if (untimed > 0) {
      this.warn(
        firstUntimed,
        'bad-timestamp',
        `${untimed} word(s) without a usable time were timed between their neighbours`,
      )
    }
    if (backwards > 0) {
      this.warn(firstBackwards, 'unordered', `${backwards} word(s) start before the word before them`)
    }
  }
}

/**
 * One pass over the segments makes an item each (the shape of a cue and of a word, so that neither
 * path allocates again), with its speaker beside it so that a word carries no speaker of its own, and
 * counts single-word bodies. A body of white space only makes no item: it counts as a separator, gives
 * the next item's text a leading space, and ends the line before it when it holds a line break.
 *
 * A function of its own rather than a method: the loop that every segment goes through touches no
 * reader state, so that its optimised code does not depend on the reader's shape (which, like any
 * shape, is gone once no reader is left, taking that code with it).
 */
function scanSegments(list: unknown[], reader: JsonReader) {
  const items: Word[] = []
  const speakers: Array<string | undefined> = []
  // Per item: its segment's index in the source list, and whether its body ended in a line break.
  const origin = new Int32Array(list.length)
  const marks = new Uint8Array(list.length)
  let marked = false
  let single = 0
  let withWords = false
  let blanks = 0
  let firstBlank = -1
  let separated = false
  // Word-level files repeat the speaker on every word: clean each distinct name once.
  let lastRaw: unknown
  let lastName: string | undefined
  for (let i = 0; i < list.length; i++) {
    const seg = list[i]
    if (!isRecord(seg)) {
      reader.warn(i, 'invalid-value', `expected an object, found ${describe(seg)}; skipped`)
      continue
    }
    let body = seg.body ?? seg.text ?? seg.word
    if (typeof body !== 'string') {
      if (typeof body === 'number' && Number.isFinite(body)) body = String(body)
      else if (Array.isArray(seg.words)) body = ''
      else {
        reader.warn(i, 'invalid-value', `no body text (${describe(body)}); skipped`)
        continue
      }
    }
    let b = body as string
    if (seg.words === undefined && isSpaceRange(b, 0, b.length)) {
      if (firstBlank < 0) firstBlank = i
      blanks++
      separated = true
      if (items.length > 0 && endsWithLineBreak(b)) {
        marks[items.length - 1] = 1
        marked = true
      }
      continue
    }
    if (separated) {
      separated = false
      if (!isSpace(b.charCodeAt(0))) b = ` ${b}`
    }
    if (seg.words !== undefined) withWords = true
    else if (isOneWord(b)) single++
    if (endsWithLineBreak(b)) {
      marks[items.length] = 1
      marked = true
    }
    origin[items.length] = i
    const start = seconds(seg.startTime ?? seg.start)
    const end = endOf(seg, i, start, reader)
    const raw = seg.speaker
    if (raw !== undefined && raw !== lastRaw) {
      lastRaw = raw
      lastName = speakerOf(raw)
    }
    items.push({ start, end, text: b })
    speakers.push(raw === undefined ? undefined : lastName)
  }
  // `writePodcastJson` marks the first segment of every line, so the first one says it all.
  const written = items.length > 0 && lineWordsOf(list[origin[0]!]) !== undefined
  return { items, speakers, origin, marks, single, withWords, marked, blanks, firstBlank, written }
}

/** The `lineWords` count of a segment written by `writePodcastJson`; undefined when it has none. */
function lineWordsOf(seg: unknown): number | undefined {
  if (!isRecord(seg)) return undefined
  const n = seg.lineWords
  return typeof n === 'number' && Number.isInteger(n) && n >= 0 ? n : undefined
}

function endOf(seg: Record<string, unknown>, index: number, start: number, reader: JsonReader): number {
  const raw = seg.endTime ?? seg.end
  if (raw === undefined || raw === null) return Number.NaN
  const end = seconds(raw)
  if (!Number.isFinite(end)) {
    reader.warn(
      index,
      'bad-timestamp',
      `endTime ${describe(raw)} is not a time; the cue ends where the next begins`,
    )
    return Number.NaN
  }
  // Some tools write `endTime: 0` for "not available".
  return end === 0 && start > 0 ? Number.NaN : end
}

function isOneWord(s: string): boolean {
  let from = 0
  let to = s.length
  while (from < to && isSpace(s.charCodeAt(from))) from++
  while (to > from && isSpace(s.charCodeAt(to - 1))) to--
  if (from === to) return false
  for (let i = from; i < to; i++) if (isSpace(s.charCodeAt(i))) return false
  return true
}

function endsWithLineBreak(s: string): boolean {
  for (let i = s.length - 1; i >= 0; i--) {
    const c = s.charCodeAt(i)
    if (c === 10 || c === 13) return true
    if (!isSpace(c)) return false
  }
  return false
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function speakerOf(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const s = collapseWhitespace(v)
    return s === '' ? undefined : s
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v)
  return undefined
}

/** A time in seconds from a number or a numeric / clock string; NaN when there is none. */
function seconds(v: unknown): number {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && v.trim() !== '') {
    const n = Number(v)
    return Number.isNaN(n) ? parseTimestamp(v) : n
  }
  return Number.NaN
}

function round(t: number): number {
  return Math.round(t * 1000) / 1000
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing'
  if (v === null) return 'null'
  if (Array.isArray(v)) return 'an array'
  if (typeof v === 'object') return 'an object'
  const s = typeof v === 'string' ? JSON.stringify(v) : String(v)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}

/** The 1-based line of `offset` in `text`. */
/** Where `JSON.parse` rejected `text`: its line, and what stands there (up to 30 characters of that line). */
export function jsonSyntaxError(text: string): { line: number; found: string } {
  const offset = Math.max(0, syntaxErrorAt(text))
  const found =
    offset >= text.length ? 'the end of the file' : text.slice(offset, offset + 30).split('\n')[0]!
  return { line: lineAt(text, offset), found }
}

export function lineAt(text: string, offset: number): number {
  let line = 1
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++
  return line
}

/**
 * The offset of the first JSON syntax error in `t`, or -1 when there is none. Run only after JSON.parse
 * failed, because V8 names the position of some errors but not others ("Unexpected token"). Iterative,
 * so deep nesting cannot overflow the stack.
 */
export function syntaxErrorAt(t: string): number {
  const stack: number[] = [] // 1 = array, 2 = object
  // 0: a value; 1: a key or `}` (object start); 2: `:`; 3: after a value; 4: a value or `]`; 5: a key
  let mode = 0
  let i = 0
  for (;;) {
    while (i < t.length && isJsonSpace(t.charCodeAt(i))) i++
    if (i >= t.length) return mode === 3 && stack.length === 0 ? -1 : t.length
    const c = t.charCodeAt(i)
    if (mode === 0 || mode === 4) {
      if (mode === 4 && c === 93) {
        stack.pop()
        i++
        mode = 3
      } else if (c === 123 || c === 91) {
        stack.push(c === 91 ? 1 : 2)
        i++
        mode = c === 91 ? 4 : 1
      } else {
        const end = c === 34 ? stringEnd(t, i) : literalEnd(t, i)
        if (end < 0) return -end - 1
        i = end
        mode = 3
      }
    } else if (mode === 1 || mode === 5) {
      if (mode === 1 && c === 125) {
        stack.pop()
        i++
        mode = 3
        continue
      }
      if (c !== 34) return i
      const end = stringEnd(t, i)
      if (end < 0) return -end - 1
      i = end
      mode = 2
    } else if (mode === 2) {
      if (c !== 58) return i
      i++
      mode = 0
    } else {
      const top = stack[stack.length - 1]
      if (top === undefined) return i
      if (c === 44) {
        i++
        mode = top === 1 ? 0 : 5
      } else if ((top === 1 && c === 93) || (top === 2 && c === 125)) {
        stack.pop()
        i++
      } else {
        return i
      }
    }
  }
}

function isJsonSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13
}

/** End of the string starting at `i` (a quote), or -(offset of the error) - 1. */
function stringEnd(t: string, i: number): number {
  for (let k = i + 1; k < t.length; k++) {
    const c = t.charCodeAt(k)
    if (c === 34) return k + 1
    if (c < 32) return -k - 1
    if (c === 92) {
      const e = t.charCodeAt(k + 1)
      if (e === 117) {
        if (!/^[0-9a-fA-F]{4}$/.test(t.slice(k + 2, k + 6))) return -k - 1
        k += 5
      } else if ('"\\/bfnrt'.indexOf(String.fromCharCode(e)) !== -1 && !Number.isNaN(e)) {
        k++
      } else {
        return -k - 1
      }
    }
  }
  return -t.length - 1
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y

/** End of the number or literal (`true`, `false`, `null`) at `i`, or -(offset of the error) - 1. */
function literalEnd(t: string, i: number): number {
  for (const word of ['true', 'false', 'null']) if (t.startsWith(word, i)) return i + word.length
  NUMBER.lastIndex = i
  return NUMBER.test(t) ? NUMBER.lastIndex : -i - 1
}

/**
 * The 1-based line where each element of the segment list starts: the list is the value of `key` in
 * the top-level object, or the top-level array itself when `key` is null.
 */
export function elementLines(t: string, key: string | null): number[] {
  const lines: number[] = []
  let depth = 0
  let line = 1
  let target = key === null ? 1 : -1
  let expect = false
  let lastString = ''
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i)
    if (c === 10) {
      line++
      continue
    }
    if (isJsonSpace(c)) continue
    if (expect && depth === target && c !== 93) {
      lines.push(line)
      expect = false
    }
    if (c === 34) {
      const end = stringEnd(t, i)
      if (end < 0) break
      if (depth === 1 && target < 0) lastString = t.slice(i + 1, end - 1)
      i = end - 1
    } else if (c === 91 || c === 123) {
      depth++
      if (c === 91 && depth === target) expect = true
      if (c === 91 && target < 0 && depth === 2 && lastString === key) {
        target = 2
        expect = true
      }
    } else if (c === 93 || c === 125) {
      if (depth === target && c === 93) target = -2
      depth--
    } else if (c === 44 && depth === target) {
      expect = true
    } else if (c === 58) {
    } else if (depth === 1 && target < 0) {
      lastString = ''
    }
  }
  return lines
}

/**
 * Writes `{"version":"1.0.0","segments":[...]}`, which `readPodcastJson` reads back to the same cues (to
 * the millisecond, words included) and other apps read as the spec says. Times are rounded to the
 * millisecond. Built as a string: key order as in the spec, no object per segment.
 *
 * - Without word timings: a segment per cue (`speaker`, `startTime`, `endTime`, `body`).
 * - With word timings: a segment per word, as in the spec's word-level example, the last word of each
 *   line ending in a line break (the spec's paragraph mark); a cue without word timings is one segment.
 *
 * The spec's fields cannot say where a line starts, that it lasts beyond its words, or that a segment is
 * a whole line rather than a word. So in word-level output the first segment of every line also has
 * `lineWords`, the number of word segments of its line (0 for a line written as one segment), and,
 * only where the words do not give them, `lineStartTime` and `lineEndTime` (the line's bounds) and
 * `lineBody` (its text, when joining its words gives another). Readers ignore fields they do not know.
 * A transcript of mostly one-word lines is marked the same way (`lineWords: 0` on each), since a reader
 * would take it for a word stream.
 */
export function writePodcastJson(transcript: Transcript): string {
  const cues = transcript.cues
  const wordLevel = cues.some((c) => c.words !== undefined && c.words.length > 0)
  const marked = wordLevel || looksLikeWords(cues)
  const parts: string[] = []
  for (const cue of cues) {
    const words = cue.words
    if (wordLevel && words !== undefined && words.length > 0) {
      for (let k = 0; k < words.length; k++) {
        const w = words[k]!
        const body = k === words.length - 1 ? `${w.text}\n` : w.text
        parts.push(segment(cue.speaker, w.start, w.end, body, k === 0 ? lineFields(cue, words) : ''))
      }
    } else {
      const body = wordLevel ? `${cue.text}\n` : cue.text
      parts.push(segment(cue.speaker, cue.start, cue.end, body, marked ? ',"lineWords":0' : ''))
    }
  }
  return `{"version":"1.0.0","segments":[${parts.join(',')}]}`
}

/** The `lineWords` count of a line of `words`, and its bounds and text where its words do not give them. */
function lineFields(cue: Cue, words: Word[]): string {
  let first = Number.POSITIVE_INFINITY
  let last = Number.NEGATIVE_INFINITY
  for (const w of words) {
    if (w.start < first) first = w.start
    if (w.end > last) last = w.end
  }
  let fields = `,"lineWords":${words.length}`
  if (Number.isFinite(cue.start) && round(cue.start) !== round(first))
    fields += `,"lineStartTime":${round(cue.start)}`
  if (Number.isFinite(cue.end) && round(cue.end) !== round(last)) fields += `,"lineEndTime":${round(cue.end)}`
  if (cue.text !== joinWords(words, false)) fields += `,"lineBody":${JSON.stringify(cue.text)}`
  return fields
}

/** True when `readPodcastJson` would take a segment per cue for a word stream (see `read`). */
function looksLikeWords(cues: readonly Cue[]): boolean {
  let single = 0
  for (const cue of cues) if (isOneWord(cue.text)) single++
  return cues.length >= 2 && single >= cues.length * WORD_LEVEL_SHARE
}

function segment(
  speaker: string | undefined,
  start: number,
  end: number,
  body: string,
  extra: string,
): string {
  const who = speaker === undefined || speaker === '' ? '' : `"speaker":${JSON.stringify(speaker)},`
  const until = Number.isFinite(end) ? `,"endTime":${round(end)}` : ''
  return `{${who}"startTime":${Number.isFinite(start) ? round(start) : 0}${until},"body":${JSON.stringify(body)}${extra}}`
}
