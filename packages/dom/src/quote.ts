import type { Cue, Transcript } from '@castline/core'
import { formatQuoteLink, locateQuote, parseQuoteLink, type QuoteLink } from '@castline/core/links'
import { tokenizeCue } from './line-text.js'

// Sharing a quote, read and written the same way by both renderers: a text selection in the transcript's
// list becomes a range of lines with its times and words (`quoteFromRange`), the words and the link are
// written as `formatQuote` says, and opening such a link (`openQuoteLink`) finds the words again near the
// linked time, seeks there, plays after the listener's first gesture and pauses at the end of the range.

/** A quote: the lines a selection covers, the selected words and when they are said. */
export interface Quote {
  /** Index of the first and last line the selection touches. */
  first: number
  last: number
  /** Seconds: the first selected word's start and the last one's end with word timings, else the lines'. */
  start: number
  end: number
  /** The selected text, lines joined by a space, white space single. */
  text: string
  /** Who says the first line, when the transcript says. */
  speaker?: string
}

/** The ends of a selection (a `Range`, a `StaticRange` or a `Selection`'s anchor and focus in order). */
export interface RangeEnds {
  startContainer: Node
  startOffset: number
  endContainer: Node
  endOffset: number
}

/** Where one end of a range falls: a line, and a character offset in its text (null: before/after it). */
function endPoint(
  list: Element,
  node: Node,
  offset: number,
  isEnd: boolean,
): { index: number; at: number } | null {
  // An element container points between its children: take the child there (or after it, at the end).
  let target: Node = node
  let inside = true
  if (node.nodeType === 1 && node.childNodes.length > 0) {
    const child = node.childNodes[Math.min(offset, node.childNodes.length - 1)]!
    if (isEnd && offset > 0) target = node.childNodes[offset - 1]!
    else target = child
    inside = false
  }
  const el = target.nodeType === 1 ? (target as Element) : target.parentElement
  const row = el?.closest('[data-index]')
  if (row == null || !list.contains(row)) return null
  const index = Number(row.getAttribute('data-index'))
  const text = el!.closest('.castline-line__text')
  if (text === null || !row.contains(text)) {
    // Outside the line's text: its time, speaker or heading come before the text, its copy button after.
    const after = el!.closest('.castline-line__copy') !== null || el === row
    return { index, at: after ? Number.POSITIVE_INFINITY : 0 }
  }
  // Characters of the text before the end: the text nodes in order up to the end's node.
  let at = 0
  const walker = text.ownerDocument.createTreeWalker(text, 4)
  for (let n = walker.nextNode(); n !== null; n = walker.nextNode()) {
    if (n === target || target.contains(n)) {
      if (inside && target.nodeType === 3) return { index, at: at + offset }
      return { index, at: isEnd ? at + (target.textContent?.length ?? 0) : at }
    }
    at += n.textContent!.length
  }
  return { index, at }
}

/** The word timed at or after `at` in `cue` (the start), or at or before it (the end), when it has times. */
function wordTime(cue: Cue, at: number, isEnd: boolean): number {
  const words = cue.words
  if (words === undefined || words.length === 0) return isEnd ? cue.end : cue.start
  const tokens = tokenizeCue(cue).filter((t) => t.word >= 0)
  if (isEnd) {
    for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i]!.start < at) return words[tokens[i]!.word]!.end
    return cue.end
  }
  for (const t of tokens) if (t.end > at) return words[t.word]!.start
  return cue.start
}

/**
 * The quote a range of the rendered list covers: the lines of its two ends (`data-index` rows of `list`),
 * the text between them (lines not rendered in between come from `cues`), and its times. Null when the
 * range is collapsed, outside the list, or holds no words.
 */
export function quoteFromRange(range: RangeEnds, list: Element, cues: readonly Cue[]): Quote | null {
  const from = endPoint(list, range.startContainer, range.startOffset, false)
  const to = endPoint(list, range.endContainer, range.endOffset, true)
  if (from === null || to === null || from.index > to.index) return null
  const first = cues[from.index]
  const last = cues[to.index]
  if (first === undefined || last === undefined) return null
  const parts: string[] = []
  for (let i = from.index; i <= to.index; i++) {
    const text = cues[i]!.text
    parts.push(text.slice(i === from.index ? from.at : 0, i === to.index ? to.at : text.length))
  }
  const text = parts.join(' ').replace(/\s+/gu, ' ').trim()
  if (text === '') return null
  const quote: Quote = {
    first: from.index,
    last: to.index,
    start: wordTime(first, from.at, false),
    end: wordTime(last, to.at, true),
    text,
  }
  if (quote.end <= quote.start) quote.end = last.end
  if (first.speaker !== undefined && first.speaker !== '') quote.speaker = first.speaker
  return quote
}

/**
 * The current selection's range in `root` (the list): the document's selection, seen into a shadow root
 * with `getComposedRanges` (or Chromium's `shadowRoot.getSelection`). Null without a selection there.
 */
export function selectionIn(root: Element): RangeEnds | null {
  const doc = root.ownerDocument
  const owner = root.getRootNode()
  const shadow = typeof ShadowRoot !== 'undefined' && owner instanceof ShadowRoot ? owner : null
  const selection = doc.getSelection()
  let range: RangeEnds | null = null
  if (shadow !== null && selection !== null && 'getComposedRanges' in selection) {
    const composed = (
      selection as Selection & { getComposedRanges(o: { shadowRoots: ShadowRoot[] }): StaticRange[] }
    ).getComposedRanges({ shadowRoots: [shadow] })
    range = composed[0] ?? null
  } else {
    const own = shadow as (ShadowRoot & { getSelection?(): Selection | null }) | null
    const sel = own?.getSelection?.() ?? selection
    range = sel !== null && sel.rangeCount > 0 ? sel.getRangeAt(0) : null
  }
  if (range === null) return null
  const collapsed = range.startContainer === range.endContainer && range.startOffset === range.endOffset
  if (collapsed || !root.contains(range.startContainer) || !root.contains(range.endContainer)) return null
  return range
}

/** The link of a quote (or of a line: its start and words): `base#t=start,end&q=first words`. */
export function quoteLink(base: string, quote: { start: number; end?: number; text: string }): string {
  const link: QuoteLink = { start: quote.start, quote: quote.text }
  if (quote.end !== undefined) link.end = quote.end
  return formatQuoteLink(base, link)
}

/**
 * What "Copy quote" writes: `“the words” — Speaker, Episode title <link>` (the speaker and the title each
 * left out when unknown, the dash with them).
 */
export function formatQuote(quote: Quote, link: string, title?: string): string {
  const who = [quote.speaker, title].filter((s): s is string => s !== undefined && s.trim() !== '').join(', ')
  return `\u201c${quote.text}\u201d${who === '' ? '' : ` \u2014 ${who}`} <${link}>`
}

/** Writes `text` to the clipboard: the async Clipboard API, else a hidden textarea and `copy`. */
export async function copyText(text: string, doc: Document = document): Promise<void> {
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
  if (clipboard?.writeText !== undefined) return clipboard.writeText(text)
  const area = doc.createElement('textarea')
  area.value = text
  area.setAttribute('readonly', '')
  area.style.position = 'fixed'
  area.style.opacity = '0'
  doc.body.append(area)
  area.select()
  const ok = typeof doc.execCommand === 'function' && doc.execCommand('copy')
  area.remove()
  if (!ok) throw new Error('The clipboard is not available here')
}

/** What `openQuoteLink` needs of a player. */
export interface OpenQuoteLinkOptions {
  /** Where to look for the link's words; null (none loaded) keeps the link's own time. */
  transcript: Transcript | null
  seek(seconds: number): void
  play(): Promise<void> | void
  pause(): void
  /** True while the media is paused (read when the first gesture is over). */
  paused(): boolean
  /** Calls the listener with the time on every frame while playing; returns the unsubscribe. */
  subscribeFrame(listener: (time: number) => void): () => void
  /** Where the listener's first gesture is heard (the window). */
  gestures: EventTarget
  /** How far to look for the quote's words (seconds either side; default `locateQuote`'s). */
  window?: number
}

/** An opened link: where it landed, and the stop of its first-gesture play and end-of-range pause. */
export interface OpenedQuoteLink {
  /** Transcript time of the range: start (where it seeked) and end (where it pauses), moved with the words. */
  start: number
  end?: number
  /** True when the words were found away from the linked time (an ad inserted before them). */
  moved: boolean
  cancel(): void
}

/**
 * Opens a quote link (`#t=a[,b][&q=words]`): finds the words near `a` (`locateQuote`), seeks to them, and
 * for a range plays after the listener's first click or key (browsers refuse to play before one) unless
 * that gesture started playback itself, then pauses when the time reaches the range's end. Returns null
 * when the hash has no usable `t=`.
 */
export function openQuoteLink(hash: string, options: OpenQuoteLinkOptions): OpenedQuoteLink | null {
  const link = parseQuoteLink(hash)
  if (link === null) return null
  const located =
    options.transcript === null
      ? { time: link.start, moved: false, offset: 0 }
      : locateQuote(options.transcript, link, options.window === undefined ? {} : { window: options.window })
  const start = located.time
  options.seek(start)
  const opened: OpenedQuoteLink = { start, moved: located.moved, cancel: () => {} }
  if (link.end === undefined) return opened
  const end = link.end + located.offset
  opened.end = end
  let timer: ReturnType<typeof setTimeout> | undefined
  const onGesture = () => {
    disarm()
    // After the gesture's own handlers: a Play button or the Space key may have started playback already.
    timer = setTimeout(() => {
      if (options.paused()) Promise.resolve(options.play()).catch(() => {})
    }, 0)
  }
  const disarm = () => {
    options.gestures.removeEventListener('pointerdown', onGesture, true)
    options.gestures.removeEventListener('keydown', onGesture, true)
  }
  options.gestures.addEventListener('pointerdown', onGesture, true)
  options.gestures.addEventListener('keydown', onGesture, true)
  // Pause once at the end, after playback has reached the range; leaving it (a seek elsewhere) ends the watch.
  let reached = false
  const offFrame = options.subscribeFrame((time) => {
    const inside = time >= start - 1 && time <= end + 1
    if (!reached) reached = inside
    else if (!inside) return stop()
    if (reached && time >= end) {
      options.pause()
      stop()
    }
  })
  let stopped = false
  const stop = () => {
    if (stopped) return
    stopped = true
    offFrame()
  }
  opened.cancel = () => {
    disarm()
    clearTimeout(timer)
    stop()
  }
  return opened
}

/** What the quote menu shows: the quote and where (pixels from the anchor's top left), or nothing. */
export interface QuoteMenuSnapshot {
  quote: Quote
  /** Left edge and top of the menu: under the selection's end, inside the anchor. */
  x: number
  y: number
}

/** The focused element, inside shadow roots. */
function deepActive(doc: Document): Element | null {
  let el = doc.activeElement
  while (el?.shadowRoot?.activeElement != null) el = el.shadowRoot.activeElement
  return el
}

/**
 * The quote menu's state: it follows the document's selection while it is in the transcript's list
 * (mouse, touch, or the keyboard), places the menu under the selection's end, and keeps it while focus
 * is in the menu (Tab moves into it; a click on its buttons does not take the selection away). Escape
 * (`close`) hides it until the selection changes. Renderers render `.castline-quote-menu` from the snapshot.
 */
export class QuoteMenu {
  private cues: readonly Cue[]
  private snapshot: QuoteMenuSnapshot | null = null
  private readonly listeners = new Set<(s: QuoteMenuSnapshot | null) => void>()
  private list: Element | null = null
  private anchor: Element | null = null

  constructor(options: { cues: readonly Cue[] }) {
    this.cues = options.cues
  }

  setOptions(options: { cues: readonly Cue[] }): void {
    this.cues = options.cues
  }

  subscribe = (listener: (s: QuoteMenuSnapshot | null) => void): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): QuoteMenuSnapshot | null => this.snapshot

  /** Hides the menu (Escape, or after a copy); the next selection change shows it again. */
  close = (): void => this.set(null)

  /** Reads the selection again (a renderer calls this on the selection's events; `mount` does). */
  update = (): void => {
    const list = this.list
    const anchor = this.anchor
    if (list === null || anchor === null) return
    const range = selectionIn(list)
    const quote = range === null ? null : quoteFromRange(range, list, this.cues)
    if (quote === null || range === null) {
      // Focus in the menu keeps it: a keyboard user tabbed in, or a tap on a button cleared the selection.
      if (deepActive(list.ownerDocument)?.closest('.castline-quote-menu') == null) this.set(null)
      return
    }
    const live = list.ownerDocument.createRange()
    live.setStart(range.startContainer, range.startOffset)
    live.setEnd(range.endContainer, range.endOffset)
    // The last line box of the selection (jsdom has no range geometry: the anchor's corner then).
    const rects = typeof live.getClientRects === 'function' ? live.getClientRects() : []
    const end = rects.length > 0 ? rects[rects.length - 1]! : { right: 0, bottom: 0 }
    const box = anchor.getBoundingClientRect()
    const x = Math.max(0, Math.min(end.right - box.left, box.width - 200))
    const y = Math.max(0, end.bottom - box.top + 4)
    const old = this.snapshot
    if (
      old !== null &&
      old.x === x &&
      old.y === y &&
      old.quote.text === quote.text &&
      old.quote.start === quote.start
    )
      return
    this.set({ quote, x, y })
  }

  /** Follows the selection in `list`, placing the menu inside `anchor` (positioned). Returns the cleanup. */
  mount(list: Element, anchor: Element): () => void {
    this.list = list
    this.anchor = anchor
    const doc = list.ownerDocument
    const onKey = (e: Event) => {
      if ((e as KeyboardEvent).key === 'Escape' && this.snapshot !== null) this.close()
    }
    doc.addEventListener('selectionchange', this.update)
    anchor.addEventListener('scroll', this.update, true)
    // Escape anywhere while the menu is open: after a mouse selection the focus may be on the page's body.
    doc.addEventListener('keydown', onKey)
    return () => {
      doc.removeEventListener('selectionchange', this.update)
      anchor.removeEventListener('scroll', this.update, true)
      doc.removeEventListener('keydown', onKey)
      this.list = null
      this.anchor = null
    }
  }

  private set(next: QuoteMenuSnapshot | null): void {
    if (next === this.snapshot) return
    this.snapshot = next
    for (const listener of [...this.listeners]) listener(next)
  }
}
