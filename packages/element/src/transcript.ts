import { type Cue, formatTimestamp, type SearchMatch, type Transcript } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import {
  adBreakLabel,
  adBreakRows,
  chapterHeadings,
  estimateToken,
  linkToTime,
  speakerStartAt,
  splitPieces,
  type TextToken,
  TranscriptView,
  type TranscriptViewSnapshot,
  tokenizeCue,
} from '@castline/dom'
import { h, setAttr, setText } from './html.js'
import { CastlinePart, numberAttribute } from './part.js'
import type { CastlineSession } from './session.js'

/** One rendered line. */
interface Row {
  index: number
  cue: Cue
  li: HTMLLIElement
  time: HTMLButtonElement
  text: HTMLSpanElement
  copy: HTMLButtonElement
  /** The heading of the chapter this line is the first of, above its text. */
  heading: HTMLHeadingElement | null
  /** The "Ad break" row of the inserted break before this line, as text. */
  ad: HTMLParagraphElement | null
  /** The words, while the line is spoken. */
  tokens: readonly TextToken[] | null
  /** The spoken word's token, -1 for none. */
  spoken: number
  stop: (() => void) | null
}

/**
 * `<castline-transcript>`: the transcript as a labelled region holding a virtualized list (a
 * `TranscriptView`): the spoken line highlighted and followed, a click or Enter seeks, one tab stop
 * with the arrows, Home/End and PageUp/PageDown. Lines are rendered as text, never as HTML.
 *
 * Attributes: `for` (the id of the page's `<audio>`/`<video>`), `transcript` (a URL to fetch),
 * `duration` (seconds), `label` (the region's name, default "Transcript"). The `transcript` property
 * also takes a parsed `Transcript`.
 */
export class CastlineTranscriptElement extends CastlinePart {
  static override observedAttributes = ['for', 'transcript', 'duration', 'label']
  private parsed: Transcript | null = null
  private readonly region: HTMLElement

  constructor() {
    super()
    const doc = this.ownerDocument
    this.region = h(doc, 'section', {
      class: 'castline castline-transcript',
      part: 'transcript',
      'aria-label': 'Transcript',
    })
    this.root.append(this.region)
  }

  /** The transcript shown (null while loading, after an error, or without one). */
  get transcript(): Transcript | null {
    return this.session?.ready() ?? this.parsed
  }

  /** Sets the transcript: a parsed `Transcript`, or a URL to fetch (as the attribute). */
  set transcript(value: Transcript | string | null) {
    if (typeof value === 'string') {
      this.parsed = null
      this.setAttribute('transcript', value)
      return
    }
    this.parsed = value
    if (value !== null) this.session?.setTranscript(value)
  }

  protected override attributeChanged(name: string): void {
    setAttr(this.region, 'aria-label', this.getAttribute('label') ?? 'Transcript')
    if (name !== 'label' && this.session !== null) this.loadOwn(this.session)
  }

  /** A part on its own loads its `transcript` attribute or property into the session. */
  private loadOwn(session: CastlineSession): void {
    if (session.hosts.has(this) === false) return
    if (this.parsed !== null) session.setTranscript(this.parsed)
    else {
      const url = this.getAttribute('transcript')
      if (url !== null && url !== '') session.loadTranscript(url, numberAttribute(this, 'duration'))
    }
  }

  protected override showUnbound(): void {
    this.region.replaceChildren(
      h(
        this.ownerDocument,
        'p',
        { class: 'castline-transcript__status', part: 'status' },
        'No audio to follow: give castline-transcript a for="id" of an audio or video element.',
      ),
    )
  }

  protected override show(session: CastlineSession): () => void {
    setAttr(this.region, 'aria-label', this.getAttribute('label') ?? 'Transcript')
    let list: (() => void) | null = null
    const render = () => {
      list?.()
      list = null
      const load = session.transcript
      const doc = this.ownerDocument
      if (load.status === 'ready' && load.value.cues.length > 0) {
        list = renderList(this.region, session, load.value)
      } else if (load.status === 'ready') {
        this.region.replaceChildren(
          h(
            doc,
            'p',
            { class: 'castline-transcript__status', part: 'status' },
            'This transcript has no lines.',
          ),
        )
      } else if (load.status === 'error') {
        this.region.replaceChildren(
          h(
            doc,
            'p',
            { class: 'castline-transcript__status', part: 'status error', role: 'alert' },
            `The transcript could not be shown. ${load.message}`,
          ),
        )
      } else {
        this.region.replaceChildren(
          h(
            doc,
            'p',
            { class: 'castline-transcript__status', part: 'status', role: 'status' },
            load.status === 'loading' ? 'Loading transcript…' : '',
          ),
        )
      }
    }
    const off = session.on('transcript', render)
    this.loadOwn(session)
    render()
    return () => {
      off()
      list?.()
      list = null
    }
  }
}

/** Renders the list of `transcript` in `region` from a `TranscriptView`'s snapshots. Returns the cleanup. */
function renderList(region: HTMLElement, session: CastlineSession, transcript: Transcript): () => void {
  const doc = region.ownerDocument
  const cues = transcript.cues
  const { controller, follow, chapterState } = session
  // Which line each listed chapter heads (the heading is part of that line's row), and for which list.
  let chapters = chapterState.getSnapshot().chapters
  let headings = chapterHeadings(cues, chapters)
  const view = new TranscriptView({ cues, controller, follow, headings })
  // The current chapter, kept in sight above the scrolling lines while there are headings.
  const chapterBar = h(doc, 'p', { class: 'castline-transcript__chapter', part: 'chapter' })
  const chapterName = h(doc, 'span', {})
  chapterBar.append(h(doc, 'span', { class: 'castline-visually-hidden' }, 'Current chapter: '), chapterName)
  const list = h(doc, 'ul', { class: 'castline-transcript__list', part: 'list', 'data-static': true })
  const viewport = h(doc, 'div', { class: 'castline-transcript__viewport', part: 'viewport' }, list)
  // In the region only while shown, as the React renderer renders it: a hidden button is still a button.
  const jump = h(doc, 'button', { type: 'button', class: 'castline-jump', part: 'jump' })
  // The button floats over the list, outside it: a wheel turned over it would scroll the page behind.
  // It scrolls the list instead, by the lines or pixels the wheel says.
  jump.addEventListener(
    'wheel',
    (e) => {
      e.preventDefault()
      const unit = e.deltaMode === 1 ? 40 : e.deltaMode === 2 ? viewport.clientHeight : 1
      viewport.scrollBy(e.deltaX * unit, e.deltaY * unit)
    },
    { passive: false },
  )
  region.replaceChildren(viewport)
  const rows = new Map<number, Row>()

  /** Puts the heading of the chapter `row` starts (or none) at the top of its row, as text. */
  const setHeading = (row: Row) => {
    const chapter: Chapter | undefined = headings.get(row.index)
    if (chapter === undefined) {
      row.heading?.remove()
      row.heading = null
      return
    }
    if (row.heading === null) {
      row.heading = h(doc, 'h3', { class: 'castline-line__chapter', part: 'line-chapter' })
      row.li.prepend(row.heading)
    }
    setText(row.heading, chapter.title)
  }
  // Which line each inserted ad break's row goes before (the store's time map), and the break playing.
  let adMap = session.store.timeMap
  let adRows = adBreakRows(cues, adMap)
  let adBreak = session.store.getSnapshot().adBreak
  /** Puts the row of the ad break before `row`'s line (or none) at the top of its row, as text. */
  const setAd = (row: Row) => {
    const ad = adRows.get(row.index)
    if (ad === undefined) {
      row.ad?.remove()
      row.ad = null
      return
    }
    if (row.ad === null) {
      row.ad = h(doc, 'p', { class: 'castline-line__ad', part: 'line-ad' })
      row.li.prepend(row.ad)
    }
    setText(row.ad, adBreakLabel(ad))
    const current = ad.index === adBreak
    row.ad.classList.toggle('castline-line__ad--current', current)
    setAttr(row.ad, 'aria-current', current ? 'true' : null)
  }
  const showAdBreaks = () => {
    const map = session.store.timeMap
    const playing = session.store.getSnapshot().adBreak
    if (map === adMap && playing === adBreak) return
    if (map !== adMap) adRows = adBreakRows(cues, map)
    adMap = map
    adBreak = playing
    // While a break plays its row is the highlight (styles.ts), not the line.
    setAttr(list, 'data-ad-break', playing >= 0 ? '' : null)
    for (const row of rows.values()) setAd(row)
  }
  const showChapter = () => {
    const snapshot = chapterState.getSnapshot()
    if (snapshot.chapters !== chapters) {
      chapters = snapshot.chapters
      headings = chapterHeadings(cues, chapters)
      view.setOptions({ cues, controller, follow, headings })
      for (const row of rows.values()) setHeading(row)
    }
    if (headings.size === 0) chapterBar.remove()
    else if (!chapterBar.isConnected) region.insertBefore(chapterBar, viewport)
    setText(chapterName, snapshot.current?.title ?? '')
  }
  let active = controller.getSnapshot().cueIndex

  const renderText = (row: Row) => {
    const matches = session.search.byCue.get(row.index)
    const current = session.search.matches[session.search.current]
    row.text.replaceChildren(...textNodes(doc, row.cue, row.tokens, matches, current))
    row.spoken = -1
  }

  const setActive = (row: Row, on: boolean) => {
    row.li.classList.toggle('castline-line--active', on)
    setAttr(row.li, 'aria-current', on ? 'true' : null)
    setAttr(row.li, 'part', on ? 'line line-active' : 'line')
    row.stop?.()
    row.stop = null
    row.tokens = on ? tokenizeCue(row.cue) : null
    renderText(row)
    if (on) row.stop = followWords(row, session, view)
  }

  const makeRow = (index: number): Row => {
    const cue = cues[index]!
    const time = formatTimestamp(cue.start)
    const speaker = speakerStartAt(cues, index) && cue.speaker !== undefined && cue.speaker !== ''
    const timeButton = h(
      doc,
      'button',
      {
        type: 'button',
        class: 'castline-line__time',
        part: 'line-time',
        tabindex: -1,
        'aria-describedby': speaker ? `castline-s${index} castline-t${index}` : `castline-t${index}`,
        'data-castline-seek': true,
      },
      time,
    )
    const text = h(doc, 'span', { class: 'castline-line__text', part: 'line-text', id: `castline-t${index}` })
    const copy = h(
      doc,
      'button',
      {
        type: 'button',
        class: 'castline-line__copy',
        part: 'line-copy',
        tabindex: -1,
        'aria-label': `Copy link to ${time}`,
      },
      'Copy link',
    )
    const body = h(
      doc,
      'span',
      { class: 'castline-line__body' },
      speaker
        ? h(
            doc,
            'span',
            { class: 'castline-line__speaker', part: 'line-speaker', id: `castline-s${index}` },
            cue.speaker!,
          )
        : null,
      text,
    )
    const li = h(
      doc,
      'li',
      {
        class: speaker ? 'castline-line castline-line--speaker-start' : 'castline-line',
        part: 'line',
        'data-index': index,
        'aria-setsize': cues.length,
        'aria-posinset': index + 1,
      },
      timeButton,
      body,
      copy,
    )
    const row: Row = {
      index,
      cue,
      li,
      time: timeButton,
      text,
      copy,
      heading: null,
      ad: null,
      tokens: null,
      spoken: -1,
      stop: null,
    }
    setHeading(row)
    setAd(row)
    copy.addEventListener('click', (e) => {
      e.stopPropagation()
      copyLink(cue, time, copy)
    })
    if (index === active) setActive(row, true)
    else renderText(row)
    return row
  }

  const render = (snapshot: TranscriptViewSnapshot) => {
    const wanted = new Set(snapshot.rows)
    let removed = false
    for (const [index, row] of rows) {
      if (wanted.has(index)) continue
      row.stop?.()
      row.li.remove()
      rows.delete(index)
      removed = true
    }
    if (removed) view.measureElement(null)
    const created: Row[] = []
    let before: ChildNode | null = list.firstChild
    for (const index of snapshot.rows) {
      let row = rows.get(index)
      if (row === undefined) {
        row = makeRow(index)
        rows.set(index, row)
        created.push(row)
      }
      if (row.li !== before) list.insertBefore(row.li, before)
      else before = before.nextSibling
      const tabStop = index === snapshot.focusIndex
      row.time.tabIndex = tabStop ? 0 : -1
      row.li.classList.toggle('castline-line--focused', tabStop)
    }
    setAttr(list, 'data-static', snapshot.phase === 'static' ? '' : null)
    for (const row of created) view.measureElement(row.li)
    const direction = snapshot.jump
    if (direction === null) jump.remove()
    else {
      if (!jump.isConnected) region.append(jump)
      jump.className = direction === 'none' ? 'castline-jump' : `castline-jump castline-jump--${direction}`
      jump.dataset.direction = direction
      const arrow = direction === 'up' ? '\u2191 ' : direction === 'down' ? '\u2193 ' : ''
      jump.replaceChildren(
        arrow === '' ? '' : h(doc, 'span', { 'aria-hidden': 'true' }, arrow),
        'Jump to current line',
      )
    }
  }

  jump.addEventListener('click', () => view.jump())
  const offView = view.subscribe(render)
  const offCue = controller.subscribe((s) => {
    if (s.cueIndex === active) return
    const old = rows.get(active)
    active = s.cueIndex
    if (old !== undefined) setActive(old, false)
    const now = rows.get(active)
    if (now !== undefined) setActive(now, true)
  })
  const offSearch = session.on('search', () => {
    for (const row of rows.values()) renderText(row)
  })
  const offChapters = session.on('chapters', showChapter)
  showChapter()
  const offAdMap = session.on('media', showAdBreaks)
  const offAdBreak = session.store.select((s) => s.adBreak, showAdBreaks)
  session.view = { reveal: (index) => view.reveal(index) }
  render(view.getSnapshot())
  const unmount = view.mount(viewport)
  return () => {
    if (session.view !== null) session.view = null
    offView()
    offCue()
    offSearch()
    offChapters()
    offAdMap()
    offAdBreak()
    unmount()
    view.destroy()
    for (const row of rows.values()) row.stop?.()
  }
}

/** The line's text as text nodes, its words in spans while spoken and search matches in `<mark>`s. */
function textNodes(
  doc: Document,
  cue: Cue,
  tokens: readonly TextToken[] | null,
  matches: readonly SearchMatch[] | undefined,
  current: SearchMatch | undefined,
): (Node | string)[] {
  const text = cue.text
  if (tokens === null && matches === undefined) return [text]
  const currentStart = current !== undefined && matches?.includes(current) ? current.start : -1
  const pieces = splitPieces(text.length, tokens, matches, currentStart)
  const out: (Node | string)[] = []
  let word: HTMLSpanElement | null = null
  let wordToken = -1
  for (const piece of pieces) {
    const slice = text.slice(piece.start, piece.end)
    const node =
      piece.match === 'none'
        ? doc.createTextNode(slice)
        : h(
            doc,
            'mark',
            {
              class: piece.match === 'current' ? 'castline-match castline-match--current' : 'castline-match',
              part: piece.match === 'current' ? 'match match-current' : 'match',
            },
            slice,
          )
    if (piece.token < 0) {
      word = null
      out.push(node)
      continue
    }
    if (word === null || wordToken !== piece.token) {
      const w = tokens?.[piece.token]?.word ?? -1
      word = h(doc, 'span', {
        class: 'castline-word',
        'data-token': piece.token,
        'data-word': w >= 0 ? w : null,
      })
      wordToken = piece.token
      out.push(word)
    }
    word.append(node)
  }
  return out
}

/** Keeps the spoken line's progress and spoken word up to date, every frame. Returns the stop. */
function followWords(row: Row, session: CastlineSession, view: TranscriptView): () => void {
  const { controller } = session
  const cue = row.cue
  const tokens = row.tokens ?? []
  const tokenOfWord = new Map<number, number>()
  tokens.forEach((t, i) => {
    if (t.word >= 0) tokenOfWord.set(t.word, i)
  })
  const show = (token: number) => {
    if (token === row.spoken) return
    const spans = row.text.querySelectorAll<HTMLElement>('[data-token]')
    const old = spans[row.spoken]
    old?.classList.remove('castline-word--spoken')
    old?.removeAttribute('data-spoken')
    row.spoken = token
    const el = token >= 0 ? spans[token] : undefined
    if (el === undefined) return
    el.classList.add('castline-word--spoken')
    el.setAttribute('data-spoken', '')
    view.followWord(row.index, el)
  }
  const update = (time: number) => {
    const span = cue.end - cue.start
    const progress = span > 0 ? Math.min(1, Math.max(0, (time - cue.start) / span)) : 1
    row.li.style.setProperty('--castline-progress', progress.toFixed(4))
    const current = controller.getSnapshot()
    if (tokenOfWord.size > 0) {
      if (current.cueIndex === row.index && current.wordIndex >= 0)
        show(tokenOfWord.get(current.wordIndex) ?? row.spoken)
    } else {
      show(estimateToken(tokens, cue.text.length, cue, time))
    }
  }
  update(controller.getTime())
  const offFrame = controller.subscribeFrame(update)
  const offChange = controller.subscribe(() => update(controller.getTime()))
  return () => {
    offFrame()
    offChange()
    row.li.style.removeProperty('--castline-progress')
  }
}

function copyLink(cue: Cue, time: string, button: HTMLButtonElement): void {
  const url = linkToTime(button.ownerDocument.location?.href ?? '', cue.start)
  const clipboard = typeof navigator === 'undefined' ? undefined : navigator.clipboard
  if (clipboard === undefined) return
  clipboard.writeText(url).then(
    () => {
      button.setAttribute('aria-label', `Copied link to ${time}`)
      setText(button, 'Copied')
      setTimeout(() => {
        button.setAttribute('aria-label', `Copy link to ${time}`)
        setText(button, 'Copy link')
      }, 1500)
    },
    () => {},
  )
}
