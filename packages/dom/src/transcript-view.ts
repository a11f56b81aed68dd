import { type Cue, runInSlices, SLICE_BUDGET, type SliceScheduler, type SyncController } from '@castline/core'
import {
  defaultRangeExtractor,
  elementScroll,
  observeElementOffset,
  observeElementRect,
  type Range,
  Virtualizer,
  type VirtualizerOptions,
} from '@tanstack/virtual-core'
import {
  type ComfortBand,
  DEFAULT_COMFORT_BAND,
  followScrollTarget,
  jumpDirection,
  scrollBehaviorFor,
  wordScrollTarget,
} from './follow.js'
import type { FollowMode } from './follow-mode.js'
import { wordAtPoint } from './hit-test.js'
import { buildLineEstimates, estimateLine } from './line-estimate.js'
import { selectionIn } from './quote.js'
import { watchScrollIntent } from './scroll-intent.js'

/**
 * How far the list has mounted. `static`: the first `initialLines` lines in normal flow, unmeasured (the
 * server's HTML and the first client render: the same markup on both). `measuring`: the same lines
 * positioned and measured while only they are known (each measurement re-adds the sizes after the line,
 * so measuring with 100,000 lines known costs 100,000 steps a row). `virtual`: every line known,
 * estimated once, the measured sizes kept. Each step is a task of its own, so that mounting a long
 * transcript is never one long task.
 */
export type TranscriptPhase = 'static' | 'measuring' | 'virtual'

/** The two focusable parts of a row, left to right: the time (seeks) and the copy-link button. */
export type LinePart = 'time' | 'copy'

/** Class names a renderer gives a row's parts: shared by every renderer, read by the view. */
export const LINE_PARTS: Readonly<Record<LinePart, string>> = {
  time: '.castline-line__time',
  copy: '.castline-line__copy',
}
const LINE_TEXT = '.castline-line__text'
/** A chapter heading's height in a row before it is measured (one line of larger text and its margin). */
const HEADING_PX = 36

/** What a renderer shows: frozen, and the same object as long as nothing in it changed. */
export interface TranscriptViewSnapshot {
  readonly phase: TranscriptPhase
  /** The lines to render, ascending (document order, which assistive technology reads). */
  readonly rows: readonly number[]
  /** The line holding the list's one tab stop (roving tabindex); always among `rows`. */
  readonly focusIndex: number
  /** Whether follow mode keeps the spoken line in view. */
  readonly following: boolean
  /**
   * The "jump to current line" button: null while it is hidden (following, or no line spoken), else
   * where the spoken line is relative to what the list shows.
   */
  readonly jump: 'up' | 'down' | 'none' | null
  /**
   * The page is being printed (between `beforeprint` and `afterprint`): `rows` holds every line, for the
   * print stylesheet to lay out in normal flow, and the list is virtual again after printing.
   */
  readonly printing: boolean
}

/** Options of a `TranscriptView`. `setOptions` replaces them; an omitted optional one takes its default. */
export interface TranscriptViewOptions {
  /** The lines, in order (`transcript.cues`). */
  cues: readonly Cue[]
  /** Its active cue is followed, and clicks seek through it. */
  controller: SyncController
  /** Follow mode: the view feeds it user scrolls, seeks and navigation, and follows while it says so. */
  follow: FollowMode
  /** Lines rendered beyond the visible ones on each side (default 4). */
  overscan?: number | undefined
  /** Lines rendered before the first measurement, so that the first screen is in server HTML (default 30). */
  initialLines?: number | undefined
  /** Where follow mode keeps the spoken line, as fractions of the viewport height (default 0.2 to 0.6). */
  comfortBand?: ComfortBand | undefined
  /** Whether to scroll without animation (default: the `prefers-reduced-motion` media query). */
  reducedMotion?: (() => boolean) | undefined
  /**
   * The lines that carry a chapter heading above their text (`chapterHeadings`): their estimate before
   * measurement includes the heading's height. Measured rows need nothing: the heading is in the row.
   */
  headings?: ReadonlyMap<number, unknown> | undefined
  /**
   * The reader's text size as a factor (`ReaderSettings`' `textScale`, default 1): estimates scale with it,
   * and a change forgets the measured sizes so that every row is measured again at the new size.
   */
  textScale?: number | undefined
  /** Called after each snapshot change (TanStack Virtual's `onChange`). */
  onChange?: ((view: TranscriptView) => void) | undefined
  /**
   * How the lines' estimates are computed before the list turns virtual: a slice of `budget` lines in
   * the staged mount's task, the rest a slice a task (default: `SLICE_BUDGET` lines, each slice in a task
   * of its own).
   */
  slices?: { budget?: number | undefined; schedule?: SliceScheduler | undefined } | undefined
}

type ListVirtualizer = Virtualizer<HTMLElement, HTMLElement>

interface Resolved {
  cues: readonly Cue[]
  controller: SyncController
  follow: FollowMode
  overscan: number
  initialLines: number
  comfortBand: ComfortBand
  reducedMotion: () => boolean
  onChange: ((view: TranscriptView) => void) | undefined
  headings: ReadonlyMap<number, unknown> | undefined
  textScale: number
  sliceBudget: number
  schedule: SliceScheduler | undefined
}

function resolve(options: TranscriptViewOptions): Resolved {
  return {
    cues: options.cues,
    controller: options.controller,
    follow: options.follow,
    overscan: options.overscan ?? 4,
    initialLines: options.initialLines ?? 30,
    comfortBand: options.comfortBand ?? DEFAULT_COMFORT_BAND,
    reducedMotion: options.reducedMotion ?? prefersReducedMotion,
    onChange: options.onChange,
    headings: options.headings,
    textScale: options.textScale ?? 1,
    sliceBudget: options.slices?.budget ?? SLICE_BUDGET,
    schedule: options.slices?.schedule,
  }
}

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  )
}

function sameRows(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false
  return true
}

const SCROLL_KEYS: Record<string, (index: number, page: number, count: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  PageDown: (i, page) => i + page,
  PageUp: (i, page) => i - page,
  Home: () => 0,
  End: (_i, _page, count) => count - 1,
}

/**
 * A transcript's list behaviour without a framework, over TanStack's `Virtualizer` (virtual-core): which
 * lines to render, follow mode's scrolling in a comfort band, scroll intent, roving focus and the list's
 * keys, click and word hit-testing, search navigation and the staged mount. In the shape of
 * `SyncController`: construct once, `setOptions` on every render, `subscribe`/`getSnapshot`, `mount()`
 * with the scroll element in a layout effect, returning the cleanup.
 *
 * The renderer renders `snapshot.rows` as elements with `data-index` inside the scroll element's first
 * child (the list), and passes each row to `measureElement` (a ref callback). The view reaches the DOM
 * only through these: it positions the rows (a transform) and sizes the list itself, so that scrolling
 * needs no render, and listens to the scroll element for keys, focus, clicks and the user's scrolling.
 */
export class TranscriptView {
  /** The options in force, defaults filled. */
  options: Resolved
  /** The virtualizer: its measurements and range, for a renderer that wants more than the snapshot. */
  readonly virtualizer: ListVirtualizer
  private phase: TranscriptPhase = 'static'
  private focusIndex = 0
  private pendingFocus: { index: number; part: LinePart } | null = null
  private estimates: { cues: readonly Cue[]; sizes: Int32Array } | null = null
  private scrollElement: HTMLElement | null = null
  /** The line a Shift+arrow selection started on (null before one). */
  private selectFrom: number | null = null
  private list: HTMLElement | null = null
  private readonly positions = new WeakMap<Element, number>()
  private listHeight = -1
  private viewportHeight = 0
  private snapshot: TranscriptViewSnapshot
  /** The snapshot subscribers were last told about. */
  private notified: TranscriptViewSnapshot
  private readonly listeners = new Set<(snapshot: TranscriptViewSnapshot) => void>()
  private phaseTimer: ReturnType<typeof setTimeout> | null = null
  /** The estimates of a long transcript being computed in slices: the cancel, and for which lines. */
  private estimating: { cues: readonly Cue[]; cancel: () => void } | null = null
  /** The spoken line the view last followed. */
  private lastCue = -1
  /** Between the window's `beforeprint` and `afterprint`: every line is rendered. */
  private printing = false

  constructor(options: TranscriptViewOptions) {
    this.options = resolve(options)
    this.virtualizer = new Virtualizer<HTMLElement, HTMLElement>(this.virtualizerOptions())
    this.snapshot = this.compute()
    this.notified = this.snapshot
  }

  /**
   * Replaces the options (call it on every render). New lines restart nothing: the estimates are redone
   * and the measured sizes of lines at the same index kept, as TanStack does. Subscribers hear of a
   * resulting change in a microtask.
   */
  setOptions(options: TranscriptViewOptions): void {
    const scale = this.options.textScale
    this.options = resolve(options)
    if (this.options.textScale !== scale) this.rescale = true
    this.virtualizer.setOptions(this.virtualizerOptions())
    this.queueUpdate()
  }

  private updateQueued = false
  /** The text size changed: the measured sizes are stale (forgotten in the queued update). */
  private rescale = false
  /**
   * After new options, the virtualizer attaches and the snapshot is recomputed in a microtask: never from
   * inside `setOptions`, so that calling it during render notifies no one mid-render.
   */
  private queueUpdate(): void {
    if (this.updateQueued) return
    this.updateQueued = true
    queueMicrotask(() => {
      this.updateQueued = false
      if (this.scrollElement !== null) this.virtualizer._willUpdate()
      if (this.rescale) {
        this.rescale = false
        // TanStack's reset: the size cache is emptied, rows fall back to the (scaled) estimates and the
        // rendered ones are measured again as they report their new size.
        this.virtualizer.measure()
      }
      this.applyAll()
      this.refresh()
    })
  }

  /** Listens for snapshot changes. Returns the unsubscribe. */
  subscribe = (listener: (snapshot: TranscriptViewSnapshot) => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** What to render now. The same object as long as nothing in it changed. */
  getSnapshot = (): TranscriptViewSnapshot => {
    // A controlled follow mode passed in this render is shown in this render, before its store notifies.
    if (this.options.follow.getSnapshot() !== this.snapshot.following) this.snapshot = this.next()
    return this.snapshot
  }

  /**
   * Attaches to the scroll element (the viewport): starts the staged mount, observes the viewport, follows
   * the spoken line, and listens for keys, focus, clicks and the user's scrolling. Returns the cleanup;
   * mounting again later starts where the view was.
   */
  mount(scrollElement: HTMLElement): () => void {
    this.scrollElement = scrollElement
    this.list = scrollElement.firstElementChild as HTMLElement | null
    this.listHeight = -1
    const { controller, follow } = this.options
    this.lastCue = controller.getSnapshot().cueIndex
    const unmount = this.virtualizer._didMount()
    this.virtualizer._willUpdate()
    this.applyAll()
    const cleanups = [
      unmount,
      // Only the user's own scrolling detaches (our scrolls produce no wheel, touch or key input).
      watchScrollIntent(scrollElement, () => {
        // A scroll of ours still settling (re-aimed as rows get measured) must not fight the user.
        this.virtualizer.cancelScroll()
        this.options.follow.dispatch({ type: 'user-scroll' })
      }),
      controller.subscribe(() => this.onCueChange()),
      follow.subscribe(() => {
        this.invalidateRows()
        this.refresh()
        this.followSpoken()
      }),
      listen(scrollElement, 'keydown', (e) => this.onKeyDown(e as KeyboardEvent)),
      listen(scrollElement, 'focusin', (e) => this.onFocusIn(e as FocusEvent)),
      listen(scrollElement, 'click', (e) => this.onClick(e as MouseEvent)),
    ]
    // Printing shows the whole transcript, not the window the list has rendered: every row while the
    // page prints, the virtual window again after.
    const win = scrollElement.ownerDocument.defaultView
    if (win !== null) {
      cleanups.push(
        listen(win, 'beforeprint', () => this.setPrinting(true)),
        listen(win, 'afterprint', () => this.setPrinting(false)),
      )
    }
    if (this.phase !== 'virtual') this.schedulePhase()
    this.refresh()
    this.followSpoken()
    let done = false
    return () => {
      if (done) return
      done = true
      for (const cleanup of cleanups) cleanup()
      this.stopPhases()
      this.scrollElement = null
      this.list = null
    }
  }

  /**
   * A ref callback for each rendered row (an element with `data-index`): measures it, positions it, and
   * focuses it when keyboard focus is waiting for it. Null (a row unmounted) forgets rows that left.
   */
  measureElement = (node: HTMLElement | null): void => {
    // The rows rendered for printing are laid out by the print stylesheet, not measured or placed.
    if (this.printing) return
    if (this.phase !== 'static') this.virtualizer.measureElement(node)
    if (node === null) return
    const index = Number(node.dataset.index)
    if (this.phase !== 'static') this.place(index, node)
    const pending = this.pendingFocus
    if (pending !== null && pending.index === index && node.isConnected) {
      this.pendingFocus = null
      this.focusRow(node, pending.part)
    }
  }

  /**
   * Renders every line (true) or the virtual window again (false). The view does it itself on the
   * window's `beforeprint` and `afterprint`; a renderer may call it for a print preview of its own.
   */
  setPrinting(printing: boolean): void {
    if (printing === this.printing) return
    this.printing = printing
    this.refresh()
  }

  /** Scrolls so that line `index` is visible; a programmatic scroll, so it never detaches follow mode. */
  scrollToCue(index: number, options?: { align?: 'start' | 'center' | 'end' | 'auto' }): void {
    this.virtualizer.scrollToIndex(index, { align: options?.align ?? 'center' })
  }

  /**
   * Shows line `index` because the user went to it by other means than scrolling (a search result):
   * detaches follow mode, so that the list stays where it was taken, and centres the line.
   */
  reveal(index: number): void {
    this.options.follow.dispatch({ type: 'navigate' })
    this.scrollToCue(index, { align: 'center' })
  }

  /** "Jump to current line": re-attaches follow mode, which scrolls to the spoken line. */
  jump = (): void => {
    this.options.follow.dispatch({ type: 'jump' })
  }

  /** Seeks to `seconds` and re-attaches follow mode. */
  seekTo(seconds: number): void {
    this.options.follow.dispatch({ type: 'seek' })
    this.options.controller.seekTo(seconds)
  }

  /** Seeks to the start of line `index` and re-attaches follow mode. */
  seekToCue(index: number): void {
    this.options.follow.dispatch({ type: 'seek' })
    this.options.controller.seekToCue(index)
  }

  /**
   * The spoken word of line `index` moved to `word` (an element inside the row). Only a line too tall to
   * see whole needs its words followed; others are followed a line at a time.
   */
  followWord(index: number, word: HTMLElement): void {
    const el = this.scrollElement
    const v = this.virtualizer
    const item = v.measurementsCache[index]
    if (!this.options.follow.getSnapshot() || el === null || item === undefined) return
    // The observed viewport size: reading clientHeight right after the word's class changed would force
    // a style and layout pass on every word.
    const height = v.scrollRect?.height ?? el.clientHeight
    const band = this.options.comfortBand
    if (item.size <= height * (1 - band.top)) return
    const row = word.closest<HTMLElement>('[data-index]')
    if (row === null) return
    const top = item.start + word.getBoundingClientRect().top - row.getBoundingClientRect().top
    const viewport = { offset: el.scrollTop, size: el.clientHeight }
    const target = wordScrollTarget({ start: top, end: top + word.offsetHeight }, viewport, band)
    if (target === null) return
    const behavior = scrollBehaviorFor(target - viewport.offset, viewport.size, this.options.reducedMotion())
    v.scrollToOffset(target, { behavior })
  }

  /** Moves keyboard focus to `part` of line `index` (clamped), rendering the line first if need be. */
  moveFocus(index: number, part: LinePart = 'time'): void {
    const count = this.options.cues.length
    if (count === 0) return
    const next = Math.max(0, Math.min(count - 1, index))
    if (next !== this.focusIndex) {
      this.focusIndex = next
      this.invalidateRows()
    }
    const row = this.rowElement(next)
    if (row !== null) {
      this.pendingFocus = null
      this.focusRow(row, part)
    } else {
      // Not rendered yet: focused when the renderer hands it to `measureElement`.
      this.pendingFocus = { index: next, part }
    }
    this.refresh()
  }

  /** Stops the staged mount's timer and every listener; the view stays usable (mount again). */
  destroy(): void {
    this.stopPhases()
    this.listeners.clear()
  }

  /** Cancels the staged mount's pending step (its timer, or the estimates' remaining slices). */
  private stopPhases(): void {
    if (this.phaseTimer !== null) clearTimeout(this.phaseTimer)
    this.phaseTimer = null
    this.estimating?.cancel()
    this.estimating = null
  }

  private virtualizerOptions(): VirtualizerOptions<HTMLElement, HTMLElement> {
    const { cues, overscan, initialLines } = this.options
    const count = cues.length
    const virtual = this.phase === 'virtual'
    return {
      // Until 'virtual', only the first lines (and the overscan) are known: see `TranscriptPhase`.
      count: virtual ? count : Math.min(count, initialLines + overscan),
      // Not while static: observing the viewport reads its size at once, a forced layout of the rows just
      // added; left alone, the browser lays them out in its next frame.
      getScrollElement: this.getScrollElement,
      estimateSize: this.estimateSize,
      measureElement: measureRow,
      overscan,
      rangeExtractor: this.rangeExtractor,
      // Without a viewport to measure (a server render, the first client render), pretend it shows the
      // first `initialLines` lines, so that they are rendered.
      initialRect: { width: 0, height: this.initialHeight() },
      // Scrolling "to a line" puts it at the comfort band's top rather than at the viewport's edge.
      scrollPaddingStart: Math.round(this.viewportHeight * this.options.comfortBand.top),
      observeElementRect,
      observeElementOffset,
      scrollToFn: elementScroll,
      onChange: () => this.onVirtualizerChange(),
    }
  }

  private readonly getScrollElement = (): HTMLElement | null =>
    this.phase === 'static' ? null : this.scrollElement
  private readonly estimateSize = (index: number): number => this.estimate(index)
  /** Replaced when what it adds changes (the spoken line, the focus): the virtualizer memoizes on it. */
  private rangeExtractor = (range: Range): number[] => this.extractRange(range)

  /** The rows to render depend on more than the range: recompute them. */
  private invalidateRows(): void {
    this.rangeExtractor = (range) => this.extractRange(range)
    this.virtualizer.setOptions(this.virtualizerOptions())
  }

  private initialHeight(): number {
    const { cues, initialLines } = this.options
    let height = 0
    for (let i = 0; i < Math.min(initialLines, cues.length); i++) height += this.estimate(i)
    return height
  }

  private estimate(index: number): number {
    const known = this.estimates
    const cues = this.options.cues
    const base = known !== null && known.cues === cues ? known.sizes[index]! : estimateLine(cues, index)
    const scale = this.options.textScale
    const line = scale === 1 ? base : Math.round(base * scale)
    return this.options.headings?.has(index) === true ? line + HEADING_PX : line
  }

  /**
   * The next step of the staged mount, in a task of its own. Going virtual needs every line's estimate:
   * the first slice of them is computed in the step's task, and when lines are left (a long transcript)
   * the rest a slice a task; the list stays 'measuring' (its first lines shown and usable) until then.
   */
  private schedulePhase(): void {
    if (this.phaseTimer !== null || this.estimating !== null || this.phase === 'virtual') return
    this.phaseTimer = setTimeout(() => {
      this.phaseTimer = null
      if (this.scrollElement === null) return
      if (this.phase === 'static') {
        this.phase = 'measuring'
        // The static rows were rendered unmeasured: measure and position those already there.
        for (const row of this.list?.querySelectorAll<HTMLElement>(':scope > [data-index]') ?? []) {
          this.virtualizer.measureElement(row)
        }
        this.enterPhase()
        return
      }
      const cues = this.options.cues
      if (this.estimates?.cues === cues) {
        this.phase = 'virtual'
        this.enterPhase()
        return
      }
      const build = buildLineEstimates(cues)
      const finish = (sizes: Int32Array) => {
        this.estimating = null
        this.estimates = { cues, sizes }
        // New lines while the estimates were computed: estimate those (the next step).
        if (this.options.cues === cues) this.phase = 'virtual'
        this.enterPhase()
      }
      const budget = this.options.sliceBudget
      if (build.step(budget)) finish(build.result())
      else {
        this.estimating = {
          cues,
          cancel: runInSlices(build, { budget, schedule: this.options.schedule, onDone: finish }),
        }
      }
    }, 0)
  }

  /** Shows the phase just entered, and schedules the next one. */
  private enterPhase(): void {
    this.virtualizer.setOptions(this.virtualizerOptions())
    this.virtualizer._willUpdate()
    this.applyAll()
    this.refresh()
    this.followSpoken()
    this.schedulePhase()
  }

  /**
   * The rows to render: the visible range with its overscan; while following, every row a follow scroll
   * can bring into view (so that it needs no render); and the focused row (the tab stop never vanishes).
   */
  private extractRange(range: Range): number[] {
    let indexes = defaultRangeExtractor(range)
    if (this.phase === 'virtual' && this.options.follow.getSnapshot()) {
      const spoken = this.options.controller.getSnapshot().cueIndex
      const around = spoken >= 0 ? this.rowsAround(spoken, range.overscan) : null
      if (around !== null) indexes = union(indexes, around[0], around[1])
    }
    const focus = this.focusTarget()
    // Before the list is virtual only the first lines are known: a focus further on comes with the rest.
    if (focus >= range.count || indexes.includes(focus)) return indexes
    const at = indexes.findIndex((i) => i > focus)
    indexes.splice(at < 0 ? indexes.length : at, 0, focus)
    return indexes
  }

  /**
   * The rows around line `index` within a viewport's height above its start or below its end (where the
   * viewport can be before and after following it), and `overscan` more each side. Null before the
   * viewport or the line is measured.
   */
  private rowsAround(index: number, overscan: number): [number, number] | null {
    const v = this.virtualizer
    const height = v.scrollRect?.height ?? 0
    const items = v.measurementsCache
    const item = items[index]
    if (height <= 0 || item === undefined) return null
    let first = index
    while (first > 0 && items[first - 1]!.end > item.start - height) first--
    let last = index
    while (last < items.length - 1 && items[last + 1]!.start < item.end + height) last++
    return [Math.max(0, first - overscan), Math.min(items.length - 1, last + overscan)]
  }

  private focusTarget(): number {
    return Math.max(0, Math.min(this.focusIndex, this.options.cues.length - 1))
  }

  private onVirtualizerChange(): void {
    // The constructor's first `setOptions` reports before the view is set up.
    if (this.snapshot === undefined) return
    const height = Math.round(this.virtualizer.scrollRect?.height ?? 0)
    if (height !== this.viewportHeight) {
      this.viewportHeight = height
      this.virtualizer.setOptions(this.virtualizerOptions())
    }
    this.applyAll()
    this.refresh()
  }

  private onCueChange(): void {
    const cue = this.options.controller.getSnapshot().cueIndex
    if (cue === this.lastCue) {
      this.refresh()
      return
    }
    this.lastCue = cue
    // The rows around the new line are rendered with the cue change (see `extractRange`).
    if (this.options.follow.getSnapshot()) this.invalidateRows()
    this.refresh()
    this.followSpoken()
  }

  /** Follow mode: keeps the spoken line inside the comfort band, in calm steps. */
  private followSpoken(): void {
    const el = this.scrollElement
    if (el === null || this.phase !== 'virtual' || !this.options.follow.getSnapshot()) return
    const index = this.options.controller.getSnapshot().cueIndex
    if (index < 0) return
    const v = this.virtualizer
    const item = v.measurementsCache[index]
    if (item === undefined) return
    const viewport = { offset: el.scrollTop, size: el.clientHeight }
    const target = followScrollTarget(
      { start: item.start, end: item.end },
      viewport,
      this.options.comfortBand,
    )
    if (target === null || Math.abs(target - viewport.offset) < 1) return
    const behavior = scrollBehaviorFor(target - viewport.offset, viewport.size, this.options.reducedMotion())
    v.scrollToIndex(index, { align: 'start', behavior })
  }

  /** Recomputes the snapshot; notifies when it differs from what subscribers were last told. */
  private refresh(): void {
    this.snapshot = this.next()
    if (this.snapshot === this.notified) return
    this.notified = this.snapshot
    this.options.onChange?.(this)
    for (const listener of [...this.listeners]) listener(this.snapshot)
  }

  /** The current snapshot, or the previous object when nothing in it changed. */
  private next(): TranscriptViewSnapshot {
    const next = this.compute()
    const prev = this.snapshot
    if (
      prev !== undefined &&
      next.phase === prev.phase &&
      next.focusIndex === prev.focusIndex &&
      next.following === prev.following &&
      next.jump === prev.jump &&
      next.printing === prev.printing &&
      sameRows(next.rows, prev.rows)
    ) {
      return prev
    }
    return next
  }

  private compute(): TranscriptViewSnapshot {
    const v = this.virtualizer
    const count = this.options.cues.length
    const following = this.options.follow.getSnapshot()
    let jump: TranscriptViewSnapshot['jump'] = null
    if (!following) {
      const active = this.options.controller.getSnapshot().cueIndex
      if (active >= 0) {
        const range = v.range
        const first = range?.startIndex ?? 0
        const last = range?.endIndex ?? Math.min(count - 1, this.options.initialLines - 1)
        jump = jumpDirection(active, first, last)
      }
    }
    if (this.printing) {
      return Object.freeze({
        phase: this.phase,
        rows: Array.from({ length: count }, (_, i) => i),
        focusIndex: this.focusTarget(),
        following,
        jump: null,
        printing: true,
      })
    }
    let rows = count === 0 ? [] : v.getVirtualIndexes()
    // The tab stop is always rendered, even with nothing in view (a viewport of no height).
    const focus = this.focusTarget()
    if (count > 0 && focus < v.options.count && !rows.includes(focus)) {
      rows = [...rows]
      const at = rows.findIndex((i) => i > focus)
      rows.splice(at < 0 ? rows.length : at, 0, focus)
    }
    return Object.freeze({
      phase: this.phase,
      rows,
      focusIndex: this.focusTarget(),
      following,
      jump,
      printing: false,
    })
  }

  private place(index: number, el: Element): void {
    const item = this.virtualizer.measurementsCache[index]
    if (item === undefined) return
    const y = item.start - this.virtualizer.options.scrollMargin
    if (this.positions.get(el) === y) return
    this.positions.set(el, y)
    ;(el as HTMLElement).style.transform = `translate3d(0, ${y}px, 0)`
  }

  /** Writes the list's height and every rendered row's position (only what moved). */
  private applyAll(): void {
    if (this.list === null || this.phase === 'static') return
    const v = this.virtualizer
    const height = v.getTotalSize()
    if (height !== this.listHeight) {
      this.listHeight = height
      this.list.style.height = `${height}px`
    }
    for (const item of v.getVirtualItems()) {
      const el = v.elementsCache.get(item.key)
      if (el !== undefined) this.place(item.index, el)
    }
  }

  private rowElement(index: number): HTMLElement | null {
    return this.scrollElement?.querySelector<HTMLElement>(`[data-index="${index}"]`) ?? null
  }

  private focusRow(row: HTMLElement, part: LinePart): void {
    row.querySelector<HTMLElement>(LINE_PARTS[part])?.focus({ preventScroll: true })
    this.virtualizer.scrollToIndex(Number(row.dataset.index), { align: 'auto' })
  }

  private onKeyDown(e: KeyboardEvent): void {
    const row = (e.target as Element).closest<HTMLElement>('[data-index]')
    if (row === null || e.altKey || e.ctrlKey || e.metaKey || e.defaultPrevented) return
    const index = Number(row.dataset.index)
    const range = this.virtualizer.range
    const page = range === null ? 10 : Math.max(1, range.endIndex - range.startIndex)
    const move = SCROLL_KEYS[e.key]
    if (e.shiftKey && (e.key === 'ArrowDown' || e.key === 'ArrowUp')) this.extendSelection(row, index, e.key)
    else if (move !== undefined) this.moveFocus(move(index, page, this.options.cues.length))
    else if (e.key === 'ArrowRight') this.moveFocus(index, 'copy')
    else if (e.key === 'ArrowLeft') this.moveFocus(index, 'time')
    else return
    e.preventDefault()
  }

  /**
   * Shift+ArrowDown/Up: selects whole lines' text from the line where it started to the next one, and
   * moves the focus there (the keyboard's way to a quote: the quote menu follows the selection, and Tab
   * moves into it). A selection the listener made elsewhere starts a new one here.
   */
  private extendSelection(row: HTMLElement, index: number, key: 'ArrowDown' | 'ArrowUp'): void {
    const list = this.list
    if (list === null) return
    if (this.selectFrom === null || selectionIn(list) === null) this.selectFrom = index
    const next = Math.max(0, Math.min(this.options.cues.length - 1, index + (key === 'ArrowDown' ? 1 : -1)))
    this.moveFocus(next)
    const lo = Math.min(this.selectFrom, next)
    const hi = Math.max(this.selectFrom, next)
    const text = (i: number) =>
      (i === index ? row : list.querySelector(`[data-index="${i}"]`))?.querySelector(LINE_TEXT) ?? null
    const first = text(lo)
    const last = text(hi)
    if (first === null || last === null) return
    row.ownerDocument.getSelection()?.setBaseAndExtent(first, 0, last, last.childNodes.length)
  }

  private onFocusIn(e: FocusEvent): void {
    const row = (e.target as Element).closest<HTMLElement>('[data-index]')
    if (row === null) return
    const index = Number(row.dataset.index)
    if (index === this.focusIndex) return
    this.focusIndex = index
    this.invalidateRows()
    this.refresh()
  }

  /** A click on a line seeks to it, or to the timed word under the pointer; selecting text does not. */
  private onClick(e: MouseEvent): void {
    if (e.defaultPrevented) return
    const target = e.target as Element
    if (target.closest(LINE_PARTS.copy) !== null) return
    const row = target.closest<HTMLElement>('[data-index]')
    if (row === null) return
    const index = Number(row.dataset.index)
    const cue = this.options.cues[index]
    if (cue === undefined) return
    // The selection as seen in the list's tree: inside a shadow root the document's is the host's.
    if (selectionIn(this.scrollElement ?? row) !== null) return
    const text = row.querySelector(LINE_TEXT)
    if (
      cue.words !== undefined &&
      cue.words.length > 0 &&
      text !== null &&
      target.closest('[data-castline-seek]') === null
    ) {
      const word = wordAtPoint(text, cue, target, e.clientX, e.clientY)
      const timed = word >= 0 ? cue.words[word] : undefined
      if (timed !== undefined && Number.isFinite(timed.start)) {
        this.seekTo(timed.start)
        return
      }
    }
    this.seekToCue(index)
  }
}

function listen(target: EventTarget, type: string, listener: (event: Event) => void): () => void {
  target.addEventListener(type, listener)
  return () => target.removeEventListener(type, listener)
}

/**
 * A row's height: from the ResizeObserver entry, which the browser delivers after its own layout and
 * before painting. A row just mounted (no entry yet) keeps the size known so far, its estimate at first:
 * reading offsetHeight there would force a layout inside the commit that mounted it.
 */
function measureRow(
  element: HTMLElement,
  entry: ResizeObserverEntry | undefined,
  v: ListVirtualizer,
): number {
  const box = entry?.borderBoxSize?.[0]
  if (box !== undefined) return Math.round(box.blockSize)
  // Without a ResizeObserver no entry ever comes: measure now.
  if (entry !== undefined || typeof ResizeObserver === 'undefined') return element.offsetHeight
  const index = v.indexFromElement(element)
  return v.itemSizeCache.get(v.options.getItemKey(index)) ?? v.options.estimateSize(index)
}

/** Sorted `indexes` (ascending) with `first..last` added. */
function union(indexes: number[], first: number, last: number): number[] {
  const out: number[] = []
  let i = 0
  while (i < indexes.length && indexes[i]! < first) out.push(indexes[i++]!)
  for (let n = first; n <= last; n++) out.push(n)
  while (i < indexes.length && indexes[i]! <= last) i++
  while (i < indexes.length) out.push(indexes[i++]!)
  return out
}
