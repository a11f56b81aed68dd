/**
 * Chapters: Podcasting 2.0 chapters JSON (version 1.2) and WebVTT chapter tracks read into one sorted
 * list with every end known where it can be (the next chapter's start, else the media duration), and
 * written back. A chapter the reader cannot use (no start time) is skipped with a warning that names
 * its line; a file that is not chapters at all throws `ChaptersParseError`.
 */
import { ChaptersParseError, TranscriptParseError } from '../errors.js'
import { readCueText } from '../formats/cue-text.js'
import { elementLines, jsonSyntaxError } from '../formats/podcast-json.js'
import { readVttPayloads } from '../formats/webvtt.js'
import type { Cue, ParseWarning } from '../model.js'
import { formatTimestamp, lastStartingBy } from '../time.js'

/** A place a chapter is about (`location` of chapters JSON 1.2). */
export interface ChapterLocation {
  name: string
  /** A `geo:` URI (RFC 5870). */
  geo: string
  /** OpenStreetMap object, e.g. `R113314`. */
  osm?: string
}

/** One chapter. Times are seconds from the start of the media. */
export interface Chapter {
  start: number
  /** Where it ends: as written, else the next chapter's start, else the media duration; absent when unknown. */
  end?: number
  /** Plain text ('' when the source has none). */
  title: string
  img?: string
  url?: string
  /** False for a "silent" chapter that a table of contents leaves out. */
  toc: boolean
  location?: ChapterLocation
}

/** Chapters read from a file, sorted by start, with what the reader had to repair. */
export interface ChapterList {
  chapters: Chapter[]
  warnings: ParseWarning[]
}

/** Options of the chapter readers. */
export interface ChaptersOptions {
  /** Media duration in seconds: the last chapter ends here when the file gives no end. */
  duration?: number | undefined
}

/** Reads Podcasting 2.0 chapters JSON. Throws `ChaptersParseError` when it is not JSON or has no `chapters` list. */
export function parseChaptersJson(source: string, options: ChaptersOptions = {}): ChapterList {
  if (typeof source !== 'string')
    throw new ChaptersParseError('json', 1, 'the chapters as a string', typeof source)
  const text = source.charCodeAt(0) === 0xfeff ? source.slice(1) : source
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    const at = jsonSyntaxError(text)
    throw new ChaptersParseError('json', at.line, 'valid JSON (Podcasting 2.0 chapters)', at.found)
  }
  if (!isRecord(data) || !Array.isArray(data.chapters)) {
    throw new ChaptersParseError('json', 1, 'an object with a "chapters" array (Podcasting 2.0 chapters)')
  }
  const list: unknown[] = data.chapters
  const lines = elementLines(text, 'chapters')
  const warnings: ParseWarning[] = []
  const chapters: Chapter[] = []
  const chapterLines: number[] = []
  list.forEach((raw, k) => {
    const line = lines[k] ?? 1
    if (!isRecord(raw)) {
      warnings.push({
        line,
        code: 'malformed-cue',
        message: `chapter ${k + 1} is not an object; it was skipped`,
      })
      return
    }
    const start = raw.startTime
    if (typeof start !== 'number' || !Number.isFinite(start) || start < 0) {
      warnings.push({
        line,
        code: 'bad-timestamp',
        message: `chapter ${k + 1} has no usable startTime (${describe(start)}); it was skipped`,
      })
      return
    }
    const chapter: Chapter = { start, title: '', toc: raw.toc !== false }
    if (typeof raw.title === 'string') chapter.title = raw.title
    else
      warnings.push({
        line,
        code: 'empty-cue',
        message: `chapter ${k + 1} has no title; it is kept untitled`,
      })
    const end = raw.endTime
    if (end !== undefined) {
      if (typeof end === 'number' && Number.isFinite(end) && end > start) chapter.end = end
      else
        warnings.push({
          line,
          code: 'bad-timestamp',
          message: `chapter ${k + 1}'s endTime ${describe(end)} is not after its start; the end is inferred`,
        })
    }
    if (typeof raw.img === 'string') chapter.img = raw.img
    if (typeof raw.url === 'string') chapter.url = raw.url
    const location = raw.location
    if (isRecord(location) && typeof location.name === 'string' && typeof location.geo === 'string') {
      chapter.location = { name: location.name, geo: location.geo }
      if (typeof location.osm === 'string') chapter.location.osm = location.osm
    } else if (location !== undefined) {
      warnings.push({
        line,
        code: 'invalid-value',
        message: `chapter ${k + 1}'s location has no name and geo; it was left out`,
      })
    }
    chapters.push(chapter)
    chapterLines.push(line)
  })
  return finish(chapters, chapterLines, warnings, options.duration)
}

/**
 * Reads a WebVTT chapter track: each cue is a chapter, its text (tags removed, references decoded) the
 * title. Throws `ChaptersParseError` when the file is not WebVTT.
 */
export function parseChaptersVtt(source: string, options: ChaptersOptions = {}): ChapterList {
  if (typeof source !== 'string')
    throw new ChaptersParseError('vtt', 1, 'the chapters as a string', typeof source)
  let read: ReturnType<typeof readVttPayloads>
  try {
    read = readVttPayloads(source)
  } catch (error) {
    if (error instanceof TranscriptParseError) throw new ChaptersParseError('vtt', error.line, error.expected)
    throw error
  }
  const warnings = read.warnings.slice()
  const chapters: Chapter[] = []
  const lines: number[] = []
  read.cues.forEach((cue, k) => {
    const line = read.lines?.[k] ?? 1
    const plain: Cue = { start: 0, end: 0, text: '' }
    readCueText(plain, cue.text)
    const chapter: Chapter = { start: cue.start, title: plain.text, toc: true }
    if (cue.end > cue.start) chapter.end = cue.end
    else
      warnings.push({
        line,
        code: 'negative-duration',
        message: 'a chapter cue that ends before it starts; its end is inferred',
      })
    if (plain.text === '')
      warnings.push({ line, code: 'empty-cue', message: 'a chapter cue without text is kept untitled' })
    chapters.push(chapter)
    lines.push(line)
  })
  return finish(chapters, lines, warnings, options.duration)
}

/** Sorts by start (stable, reported) and fills in the ends the source left out. */
function finish(
  chapters: Chapter[],
  lines: number[],
  warnings: ParseWarning[],
  duration?: number,
): ChapterList {
  for (let k = 1; k < chapters.length; k++) {
    if (chapters[k]!.start < chapters[k - 1]!.start) {
      warnings.push({
        line: lines[k] ?? 0,
        code: 'unordered',
        message: 'chapters are not in time order; they were sorted',
      })
      // Array sort is stable: chapters with the same start keep their file order.
      chapters.sort((a, b) => a.start - b.start)
      break
    }
  }
  for (let k = 0; k < chapters.length; k++) {
    const chapter = chapters[k]!
    if (chapter.end !== undefined) continue
    const next = chapters[k + 1]
    if (next !== undefined) {
      if (next.start > chapter.start) chapter.end = next.start
    } else if (duration !== undefined && duration > chapter.start) chapter.end = duration
  }
  return { chapters, warnings }
}

/** Writes chapters as Podcasting 2.0 chapters JSON 1.2; `parseChaptersJson` of the output gives the same chapters. */
export function formatChaptersJson(chapters: readonly Chapter[]): string {
  const out = chapters.map((c) => {
    const o: Record<string, unknown> = { startTime: c.start }
    if (c.end !== undefined) o.endTime = c.end
    o.title = c.title
    if (c.img !== undefined) o.img = c.img
    if (c.url !== undefined) o.url = c.url
    if (!c.toc) o.toc = false
    if (c.location !== undefined) o.location = c.location
    return o
  })
  return `${JSON.stringify({ version: '1.2.0', chapters: out }, null, 2)}\n`
}

/**
 * Writes chapters as a WebVTT chapter track (times to the millisecond; a chapter without an end ends at
 * the next start, the last one a second after its start). Only times and titles: a WebVTT cue has no
 * image, link, `toc` or location.
 */
export function formatChaptersVtt(chapters: readonly Chapter[]): string {
  let out = 'WEBVTT\n'
  chapters.forEach((c, k) => {
    const end = c.end ?? chapters[k + 1]?.start ?? c.start + 1
    const title = c.title
      .replace(/\s+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
    out += `\n${formatTimestamp(c.start, 'vtt')} --> ${formatTimestamp(end, 'vtt')}\n${title}\n`
  })
  return out
}

/** Index of the chapter playing at `time` (seconds): the last one starting at or before it, or -1. Binary search. */
export function chapterAt(chapters: readonly Chapter[], time: number): number {
  const k = lastStartingBy(chapters, time)
  if (k < 0) return -1
  const end = chapters[k]!.end
  return end !== undefined && time >= end ? -1 : k
}

/** The chapters a table of contents shows (`toc` not false). */
export function listedChapters(chapters: readonly Chapter[]): Chapter[] {
  return chapters.filter((c) => c.toc !== false)
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

function describe(v: unknown): string {
  if (v === undefined) return 'none'
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 40 ? `${s.slice(0, 37)}...` : s
}
