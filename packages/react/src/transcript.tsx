import type {
  Cue,
  SearchMatch,
  SyncController,
  SyncSnapshot,
  Transcript as TranscriptModel,
} from '@castline/core'
import {
  type ComfortBand,
  DEFAULT_COMFORT_BAND,
  followScrollTarget,
  jumpDirection,
  scrollBehaviorFor,
  watchScrollIntent,
  wordAtPoint,
  wordScrollTarget,
} from '@castline/dom'
import { defaultRangeExtractor, type Virtualizer, type Range as VirtualRange } from '@tanstack/react-virtual'
import {
  type CSSProperties,
  type FocusEvent,
  type KeyboardEvent,
  type MouseEvent,
  memo,
  type ReactNode,
  startTransition,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  useSyncExternalStore,
} from 'react'
import { linkToTime } from './deep-link.js'
import { useCastline, useControllerState } from './hooks.js'
import { Line, type LineActions } from './line.js'
import { useListVirtualizer } from './virtual-list.js'

const useIsomorphicLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect

/** Props of `<Transcript>`. */
export interface TranscriptProps {
  /** Accessible name of the transcript region (default "Transcript"). */
  label?: string
  /** Extra class names for the region (it always has `castline castline-transcript`). */
  className?: string
  /** Inline styles for the region, e.g. `--castline-transcript-height`. */
  style?: CSSProperties
  /** Lines rendered beyond the visible ones on each side (default 4): small, so the DOM stays small. */
  overscan?: number
  /** Lines rendered on the server and before the first measurement, so the first screen is in the HTML (default 30). */
  initialLines?: number
  /** Where follow mode keeps the spoken line, as fractions of the viewport height (default 0.2 to 0.6). */
  comfortBand?: ComfortBand
  /** Receives the "copy link to this line" URL instead of the clipboard (for a share sheet, or tests). */
  onCopyLink?: (url: string, cue: Cue, index: number) => void | Promise<void>
}

// A first guess at a line's height before it is measured: one or more text lines plus padding.
const LINE_PX = 24
const PADDING_PX = 12
const SPEAKER_PX = 21
const CHARS_PER_LINE = 60

function speakerStartAt(cues: readonly Cue[], index: number): boolean {
  const speaker = cues[index]?.speaker
  if (speaker === undefined || speaker === '') return false
  return index === 0 || cues[index - 1]?.speaker !== speaker
}

function estimateLine(cues: readonly Cue[], index: number): number {
  const length = cues[index]?.text.length ?? 0
  const lines = Math.max(1, Math.ceil(length / CHARS_PER_LINE))
  return PADDING_PX + lines * LINE_PX + (speakerStartAt(cues, index) ? SPEAKER_PX : 0)
}

/** Every line's estimate, computed ahead of the render that makes the list virtual (see `phase`). */
function estimateLines(cues: readonly Cue[]): Int32Array {
  const sizes = new Int32Array(cues.length)
  for (let i = 0; i < cues.length; i++) sizes[i] = estimateLine(cues, i)
  return sizes
}

function prefersReducedMotion(): boolean {
  return (
    typeof window !== 'undefined' && window.matchMedia?.('(prefers-reduced-motion: reduce)').matches === true
  )
}

const selectCueIndex = (s: SyncSnapshot): number => s.cueIndex

const subscribeNone = () => () => {}
/** True on the server and while hydrating its HTML, false in a render on the client alone. */
const useServerOrHydrating = (): boolean =>
  useSyncExternalStore(
    subscribeNone,
    () => false,
    () => true,
  )

/** Static rows are not measured: the browser lays them out in the first frame, then the list virtualizes. */
const noMeasure = (_element: HTMLLIElement | null): void => {}

interface JumpProps {
  controller: SyncController
  firstVisible: number
  lastVisible: number
  onJump(): void
}

/** "Jump to current line": shown while detached, pointing towards the spoken line. */
const JumpToCurrent = memo(function JumpToCurrent({
  controller,
  firstVisible,
  lastVisible,
  onJump,
}: JumpProps) {
  const active = useControllerState(controller, selectCueIndex)
  if (active < 0) return null
  const direction = jumpDirection(active, firstVisible, lastVisible)
  const arrow = direction === 'up' ? '\u2191' : direction === 'down' ? '\u2193' : null
  return (
    <button
      type="button"
      className={direction === 'none' ? 'castline-jump' : `castline-jump castline-jump--${direction}`}
      data-direction={direction}
      onClick={onJump}
    >
      {arrow === null ? null : <span aria-hidden="true">{arrow}</span>}
      Jump to current line
    </button>
  )
})

/**
 * The transcript: a labelled region holding a virtualized list of lines (only the visible ones are in
 * the DOM, so 100,000 lines cost what 100 do). The spoken line is highlighted and followed; a click (or
 * Enter/Space) seeks; one tab stop with arrow keys, Home/End and PageUp/PageDown inside.
 */
export function Transcript(props: TranscriptProps): ReactNode {
  const { transcriptLoad } = useCastline()
  const label = props.label ?? 'Transcript'
  // A client-side mount shows the region first and renders the list (the virtualizer, the first lines) in
  // a transition after it: React renders a transition in slices of a few milliseconds, so the page's own
  // first render and the list's are never one long task (on a slow machine the two together, code run for
  // the first time, took 50-90 ms). Server HTML and its hydration have the list at once, for the markup.
  const [listShown, setListShown] = useState(useServerOrHydrating())
  useEffect(() => {
    if (!listShown) startTransition(() => setListShown(true))
  }, [listShown])
  const className =
    props.className === undefined
      ? 'castline castline-transcript'
      : `castline castline-transcript ${props.className}`
  let body: ReactNode
  if (transcriptLoad.status === 'loading') {
    body = (
      <p className="castline-transcript__status" role="status">
        Loading transcript…
      </p>
    )
  } else if (transcriptLoad.status === 'error') {
    body = (
      <p className="castline-transcript__status" role="alert">
        The transcript could not be shown. {transcriptLoad.error.message}
      </p>
    )
  } else if (transcriptLoad.transcript.cues.length === 0) {
    body = <p className="castline-transcript__status">This transcript has no lines.</p>
  } else if (listShown) {
    body = <TranscriptList {...props} transcript={transcriptLoad.transcript} />
  } else {
    body = <div className="castline-transcript__viewport" />
  }
  return (
    <section className={className} style={props.style} aria-label={label}>
      {body}
    </section>
  )
}

interface ListProps extends TranscriptProps {
  transcript: TranscriptModel
}

function TranscriptList(props: ListProps): ReactNode {
  const { transcript, overscan = 4, initialLines = 30, onCopyLink } = props
  const band = props.comfortBand ?? DEFAULT_COMFORT_BAND
  const { controller, following, dispatchFollow, seekTo, seekToCue, search, registerTranscriptView } =
    useCastline()
  const cues = transcript.cues
  const count = cues.length

  const viewportRef = useRef<HTMLDivElement | null>(null)
  const followingRef = useRef(following)
  followingRef.current = following
  // Mounting goes in three steps, each a passive effect, which the browser runs in a task of its own after
  // the commit before: so a long transcript is never one long task. 'static': the first `initialLines`
  // lines in normal flow, unmeasured (server HTML, first client render: the same markup on both).
  // 'measuring': the same lines positioned by the virtualizer and measured while it knows only them (each
  // measurement re-adds the sizes after the line, so measuring with 100,000 lines known costs 100,000 steps
  // a row). 'virtual': every line known, estimated once, the measured sizes kept.
  // The estimates of all lines are computed in a task of their own between 'measuring' and 'virtual' (a
  // timer: an effect can run in its commit's task, when a render the commit spawned flushes it first).
  const [phase, setPhase] = useState<'static' | 'measuring' | 'virtual'>('static')
  useEffect(() => {
    // A transition: React renders it in a task of its own, never inside the commit that asked for it.
    if (phase === 'static') startTransition(() => setPhase('measuring'))
    if (phase !== 'measuring') return
    const timer = setTimeout(() => {
      if (estimates.current?.cues !== cues) estimates.current = { cues, sizes: estimateLines(cues) }
      startTransition(() => setPhase('virtual'))
    }, 0)
    return () => clearTimeout(timer)
  }, [phase, cues])
  const mounted = phase !== 'static'
  const virtual = phase === 'virtual'

  // Roving tabindex: the line holding the list's one tab stop; always rendered, so the stop never vanishes.
  const [focusIndex, setFocusIndex] = useState(0)
  const focusTarget = Math.min(focusIndex, count - 1)
  const pendingFocus = useRef<{ index: number; part: 'time' | 'copy' } | null>(null)

  // While following, the rows around the spoken line are rendered whatever the scroll position: follow
  // mode's scroll to the next line then needs no React render (the rows it brings into view mounted with
  // the cue change), so playback commits only when the cue changes.
  const spoken = useControllerState(controller, following && virtual ? selectCueIndex : selectNone)
  const rangeExtractor = useCallback(
    (range: VirtualRange) => {
      let indexes = defaultRangeExtractor(range)
      const around = spoken >= 0 ? rowsAround(instance.current, spoken, range.overscan) : null
      if (around !== null) indexes = union(indexes, around[0], around[1])
      // Before the list is virtual the virtualizer knows only the first lines: a focus further on (End
      // pressed at once) is added when it knows them all.
      if (focusTarget >= range.count || indexes.includes(focusTarget)) return indexes
      // Keep document order: assistive technology reads the rows in DOM order.
      const at = indexes.findIndex((i) => i > focusTarget)
      indexes.splice(at < 0 ? indexes.length : at, 0, focusTarget)
      return indexes
    },
    [focusTarget, spoken],
  )
  const estimates = useRef<{ cues: readonly Cue[]; sizes: Int32Array } | null>(null)
  const estimateSize = useCallback(
    (index: number) => {
      const known = estimates.current
      return known !== null && known.cues === cues ? known.sizes[index]! : estimateLine(cues, index)
    },
    [cues],
  )

  // The server (and the first client render) has no viewport to measure: pretend it shows the first
  // `initialLines` lines, so that they are in the HTML.
  const initialRect = useMemo(() => {
    let height = 0
    for (let i = 0; i < Math.min(initialLines, count); i++) height += estimateSize(i)
    return { width: 0, height }
  }, [initialLines, count, estimateSize])

  const instance = useRef<Virtualizer<HTMLDivElement, HTMLLIElement> | null>(null)
  const viewportHeight = Math.round(instance.current?.scrollRect?.height ?? 0)
  const virtualizer = useListVirtualizer({
    // Until 'virtual', only the first lines (and the overscan) are known: see `phase`.
    count: virtual ? count : Math.min(count, initialLines + overscan),
    // Not while static: observing the viewport reads its size at once, a forced layout of the new rows
    // inside the commit that added them; left alone, the browser lays them out in its next frame.
    getScrollElement: () => (mounted ? viewportRef.current : null),
    estimateSize,
    measureElement: measureRow,
    overscan,
    rangeExtractor,
    initialRect,
    // Scrolling "to a line" puts it at the comfort band's top rather than at the viewport's edge.
    scrollPaddingStart: Math.round(viewportHeight * band.top),
    // Rows are positioned in the DOM directly: the list re-renders only when what it shows changes (the
    // rows; the visible range while the jump button needs it; the viewport's height), never a row.
    renderKey: (v) => {
      let key = `${Math.round(v.scrollRect?.height ?? 0)}:${v.getVirtualIndexes().join(',')}`
      if (!followingRef.current) key += `:${v.range?.startIndex}-${v.range?.endIndex}`
      return key
    },
  })
  instance.current = virtualizer

  // Follow mode: keep the spoken line inside the comfort band, in calm steps.
  const bandRef = useRef(band)
  bandRef.current = band
  const followActive = useCallback(() => {
    const el = viewportRef.current
    const index = controller.getSnapshot().cueIndex
    if (el === null || index < 0) return
    const item = virtualizer.measurementsCache[index]
    if (item === undefined) return
    const viewport = { offset: el.scrollTop, size: el.clientHeight }
    const target = followScrollTarget({ start: item.start, end: item.end }, viewport, bandRef.current)
    if (target === null || Math.abs(target - viewport.offset) < 1) return
    const behavior = scrollBehaviorFor(target - viewport.offset, viewport.size, prefersReducedMotion())
    virtualizer.scrollToIndex(index, { align: 'start', behavior })
  }, [controller, virtualizer])

  useEffect(() => {
    if (!following || !virtual) return
    followActive()
    let last = controller.getSnapshot().cueIndex
    return controller.subscribe((snapshot) => {
      if (snapshot.cueIndex === last) return
      last = snapshot.cueIndex
      followActive()
    })
  }, [following, virtual, controller, followActive])

  // Only the user's own scrolling detaches (our scrolls produce no wheel, touch or key input).
  useEffect(() => {
    const el = viewportRef.current
    if (el === null) return
    return watchScrollIntent(el, () => {
      // A scroll of ours still settling (re-aimed as rows get measured) must not fight the user.
      virtualizer.cancelScroll()
      dispatchFollow({ type: 'user-scroll' })
    })
  }, [dispatchFollow, virtualizer])

  useEffect(() => {
    registerTranscriptView({
      scrollToCue: (index, options) =>
        virtualizer.scrollToIndex(index, { align: options?.align ?? 'center' }),
    })
    return () => registerTranscriptView(null)
  }, [registerTranscriptView, virtualizer])

  const copyRef = useRef(onCopyLink)
  copyRef.current = onCopyLink
  const actions = useMemo<LineActions>(
    () => ({
      seekToCue,
      seekTo,
      copyLink: (index) => {
        const cue = cues[index]
        if (cue === undefined || typeof window === 'undefined') return
        const url = linkToTime(window.location.href, cue.start)
        if (copyRef.current !== undefined) return copyRef.current(url, cue, index)
        const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
        if (clipboard === undefined) return Promise.reject(new Error('No clipboard'))
        return clipboard.writeText(url)
      },
      spokenWordMoved: (index, element) => {
        // Only a line too tall to see whole needs its words followed; others are handled per line.
        const el = viewportRef.current
        const item = virtualizer.measurementsCache[index]
        if (!followingRef.current || el === null || item === undefined) return
        // The virtualizer's observed viewport size: reading clientHeight here, right after the word's class
        // changed, would force a style and layout pass on every word.
        const height = virtualizer.scrollRect?.height ?? el.clientHeight
        if (item.size <= height * (1 - bandRef.current.top)) return
        const row = element.closest<HTMLElement>('[data-index]')
        if (row === null) return
        const top = item.start + element.getBoundingClientRect().top - row.getBoundingClientRect().top
        const viewport = { offset: el.scrollTop, size: el.clientHeight }
        const target = wordScrollTarget(
          { start: top, end: top + element.offsetHeight },
          viewport,
          bandRef.current,
        )
        if (target === null) return
        const behavior = scrollBehaviorFor(target - viewport.offset, viewport.size, prefersReducedMotion())
        virtualizer.scrollToOffset(target, { behavior })
      },
    }),
    [seekToCue, seekTo, cues, virtualizer],
  )

  // Keyboard focus lands after the render that guarantees the target row exists.
  useIsomorphicLayoutEffect(() => {
    const pending = pendingFocus.current
    if (pending === null) return
    const row = viewportRef.current?.querySelector<HTMLElement>(`[data-index="${pending.index}"]`)
    // Not rendered yet (the list is not virtual yet): focus it after the render that brings it.
    if (!virtual && (row ?? null) === null) return
    pendingFocus.current = null
    const button = row?.querySelector<HTMLElement>(
      pending.part === 'copy' ? '.castline-line__copy' : '.castline-line__time',
    )
    button?.focus({ preventScroll: true })
    virtualizer.scrollToIndex(pending.index, { align: 'auto' })
  })

  const moveFocus = (index: number, part: 'time' | 'copy' = 'time') => {
    const next = Math.max(0, Math.min(count - 1, index))
    pendingFocus.current = { index: next, part }
    if (next === focusTarget) {
      // Same row: no re-render coming, so focus now.
      const row = viewportRef.current?.querySelector<HTMLElement>(`[data-index="${next}"]`)
      row
        ?.querySelector<HTMLElement>(part === 'copy' ? '.castline-line__copy' : '.castline-line__time')
        ?.focus()
      pendingFocus.current = null
      virtualizer.scrollToIndex(next, { align: 'auto' })
    } else {
      setFocusIndex(next)
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLUListElement>) => {
    const row = (e.target as Element).closest<HTMLElement>('[data-index]')
    if (row === null || e.altKey || e.ctrlKey || e.metaKey) return
    const index = Number(row.dataset.index)
    const range = virtualizer.range
    const page = range === null ? 10 : Math.max(1, range.endIndex - range.startIndex)
    let handled = true
    switch (e.key) {
      case 'ArrowDown':
        moveFocus(index + 1)
        break
      case 'ArrowUp':
        moveFocus(index - 1)
        break
      case 'PageDown':
        moveFocus(index + page)
        break
      case 'PageUp':
        moveFocus(index - page)
        break
      case 'Home':
        moveFocus(0)
        break
      case 'End':
        moveFocus(count - 1)
        break
      case 'ArrowRight':
        moveFocus(index, 'copy')
        break
      case 'ArrowLeft':
        moveFocus(index, 'time')
        break
      default:
        handled = false
    }
    if (handled) e.preventDefault()
  }

  const onFocus = (e: FocusEvent<HTMLUListElement>) => {
    const row = (e.target as Element).closest<HTMLElement>('[data-index]')
    if (row === null) return
    const index = Number(row.dataset.index)
    if (index !== focusTarget) setFocusIndex(index)
  }

  const onClick = (e: MouseEvent<HTMLUListElement>) => {
    const target = e.target as Element
    if (target.closest('.castline-line__copy') !== null) return
    const row = target.closest<HTMLElement>('[data-index]')
    if (row === null) return
    const index = Number(row.dataset.index)
    const cue = cues[index]
    if (cue === undefined) return
    // Selecting text to copy it must not seek.
    const selection = typeof window === 'undefined' ? null : window.getSelection()
    if (selection !== null && !selection.isCollapsed && selection.toString().trim() !== '') return
    if (cue.words !== undefined && cue.words.length > 0 && target.closest('[data-castline-seek]') === null) {
      const word = wordAtClick(e, row, cue)
      const timed = word >= 0 ? cue.words[word] : undefined
      if (timed !== undefined && Number.isFinite(timed.start)) {
        seekTo(timed.start)
        return
      }
    }
    seekToCue(index)
  }

  const jump = useCallback(() => dispatchFollow({ type: 'jump' }), [dispatchFollow])

  const items = virtualizer.getVirtualItems()
  const { matchesByCue, matches, current } = search
  const currentMatch: SearchMatch | undefined = current >= 0 ? matches[current] : undefined
  const range = virtualizer.range
  const firstVisible = range?.startIndex ?? 0
  const lastVisible = range?.endIndex ?? Math.min(count - 1, initialLines - 1)

  return (
    <>
      <div ref={viewportRef} className="castline-transcript__viewport">
        <ul
          ref={virtualizer.containerRef}
          className="castline-transcript__list"
          data-static={mounted ? undefined : ''}
          onKeyDown={onKeyDown}
          onFocus={onFocus}
          onClick={onClick}
        >
          {items.map((item) => {
            const cue = cues[item.index]!
            return (
              <Line
                key={item.key}
                index={item.index}
                cue={cue}
                setSize={count}
                speakerStart={speakerStartAt(cues, item.index)}
                controller={controller}
                actions={actions}
                measureRef={mounted ? virtualizer.measureElement : noMeasure}
                tabStop={item.index === focusTarget}
                matches={matchesByCue.get(item.index)}
                currentMatchStart={
                  currentMatch !== undefined && currentMatch.cue === item.index ? currentMatch.start : -1
                }
              />
            )
          })}
        </ul>
      </div>
      {following ? null : (
        <JumpToCurrent
          controller={controller}
          firstVisible={firstVisible}
          lastVisible={lastVisible}
          onJump={jump}
        />
      )}
    </>
  )
}

const selectNone = () => -1

/**
 * A row's height: from the ResizeObserver entry, which the browser delivers after its own layout and
 * before painting. A row just mounted (no entry yet) keeps the size known so far, its estimate at first:
 * reading offsetHeight there would force a layout inside the commit that mounted it, the commit that
 * moves the highlight.
 */
function measureRow(
  element: HTMLLIElement,
  entry: ResizeObserverEntry | undefined,
  v: Virtualizer<HTMLDivElement, HTMLLIElement>,
): number {
  const box = entry?.borderBoxSize?.[0]
  if (box !== undefined) return Math.round(box.blockSize)
  // Without a ResizeObserver no entry ever comes: measure now.
  if (entry !== undefined || typeof ResizeObserver === 'undefined') return element.offsetHeight
  const index = v.indexFromElement(element)
  return v.itemSizeCache.get(v.options.getItemKey(index)) ?? v.options.estimateSize(index)
}

/**
 * The rows a follow scroll can bring into view around line `index`: every row within a viewport's height
 * above its start or below its end (where the viewport can be before and after following it), and
 * `overscan` more each side. Null before the viewport or the line is measured.
 */
function rowsAround(
  v: Virtualizer<HTMLDivElement, HTMLLIElement> | null,
  index: number,
  overscan: number,
): [number, number] | null {
  const height = v?.scrollRect?.height ?? 0
  const items = v?.measurementsCache
  const item = items?.[index]
  if (height <= 0 || items === undefined || item === undefined) return null
  let first = index
  while (first > 0 && items[first - 1]!.end > item.start - height) first--
  let last = index
  while (last < items.length - 1 && items[last + 1]!.start < item.end + height) last++
  return [Math.max(0, first - overscan), Math.min(items.length - 1, last + overscan)]
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

/** The timed word under a click: the word span when the line shows them, else the caret position. */
function wordAtClick(e: MouseEvent, row: HTMLElement, cue: Cue): number {
  const text = row.querySelector<HTMLElement>('.castline-line__text')
  return text === null ? -1 : wordAtPoint(text, cue, e.target as Element, e.clientX, e.clientY)
}
