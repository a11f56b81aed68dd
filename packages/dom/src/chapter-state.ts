import { type Cue, lastStartingBy, type SyncController } from '@castline/core'
// Types only: the readers are imported when a chapters file is loaded (`loadChapters`), so that a page
// with parsed chapters, or none, does not bundle them.
import type { Chapter, ChapterList } from '@castline/core/chapters'

/**
 * Chapters in the player, without a framework: which chapter is playing, where "previous" and "next"
 * seek, which line each chapter's heading goes before. Both renderers draw from these; the rules live
 * here once. Chapters are `Chapter`s sorted by start (what `parseChaptersJson`/`parseChaptersVtt` give).
 */

/**
 * Into a chapter by more than this many seconds, "previous chapter" goes back to the chapter's own start
 * (as a CD player's previous track does); closer to its start, to the chapter before.
 */
export const CHAPTER_RESTART_SECONDS = 3

/** The chapters a table of contents shows: `toc` not false (silent chapters are left out). */
function listed(chapters: readonly Chapter[]): Chapter[] {
  return chapters.filter((c) => c.toc !== false)
}

/**
 * The listed chapter playing at `time`: the last listed chapter starting at or before it, or null before
 * the first. A silent (`toc: false`) chapter does not replace the listed one before it, so the title a
 * listener sees is always one the chapter list shows.
 */
export function currentChapter(chapters: readonly Chapter[], time: number): Chapter | null {
  // From the last chapter starting at or before `time`. Unlike core's `chapterAt`, a gap after a chapter's
  // end still belongs to it: the title stays until the next chapter starts.
  for (let i = lastStartingBy(chapters, time); i >= 0; i--) {
    const c = chapters[i]!
    if (c.toc !== false) return c
  }
  return null
}

/** Where the "previous chapter" and "next chapter" requests seek from `time`: a start, or null when there is none. */
export function chapterTargets(
  chapters: readonly Chapter[],
  time: number,
): { previous: number | null; next: number | null } {
  const list = listed(chapters)
  let next: number | null = null
  let previous: number | null = null
  for (const c of list) {
    if (c.start > time + 1e-6) {
      next = c.start
      break
    }
  }
  // The last listed start at or before `time`, and the one before it.
  let at = -1
  for (let i = 0; i < list.length; i++) if (list[i]!.start <= time + 1e-6) at = i
  if (at >= 0) {
    const own = list[at]!.start
    if (time - own > CHAPTER_RESTART_SECONDS) previous = own
    else if (at > 0) previous = list[at - 1]!.start
    else previous = own < time ? own : null
  }
  return { previous, next }
}

/**
 * Which line each listed chapter's heading goes before: cue index -> chapter, the first line starting at
 * or after the chapter's start (a chapter starting mid-line heads the next line). Chapters after the last
 * line have no heading; when two chapters would head the same line, the later one does (the earlier one
 * has no line of its own).
 */
export function chapterHeadings(cues: readonly Cue[], chapters: readonly Chapter[]): Map<number, Chapter> {
  const out = new Map<number, Chapter>()
  let i = 0
  for (const c of listed(chapters)) {
    // Lines are sorted by start (normalize sorts them): one pass over both lists.
    while (i < cues.length && cues[i]!.start < c.start - 1e-6) i++
    if (i >= cues.length) break
    out.set(i, c)
  }
  return out
}

/** What a renderer shows of the chapters: frozen, the same object while nothing in it changed. */
export interface ChapterSnapshot {
  /** Every chapter, sorted (markers and headings use the listed ones). */
  readonly chapters: readonly Chapter[]
  /** The chapters a list shows (`toc` not false), in order. */
  readonly listed: readonly Chapter[]
  /** The listed chapter playing now, or null. */
  readonly current: Chapter | null
}

/** Options of a `ChapterState`. */
export interface ChapterStateOptions {
  /** Its time is what "current" means; seeks go through it (so follow mode hears of them). */
  controller: SyncController
  /** The chapters, sorted by start ([] for none). */
  chapters: readonly Chapter[]
}

const EMPTY: readonly Chapter[] = Object.freeze([])

/**
 * The current chapter as the controller's time moves, in `SyncController`'s shape: construct once,
 * `setOptions` on every render, `subscribe`/`getSnapshot` (a change only when the current chapter or the
 * list changes, not every frame), `previous()`/`next()`/`seekTo(chapter)` as requests through the
 * controller. It listens to the controller (`subscribe` for seeks and cue changes, `subscribeFrame` for
 * playback inside one line) only while someone listens to it.
 */
export class ChapterState {
  options: ChapterStateOptions
  private snapshot: ChapterSnapshot
  private readonly listeners = new Set<(snapshot: ChapterSnapshot) => void>()
  private detach: (() => void) | null = null

  constructor(options: ChapterStateOptions) {
    this.options = options
    this.snapshot = this.compute(null)
  }

  /**
   * Replaces the options (call it on every render). Subscribers hear of a resulting change in a
   * microtask, never from inside the call, so that calling it during a render notifies no one mid-render.
   */
  setOptions(options: ChapterStateOptions): void {
    const controllerChanged = options.controller !== this.options.controller
    this.options = options
    if (controllerChanged && this.detach !== null) {
      this.detach()
      this.detach = null
      this.attach()
    }
    if (this.queued) return
    this.queued = true
    queueMicrotask(() => {
      this.queued = false
      this.refresh()
    })
  }
  private queued = false

  getSnapshot = (): ChapterSnapshot => {
    // Detached, read on demand (a render before anything subscribed).
    if (this.detach === null) this.snapshot = this.compute(this.snapshot)
    return this.snapshot
  }

  subscribe = (listener: (snapshot: ChapterSnapshot) => void): (() => void) => {
    this.listeners.add(listener)
    if (this.detach === null) this.attach()
    return () => {
      this.listeners.delete(listener)
      if (this.listeners.size === 0 && this.detach !== null) {
        this.detach()
        this.detach = null
      }
    }
  }

  /** Seeks to the previous chapter (or this one's start, see `CHAPTER_RESTART_SECONDS`); false when there is none. */
  previous(): boolean {
    const { previous } = chapterTargets(this.options.chapters, this.options.controller.getTime())
    if (previous === null) return false
    this.options.controller.seekTo(previous)
    return true
  }

  /** Seeks to the next listed chapter; false when this is the last. */
  next(): boolean {
    const { next } = chapterTargets(this.options.chapters, this.options.controller.getTime())
    if (next === null) return false
    this.options.controller.seekTo(next)
    return true
  }

  /** Seeks to a chapter's start. */
  seekTo(chapter: Chapter): void {
    this.options.controller.seekTo(chapter.start)
  }

  private attach(): void {
    const controller = this.options.controller
    const offCoarse = controller.subscribe(() => this.refresh())
    const offFrame = controller.subscribeFrame(() => this.refresh())
    this.detach = () => {
      offCoarse()
      offFrame()
    }
    // A subscriber starts from the current state (it read `getSnapshot` first): no notification here.
    this.snapshot = this.compute(this.snapshot)
  }

  private refresh(): void {
    const next = this.compute(this.snapshot)
    if (next === this.snapshot) return
    this.snapshot = next
    for (const listener of [...this.listeners]) listener(next)
  }

  private compute(previous: ChapterSnapshot | null): ChapterSnapshot {
    const chapters = this.options.chapters.length === 0 ? EMPTY : this.options.chapters
    const current = currentChapter(chapters, this.options.controller.getTime())
    if (previous !== null && previous.chapters === chapters && previous.current === current) return previous
    const listedChapters =
      previous !== null && previous.chapters === chapters ? previous.listed : listed(chapters)
    return Object.freeze({ chapters, listed: listedChapters, current })
  }
}

/**
 * Reads a chapters file: WebVTT when it starts with `WEBVTT` (a chapter track), else Podcasting 2.0
 * chapters JSON. Rejects with `ChaptersParseError` (its message names the line) when it is neither. The
 * readers (`@castline/core/chapters`) are imported on the first call.
 */
export async function readChapters(
  text: string,
  options: { duration?: number | undefined } = {},
): Promise<ChapterList> {
  const { parseChaptersJson, parseChaptersVtt } = await import('@castline/core/chapters')
  const head = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  return head.startsWith('WEBVTT') ? parseChaptersVtt(text, options) : parseChaptersJson(text, options)
}

/**
 * Fetches and reads a chapters file. Rejects with an `Error` whose message a listener can read ("The
 * chapters could not be loaded: ..."): a failed request, an HTTP error status or a file that is not chapters.
 */
export async function loadChapters(
  url: string,
  options: {
    fetch?: ((url: string) => Promise<Response>) | undefined
    duration?: number | undefined
  } = {},
): Promise<ChapterList> {
  const get = options.fetch ?? ((u: string) => fetch(u))
  let text: string
  try {
    const response = await get(url)
    if (!response.ok) throw new Error(`the server answered ${response.status} for ${url}`)
    text = await response.text()
  } catch (error) {
    throw new Error(`The chapters could not be loaded: ${messageOf(error)}.`)
  }
  try {
    return await readChapters(text, { duration: options.duration })
  } catch (error) {
    throw new Error(`The chapters could not be read: ${messageOf(error)}.`)
  }
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.replace(/\.$/, '')
}
