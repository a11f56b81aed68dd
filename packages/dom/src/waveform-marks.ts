import type { SearchMatch } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import { currentChapter } from './chapter-state.js'
import { defaultLocale, type LocaleText } from './labels.js'
import type { TimeRange } from './media-store.js'

/**
 * What the waveform draws over its wave besides the bars, as pure functions both renderers share: the
 * hover and scrub tooltip's text, the buffered ranges and the search hits' ticks. Positions are fractions
 * of the wave's width (0 to 1), which the stylesheets place with `--castline-at` (and, for a range,
 * `--castline-from`/`--castline-to`).
 */

/** The tooltip over the wave while the pointer hovers or drags, or while the slider's keys seek. */
export interface WaveformTip {
  /** Where along the wave, 0 to 1. */
  readonly at: number
  /** The transcript time there, in seconds. */
  readonly time: number
  /** "12:34 · Chapter title", or "12:34" outside any listed chapter. */
  readonly label: string
}

/** One buffered range along the wave, as fractions of its width. */
export interface WaveformSegment {
  readonly from: number
  readonly to: number
}

/** Ticks drawn when the wave's width is not known yet (a wide screen's worth of pixels). */
const FALLBACK_WIDTH = 1920

/** Where `clientX` is along a box from `left` that is `width` pixels wide, 0 to 1; null for an empty box. */
export function pointerFraction(clientX: number, left: number, width: number): number | null {
  if (!(width > 0) || !Number.isFinite(clientX)) return null
  return Math.min(1, Math.max(0, (clientX - left) / width))
}

/** The tooltip's text at transcript time `time`: the clock time, and the listed chapter playing then. */
export function tipLabel(
  time: number,
  chapters: readonly Chapter[],
  locale: LocaleText = defaultLocale(),
): string {
  const at = Math.max(0, time)
  const clock = locale.format.clock(at)
  const chapter = currentChapter(chapters, at)
  return chapter === null || chapter.title === '' ? clock : `${clock} · ${chapter.title}`
}

/**
 * The buffered `ranges` (media seconds, as `MediaSnapshot.buffered` holds them) as fractions of a wave
 * `duration` seconds long: clamped to the wave, empty ones dropped, overlapping or touching ones merged.
 * None while the duration is unknown.
 */
export function bufferedSegments(ranges: readonly TimeRange[], duration: number): WaveformSegment[] {
  if (!(duration > 0) || !Number.isFinite(duration)) return []
  const sorted = ranges
    .map(([start, end]) => [Math.max(0, start / duration), Math.min(1, end / duration)] as const)
    .filter(([from, to]) => Number.isFinite(from) && Number.isFinite(to) && to > from)
    .sort((a, b) => a[0] - b[0])
  const out: { from: number; to: number }[] = []
  for (const [from, to] of sorted) {
    const last = out[out.length - 1]
    if (last !== undefined && from <= last.to) last.to = Math.max(last.to, to)
    else out.push({ from, to })
  }
  return out
}

/**
 * The search hits' ticks: each match's line start placed along the wave by `place` (transcript time to
 * a fraction, null while unknown), at most one tick a pixel of a wave `width` pixels wide (any width
 * while it is not known yet), so that 5,000 matches draw a few hundred ticks. Each tick sits at the
 * left edge of its pixel, as a fraction; in order.
 */
export function searchTicks(
  matches: readonly SearchMatch[],
  cueStart: (cue: number) => number | undefined,
  place: (time: number) => number | null,
  width: number,
): number[] {
  const pixels = Math.floor(width > 0 ? width : FALLBACK_WIDTH)
  const taken = new Set<number>()
  let lastCue = -1
  for (const match of matches) {
    // A line with several matches gives one tick (its start).
    if (match.cue === lastCue) continue
    lastCue = match.cue
    const start = cueStart(match.cue)
    if (start === undefined) continue
    const at = place(start)
    if (at === null || !Number.isFinite(at)) continue
    taken.add(Math.min(pixels - 1, Math.max(0, Math.floor(at * pixels))))
  }
  return [...taken].sort((a, b) => a - b).map((px) => px / pixels)
}

/**
 * Draws search ticks in `container` (both renderers' `.castline-waveform__ticks`): a
 * `.castline-waveform__tick` span a tick, placed by `--castline-at`, the container hidden when there are
 * none. Drawn without a framework, so that a keystroke in the search box re-renders nothing else of the
 * waveform.
 */
export function drawTicks(container: HTMLElement, ticks: readonly number[]): void {
  container.hidden = ticks.length === 0
  container.dataset.count = String(ticks.length)
  const doc = container.ownerDocument
  container.replaceChildren(
    ...ticks.map((at) => {
      const tick = doc.createElement('span')
      tick.className = 'castline-waveform__tick'
      tick.style.setProperty('--castline-at', String(at))
      return tick
    }),
  )
}
