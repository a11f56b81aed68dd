import type { Cue, SearchMatch, Transcript } from '@castline/core'
import type { Chapter } from '@castline/core/chapters'
import type { Person } from '@castline/core/feed'
import {
  adBreakLabel,
  adBreakRows,
  chapterHeadings,
  copyText,
  estimateToken,
  formatQuote,
  markAvatarBroken,
  QuoteMenu,
  quoteLink,
  readerSettingsAttributes,
  type SpeakerInfo,
  speakerAvatar,
  speakerStartAt,
  splitPieces,
  type TextToken,
  TranscriptView,
  type TranscriptViewSnapshot,
  tokenizeCue,
} from '@castline/dom'
import { h, setAttr, setText } from './html.js'
import { CastlinePart, numberAttribute } from './part.js'
import { PeopleOptions } from './people.js'
import type { CastlineSession } from './session.js'

/** One rendered line. */
interface Row {
  index: number
  cue: Cue
  li: HTMLLIElement
  time: HTMLButtonElement
  text: HTMLSpanElement
  copy: HTMLButtonElement
  /** The speaker at a change of speaker (name, avatar, role), null in a run's later lines. */
  speaker: HTMLSpanElement | null
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
 * `duration` (seconds), `label` (the region's name, default "Transcript"), `speakers` (JSON mapping
 * labels such as `SPEAKER_1` to names). The `transcript` property also takes a parsed `Transcript`;
 * `persons` (the feed's people) and `speakers` (an object) name, picture and colour the speakers.
 */
export class CastlineTranscriptElement extends CastlinePart {
  static override observedAttributes = ['for', 'transcript', 'duration', 'label', 'speakers']
  private parsed: Transcript | null = null
  /** The `persons` and `speakers` options, used by a part on its own (the player passes its own). */
  private readonly people = new PeopleOptions(this, () => this.applyPeople())
  private readonly region: HTMLElement

  constructor() {
    super()
    const doc = this.ownerDocument
    this.region = h(doc, 'section', {
      class: 'castline castline-transcript',
      part: 'transcript',
      'aria-label': this.texts.locale.labels.transcript,
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

  /** The episode's people (`podcast:person`): a speaker matching one's name shows their avatar and role. */
  get persons(): readonly Person[] {
    return this.people.persons
  }

  set persons(value: readonly Person[] | null) {
    this.people.persons = Array.isArray(value) ? value : []
    this.applyPeople()
  }

  /** Speaker labels (`SPEAKER_1`) mapped to names: the property, else the `speakers` attribute's JSON. */
  get speakers(): Readonly<Record<string, string>> | null {
    return this.people.speakers()
  }

  /** Sets the map: an object, or its JSON (as the attribute); null for none. */
  set speakers(value: Readonly<Record<string, string>> | string | null) {
    this.people.setSpeakers(value)
  }

  /** A part on its own gives its session the people (inside a player, the player does). */
  private applyPeople(): void {
    const session = this.session
    if (session?.hosts.has(this)) this.people.apply(session)
  }

  /** The render of the session shown, to draw the region again in a new locale. */
  private rerender: (() => void) | null = null

  protected override relabel(): void {
    setAttr(this.region, 'aria-label', this.getAttribute('label') ?? this.texts.locale.labels.transcript)
    this.rerender?.()
  }

  protected override attributeChanged(name: string): void {
    setAttr(this.region, 'aria-label', this.getAttribute('label') ?? this.texts.locale.labels.transcript)
    if (name === 'speakers') this.applyPeople()
    else if (name !== 'label' && this.session !== null) this.loadOwn(this.session)
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
    setAttr(this.region, 'aria-label', this.getAttribute('label') ?? session.locale.labels.transcript)
    let list: (() => void) | null = null
    const render = () => {
      list?.()
      list = null
      const load = session.transcript
      const doc = this.ownerDocument
      const { labels } = session.locale
      if (load.status === 'ready' && load.value.cues.length > 0) {
        list = renderList(this.region, session, load.value)
      } else if (load.status === 'ready') {
        this.region.replaceChildren(
          h(doc, 'p', { class: 'castline-transcript__status', part: 'status' }, labels.noLines),
        )
      } else if (load.status === 'error') {
        this.region.replaceChildren(
          h(
            doc,
            'p',
            { class: 'castline-transcript__status', part: 'status error', role: 'alert' },
            `${labels.transcriptFailed} ${load.message}`,
          ),
        )
      } else {
        this.region.replaceChildren(
          h(
            doc,
            'p',
            { class: 'castline-transcript__status', part: 'status', role: 'status' },
            load.status === 'loading' ? labels.loadingTranscript : '',
          ),
        )
      }
    }
    const off = session.on('transcript', render)
    this.rerender = render
    this.applyPeople()
    this.loadOwn(session)
    render()
    return () => {
      off()
      this.rerender = null
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
  const locale = session.locale
  const { labels } = locale
  // Which line each listed chapter heads (the heading is part of that line's row), and for which list.
  let chapters = chapterState.getSnapshot().chapters
  let headings = chapterHeadings(cues, chapters)
  // The reader settings: the text size scales the estimates and has the rows measured again.
  const settings = session.readerSettings
  let textScale = settings.getSnapshot().textScale
  const viewOptions = () => ({ cues, controller, follow, headings, textScale })
  const view = new TranscriptView(viewOptions())
  // The current chapter, kept in sight above the scrolling lines while there are headings.
  const chapterBar = h(doc, 'p', { class: 'castline-transcript__chapter', part: 'chapter' })
  const chapterName = h(doc, 'span', {})
  chapterBar.append(h(doc, 'span', { class: 'castline-visually-hidden' }, labels.currentChapter), chapterName)
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
    setText(row.ad, adBreakLabel(ad, locale))
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
      view.setOptions(viewOptions())
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
    const time = locale.format.clock(cue.start)
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
        'aria-label': labels.copyLinkTo(time),
      },
      labels.copyLink,
    )
    const speakerLabel = speaker ? h(doc, 'span', { id: `castline-s${index}` }) : null
    if (speakerLabel !== null) showSpeaker(speakerLabel, cue.speaker!, session.speakers.get(cue.speaker!))
    const body = h(doc, 'span', { class: 'castline-line__body' }, speakerLabel, text)
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
      speaker: speakerLabel,
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
      copyLink(session, cue, time, copy)
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
    setAttr(list, 'data-printing', snapshot.printing ? '' : null)
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
        labels.jumpToCurrent,
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
  const offSpeakers = session.on('speakers', () => {
    for (const row of rows.values()) {
      if (row.speaker !== null)
        showSpeaker(row.speaker, row.cue.speaker!, session.speakers.get(row.cue.speaker!))
    }
  })
  showChapter()
  /** `--castline-text-scale` and `data-timestamps` on the region (styles.ts), a new size to the view. */
  const applySettings = () => {
    const s = settings.getSnapshot()
    const { scale, timestamps } = readerSettingsAttributes(s)
    region.style.setProperty('--castline-text-scale', scale)
    setAttr(region, 'data-timestamps', timestamps)
    if (s.textScale !== textScale) {
      textScale = s.textScale
      view.setOptions(viewOptions())
    }
  }
  applySettings()
  const offSettings = settings.subscribe(applySettings)
  const offAdMap = session.on('media', showAdBreaks)
  const offAdBreak = session.store.select((s) => s.adBreak, showAdBreaks)
  session.view = { reveal: (index) => view.reveal(index) }
  render(view.getSnapshot())
  const unmount = view.mount(viewport)
  const unmountMenu = renderQuoteMenu(region, list, session, cues)
  return () => {
    unmountMenu()
    if (session.view !== null) session.view = null
    offView()
    offCue()
    offSearch()
    offChapters()
    offSpeakers()
    offAdMap()
    offAdBreak()
    offSettings()
    unmount()
    view.destroy()
    for (const row of rows.values()) row.stop?.()
  }
}

/**
 * Fills `label` with the speaker at a change of speaker: the avatar (the picture, lazy and with an empty
 * `alt` since the name is beside it; initials when there is none or it fails to load), the name in the
 * speaker's colour (`castline-speaker-N`) and the role, all as text. Without a resolved speaker, the label.
 */
export function showSpeaker(label: HTMLSpanElement, text: string, speaker: SpeakerInfo | undefined): void {
  const doc = label.ownerDocument
  label.className =
    speaker === undefined
      ? 'castline-line__speaker'
      : `castline-line__speaker castline-speaker-${speaker.color}`
  label.setAttribute('part', 'line-speaker')
  if (speaker === undefined) {
    label.replaceChildren(text)
    return
  }
  const initials = () =>
    h(
      doc,
      'span',
      {
        class: 'castline-line__avatar castline-line__avatar--initials',
        part: 'line-avatar',
        'aria-hidden': 'true',
      },
      speaker.initials,
    )
  const shown = speakerAvatar(speaker)
  let avatar: HTMLElement | null = null
  if (shown !== null && 'img' in shown) {
    const picture = h(doc, 'img', {
      class: 'castline-line__avatar',
      part: 'line-avatar',
      src: shown.img,
      alt: '',
      width: 18,
      height: 18,
      loading: 'lazy',
      decoding: 'async',
    })
    picture.addEventListener('error', () => {
      markAvatarBroken(shown.img)
      picture.replaceWith(initials())
    })
    avatar = picture
  } else if (shown !== null) {
    avatar = initials()
  }
  label.replaceChildren(
    ...[
      avatar,
      h(doc, 'span', { class: 'castline-line__speaker-name', part: 'line-speaker-name' }, speaker.name),
      speaker.role === undefined
        ? null
        : h(doc, 'span', { class: 'castline-line__role', part: 'line-role' }, speaker.role),
    ].filter((n) => n !== null),
  )
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

/** Copies the line's link (its start and words, so that it survives an ad inserted before it). */
function copyLink(session: CastlineSession, cue: Cue, time: string, button: HTMLButtonElement): void {
  const url = quoteLink(button.ownerDocument.location?.href ?? '', { start: cue.start, text: cue.text })
  const { labels } = session.locale
  copyText(url, button.ownerDocument).then(
    () => {
      button.setAttribute('aria-label', labels.copiedLinkTo(time))
      setText(button, labels.copied)
      setTimeout(() => {
        button.setAttribute('aria-label', labels.copyLinkTo(time))
        setText(button, labels.copyLink)
      }, 1500)
    },
    (err: unknown) => session.fail('clipboard', `The link could not be copied: ${message(err)}`, err),
  )
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err)
}

/** The title of the `<castline-player>` this region is in, for the copied quote. */
function episodeTitle(region: HTMLElement): string | undefined {
  let root = region.getRootNode()
  while (typeof ShadowRoot !== 'undefined' && root instanceof ShadowRoot) {
    const host = root.host
    // The player's title (its attribute, else its feed episode's: the heading shows the one in force).
    if (host.localName === 'castline-player')
      return (host as { episodeTitle?: string }).episodeTitle ?? host.getAttribute('title') ?? undefined
    root = host.getRootNode()
  }
  return undefined
}

/**
 * The quote menu: "Copy quote" and "Copy link" under text selected in `list`, floating in `region` after
 * the list in tab order (a `QuoteMenu` says what and where), and a live region that says it opened and
 * what a copy did. A failed copy is also a `castline-error` of kind 'clipboard'. Returns the cleanup.
 */
function renderQuoteMenu(
  region: HTMLElement,
  list: HTMLElement,
  session: CastlineSession,
  cues: readonly Cue[],
): () => void {
  const doc = region.ownerDocument
  const { labels } = session.locale
  const menu = new QuoteMenu({ cues })
  const button = (label: string) =>
    h(doc, 'button', { type: 'button', class: 'castline-quote-menu__button', part: 'quote-button' }, label)
  const copyQuote = button(labels.copyQuote)
  const copyLinkButton = button(labels.copyLink)
  const box = h(
    doc,
    'div',
    {
      class: 'castline-quote-menu',
      part: 'quote-menu',
      role: 'group',
      'aria-label': labels.shareQuote,
    },
    copyQuote,
    copyLinkButton,
  )
  const status = h(doc, 'p', { class: 'castline-visually-hidden', 'aria-live': 'polite' })
  region.append(status)
  // A click on a button would clear the selection the menu is for.
  box.addEventListener('mousedown', (e) => e.preventDefault())
  const say = (text: string, failed = false) => {
    setAttr(status, 'aria-live', failed ? 'assertive' : 'polite')
    setText(status, text)
  }
  const copy = (what: 'quote' | 'link') => {
    const quote = menu.getSnapshot()?.quote
    if (quote === undefined) return
    const link = quoteLink(doc.location?.href ?? '', quote)
    copyText(what === 'link' ? link : formatQuote(quote, link, episodeTitle(region)), doc).then(
      () => say(what === 'link' ? labels.linkCopied : labels.quoteCopied),
      (err: unknown) => {
        say(labels.copyFailed(message(err)), true)
        session.fail('clipboard', `The ${what} could not be copied: ${message(err)}`, err)
      },
    )
  }
  copyQuote.addEventListener('click', () => copy('quote'))
  copyLinkButton.addEventListener('click', () => copy('link'))
  const off = menu.subscribe((snapshot) => {
    if (snapshot === null) {
      box.remove()
      if (status.getAttribute('aria-live') === 'polite') say('')
      return
    }
    box.style.left = `${snapshot.x}px`
    box.style.top = `${snapshot.y}px`
    if (!box.isConnected) {
      region.insertBefore(box, status)
      say(labels.quoteHint)
    }
  })
  const unmount = menu.mount(list, region)
  return () => {
    off()
    unmount()
    box.remove()
    status.remove()
  }
}
