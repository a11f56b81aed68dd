/**
 * What the TranscriptView tests share: generated transcripts, a time source the test moves by hand, and
 * the smallest renderer of a view's snapshot (plain DOM, no framework), which is also the proof that a
 * renderer needs nothing more than the snapshot and `measureElement`.
 */
import {
  type Cue,
  SyncController,
  type TimeSource,
  type TimeSourceEvent,
  type Transcript,
} from '@castline/core'
import {
  FollowMode,
  type FollowModeOptions,
  TranscriptView,
  type TranscriptViewOptions,
} from '../src/index.js'

/** `count` lines of `seconds` each; with `words`, every word timed. */
export function generateTranscript(
  count: number,
  options: { seconds?: number; words?: boolean } = {},
): Transcript {
  const seconds = options.seconds ?? 2
  const cues: Cue[] = []
  for (let i = 0; i < count; i++) {
    const start = i * seconds
    const text = `Line number ${i} says something worth hearing`
    const cue: Cue = { start, end: start + seconds, text }
    if (options.words === true) {
      const parts = text.split(' ')
      const step = seconds / parts.length
      cue.words = parts.map((w, k) => ({ start: start + k * step, end: start + (k + 1) * step, text: w }))
    }
    cues.push(cue)
  }
  return { format: 'vtt', cues, warnings: [], speakers: [], wordLevel: options.words === true }
}

/** A paused time source whose time moves only by `setTime` (reported as a seek), recording seeks asked. */
export class ManualSource implements TimeSource {
  time = 0
  readonly seeks: number[] = []
  private readonly listeners = new Set<(event: TimeSourceEvent) => void>()
  getTime = () => this.time
  getDuration = () => 1e6
  isPlaying = () => false
  seek(seconds: number): void {
    this.seeks.push(seconds)
  }
  play(): void {}
  pause(): void {}
  subscribe(listener: (event: TimeSourceEvent) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
  /** Moves the time, as a seek the media carried out. */
  setTime(seconds: number): void {
    this.time = seconds
    for (const listener of [...this.listeners]) listener('seeked')
  }
}

/**
 * Renders `view`'s rows into the list (the viewport's first child) whenever its snapshot changes: one
 * `<li data-index>` a line with a time button, the text and a copy button, the tab stop on the focused
 * line. Rows that stay are kept, as a framework's keyed list keeps them.
 */
export function renderRows(view: TranscriptView, list: HTMLElement, cues: readonly Cue[]): () => void {
  const rows = new Map<number, HTMLLIElement>()
  const render = () => {
    const snapshot = view.getSnapshot()
    list.toggleAttribute('data-static', snapshot.phase === 'static')
    const wanted = new Set(snapshot.rows)
    let removed = false
    for (const [index, row] of rows) {
      if (wanted.has(index)) continue
      row.remove()
      rows.delete(index)
      removed = true
    }
    if (removed) view.measureElement(null)
    const added: HTMLLIElement[] = []
    let before: Element | null = null
    for (let k = snapshot.rows.length - 1; k >= 0; k--) {
      const index = snapshot.rows[k]!
      let row = rows.get(index)
      if (row === undefined) {
        row = makeRow(index, cues[index]!)
        rows.set(index, row)
        added.push(row)
      }
      if (row.nextElementSibling !== before || row.parentElement !== list) list.insertBefore(row, before)
      before = row
      const time = row.querySelector<HTMLElement>('.castline-line__time')!
      time.tabIndex = index === snapshot.focusIndex ? 0 : -1
    }
    for (const row of added) view.measureElement(row)
  }
  render()
  return view.subscribe(render)
}

function makeRow(index: number, cue: Cue): HTMLLIElement {
  const row = document.createElement('li')
  row.className = 'castline-line'
  row.dataset.index = String(index)
  const time = document.createElement('button')
  time.className = 'castline-line__time'
  time.dataset.castlineSeek = ''
  time.textContent = `${cue.start}s`
  const text = document.createElement('span')
  text.className = 'castline-line__text'
  text.textContent = cue.text
  const copy = document.createElement('button')
  copy.className = 'castline-line__copy'
  copy.textContent = 'Copy link'
  row.append(time, text, copy)
  return row
}

export interface Setup {
  transcript: Transcript
  source: ManualSource
  controller: SyncController
  follow: FollowMode
  view: TranscriptView
  viewport: HTMLDivElement
  list: HTMLUListElement
  /** Unmounts everything and removes the viewport. */
  cleanup(): void
}

/** A viewport with its list in the document, a controller over a manual source, a follow mode and a view, mounted. */
export function setup(
  options: {
    transcript?: Transcript
    follow?: FollowModeOptions
    view?: Partial<TranscriptViewOptions>
    /** Styles of the viewport (a real browser lays it out). */
    style?: string
  } = {},
): Setup {
  const transcript = options.transcript ?? generateTranscript(1000)
  const source = new ManualSource()
  const controller = new SyncController({ transcript, source })
  const follow = new FollowMode(options.follow)
  const view = new TranscriptView({ cues: transcript.cues, controller, follow, ...options.view })
  const viewport = document.createElement('div')
  viewport.className = 'castline-transcript__viewport'
  if (options.style !== undefined) viewport.setAttribute('style', options.style)
  const list = document.createElement('ul')
  list.className = 'castline-transcript__list'
  viewport.append(list)
  document.body.append(viewport)
  const stopRendering = renderRows(view, list, transcript.cues)
  const unmountController = controller.mount()
  const unmountView = view.mount(viewport)
  return {
    transcript,
    source,
    controller,
    follow,
    view,
    viewport,
    list,
    cleanup() {
      unmountView()
      unmountController()
      stopRendering()
      follow.destroy()
      view.destroy()
      viewport.remove()
    },
  }
}
