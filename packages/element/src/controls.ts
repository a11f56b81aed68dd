import type { Chapter } from '@castline/core/chapters'
import {
  type IntersectionObserverLike,
  localeFormat,
  type MediaSnapshot,
  MiniPlayerState,
} from '@castline/dom'
import { h, iconButton, type LabelTexts, setAttr, setText } from './html.js'
import { CastlinePart, numberAttribute } from './part.js'
import type { CastlineSession } from './session.js'

/** The playback rates offered, 0.5x to 3x. */
export const PLAYBACK_RATES: readonly number[] = [0.5, 0.75, 1, 1.25, 1.5, 1.75, 2, 2.5, 3]

const SVG = 'http://www.w3.org/2000/svg'
const PLAY = 'M8 5.14v13.72a1 1 0 0 0 1.52.85l11-6.86a1 1 0 0 0 0-1.7l-11-6.86A1 1 0 0 0 8 5.14Z'
const PAUSE = 'M7 5h3.5v14H7zM13.5 5H17v14h-3.5z'
const BACK = 'M12 4V1L7 5l5 4V6a7 7 0 1 1-7 7H3a9 9 0 1 0 9-9Z'
const FORWARD = 'M12 4V1l5 4-5 4V6a7 7 0 1 0 7 7h2a9 9 0 1 1-9-9Z'
const SPEAKER = 'M4 9v6h4l5 5V4L8 9H4Z'
const PREVIOUS = 'M6 6h2v12H6zm3.5 6 8.5 6V6z'
const NEXT = 'M16 6h2v12h-2zM6 18l8.5-6L6 6z'

/** A decorative icon (the button around it carries the name). */
function icon(doc: Document, d: string, label?: string): SVGSVGElement {
  const svg = doc.createElementNS(SVG, 'svg')
  for (const [k, v] of Object.entries({
    'aria-hidden': 'true',
    focusable: 'false',
    viewBox: '0 0 24 24',
    width: '1.25em',
    height: '1.25em',
    fill: 'currentColor',
  }))
    svg.setAttribute(k, v)
  const path = doc.createElementNS(SVG, 'path')
  path.setAttribute('d', d)
  svg.append(path)
  if (label !== undefined) {
    const text = doc.createElementNS(SVG, 'text')
    for (const [k, v] of Object.entries({ x: '12', y: '16.5', 'font-size': '7.5', 'text-anchor': 'middle' }))
      text.setAttribute(k, v)
    text.textContent = label
    svg.append(text)
  }
  return svg
}

function positive(n: number | undefined): n is number {
  return n !== undefined && Number.isFinite(n) && n > 0
}

/** "1.25×" (English; the parts write it in their locale: `LocaleFormat.rate`). */
export function formatRate(rate: number, locale = 'en'): string {
  return localeFormat(locale).rate(rate)
}

/**
 * `<castline-controls>`: play/pause, back 15 s and forward 30 s, the time, playback speed, mute and
 * volume, "Loading audio…", and the media's failure in words (an alert; the transcript stays readable).
 * Native buttons, a select and a range: each labelled and keyboard operable as the platform makes it.
 * Attributes: `for`, `duration` (seconds, shown before the media knows its own).
 */
export class CastlineControlsElement extends CastlinePart {
  static override observedAttributes = ['for', 'duration']
  private readonly parts: ReturnType<typeof buildControls>

  constructor() {
    super()
    this.parts = buildControls(this.ownerDocument, this.texts)
    this.root.append(this.parts.bar)
  }

  protected override showUnbound(): void {
    for (const b of [this.parts.back, this.parts.play, this.parts.forward, this.parts.mute]) b.disabled = true
  }

  protected override show(session: CastlineSession): () => void {
    const p = this.parts
    const { store } = session
    const skip = (seconds: number) => () => session.seekTo(session.controller.getTime() + seconds)
    const onBack = skip(-15)
    const onForward = skip(30)
    const onMute = () => {
      const now = store.getSnapshot()
      // Unmuting at zero volume would stay silent: bring the volume back too.
      if (now.muted && now.volume === 0) store.setVolume(1)
      store.setMuted(!now.muted)
    }
    const onRate = () => store.setRate(Number(p.rate.value))
    const onVolume = () => {
      const next = Number(p.volume.value) / 100
      store.setVolume(next)
      if (next > 0 && store.getSnapshot().muted) store.setMuted(false)
    }
    p.back.addEventListener('click', onBack)
    p.forward.addEventListener('click', onForward)
    p.play.addEventListener('click', session.togglePlay)
    p.mute.addEventListener('click', onMute)
    p.rate.addEventListener('change', onRate)
    p.volume.addEventListener('input', onVolume)
    let last: MediaSnapshot | null = null
    const update = () => {
      const s = store.getSnapshot()
      if (s === last) return
      last = s
      this.render(session, s)
    }
    const off = store.subscribe(update)
    update()
    const onPrev = () => session.chapter(-1)
    const onNext = () => session.chapter(1)
    p.prevChapter.addEventListener('click', onPrev)
    p.nextChapter.addEventListener('click', onNext)
    const offChapters = session.on('chapters', () => this.renderChapters(session))
    this.renderChapters(session)
    return () => {
      off()
      offChapters()
      p.prevChapter.removeEventListener('click', onPrev)
      p.nextChapter.removeEventListener('click', onNext)
      p.back.removeEventListener('click', onBack)
      p.forward.removeEventListener('click', onForward)
      p.play.removeEventListener('click', session.togglePlay)
      p.mute.removeEventListener('click', onMute)
      p.rate.removeEventListener('change', onRate)
      p.volume.removeEventListener('input', onVolume)
    }
  }

  protected override relabel(session: CastlineSession): void {
    // The speed menu and the chapter list are drawn again in the new digits.
    this.parts.rate.replaceChildren()
    this.drawnChapters = null
    this.render(session, session.store.getSnapshot())
    this.renderChapters(session)
  }

  /** The list drawn last, so that a change of the current chapter only moves `aria-current`. */
  private drawnChapters: readonly Chapter[] | null = null

  /**
   * The chapters row, when the session has chapters: the current chapter's title, previous/next, and the
   * chapter list (a disclosure of buttons that seek; `toc: false` chapters are not in it). A chapters
   * file that failed is an alert instead.
   */
  private renderChapters(session: CastlineSession): void {
    const p = this.parts
    const load = session.chapters
    if (load.status === 'error') {
      setText(p.chaptersError, load.message)
      p.chapters.remove()
      if (!p.chaptersError.isConnected) p.status.before(p.chaptersError)
      return
    }
    p.chaptersError.remove()
    const { listed, current } = session.chapterState.getSnapshot()
    if (listed.length === 0) {
      p.chapters.remove()
      return
    }
    if (!p.chapters.isConnected) p.status.before(p.chapters)
    setText(p.chapterTitle, current?.title ?? '')
    p.nextChapter.disabled = current !== null && current === listed[listed.length - 1]
    this.drawnChapters = drawChapterList(p.chapterList, session, this.drawnChapters)
  }

  private render(session: CastlineSession, s: MediaSnapshot): void {
    const p = this.parts
    const media = session.media
    const { labels, format } = session.locale
    const failed = s.error !== null
    for (const b of [p.back, p.play, p.forward]) b.disabled = failed
    p.mute.disabled = media === null
    p.volume.disabled = media === null
    p.play.dataset.state = s.paused ? 'paused' : 'playing'
    if (p.playIcon.dataset.paused !== String(s.paused)) {
      p.playIcon.dataset.paused = String(s.paused)
      p.playIcon.replaceChildren(icon(this.ownerDocument, s.paused ? PLAY : PAUSE))
    }
    setText(p.playName, s.paused ? labels.play : labels.pause)
    setText(p.current, format.clock(Math.floor(s.currentTime)))
    const duration = positive(s.duration) ? s.duration : numberAttribute(this, 'duration')
    setText(p.duration, positive(duration) ? format.clock(duration) : '--:--')
    const rate = s.playbackRate
    const rates = PLAYBACK_RATES.includes(rate)
      ? PLAYBACK_RATES
      : [...PLAYBACK_RATES, rate].sort((a, b) => a - b)
    if (p.rate.options.length !== rates.length) {
      p.rate.replaceChildren(
        ...rates.map((r) => h(this.ownerDocument, 'option', { value: String(r) }, format.rate(r))),
      )
    }
    p.rate.value = String(rate)
    setText(p.muteName, s.muted ? labels.unmute : labels.mute)
    const volume = s.muted ? 0 : Math.round(s.volume * 100)
    p.volume.value = String(volume)
    setAttr(p.volume, 'aria-valuetext', format.percent(volume))
    const hasSource = media !== null && (s.currentSrc !== '' || media.getAttribute('src') !== null)
    const loading = hasSource && s.readyState < 1 && !failed && media.preload !== 'none'
    setText(p.status, loading ? labels.loadingAudio : '')
    // Not in the tree at all while the audio is fine: an empty alert is still an alert.
    if (failed) {
      setText(p.error, `${session.mediaErrorText()} ${labels.transcriptStillHere}`)
      if (!p.error.isConnected) p.bar.append(p.error)
    } else p.error.remove()
  }
}

/** "12:34 / 1:12:51": the time and the duration, a screen reader hearing "of" between them (controls and mini player). */
function clock(doc: Document, t: LabelTexts, attrs: Record<string, string>, current: Node, total: Node) {
  return h(
    doc,
    'p',
    attrs,
    current,
    h(doc, 'span', { 'aria-hidden': 'true' }, ' / '),
    h(
      doc,
      'span',
      { class: 'castline-visually-hidden' },
      t.text(doc, (l) => ` ${l.of} `),
    ),
    total,
  )
}

function buildControls(doc: Document, t: LabelTexts) {
  const button = (className: string, part: string, svg: Element, name: string | Node) => {
    const label = h(doc, 'span', { class: 'castline-visually-hidden' }, name)
    const el = h(
      doc,
      'button',
      { type: 'button', class: `castline-controls__button ${className}`, part },
      svg,
      label,
    )
    return { el, label }
  }
  const back = button(
    '',
    'control-button',
    icon(doc, BACK, '15'),
    t.text(doc, (l, f) => l.back(f.number(15))),
  )
  const playIcon = h(doc, 'span', { class: 'castline-controls__icon' })
  const play = button(
    'castline-controls__play',
    'control-button play',
    playIcon,
    t.text(doc, (l) => l.play),
  )
  const forward = button(
    '',
    'control-button',
    icon(doc, FORWARD, '30'),
    t.text(doc, (l, f) => l.forward(f.number(30))),
  )
  const mute = button(
    'castline-controls__mute',
    'control-button mute',
    icon(doc, SPEAKER),
    t.text(doc, (l) => l.mute),
  )
  const current = h(doc, 'span', { class: 'castline-controls__current' }, '0:00')
  const duration = h(doc, 'span', { class: 'castline-controls__duration' }, '--:--')
  const rate = h(doc, 'select', { id: 'castline-rate', class: 'castline-controls__rate', part: 'rate' })
  const volume = h(doc, 'input', {
    id: 'castline-volume',
    type: 'range',
    class: 'castline-controls__volume',
    part: 'volume',
    min: 0,
    max: 100,
    step: 5,
  })
  const status = h(doc, 'p', { class: 'castline-controls__status', part: 'status', role: 'status' })
  const error = h(doc, 'p', { class: 'castline-controls__error', part: 'error', role: 'alert' })
  // Chapters: in the bar only while the session has chapters (or, for the error, a chapters file failed).
  const chaptersError = h(doc, 'p', {
    class: 'castline-controls__error castline-controls__chapters-error',
    part: 'error',
    role: 'alert',
  })
  const prevChapter = iconButton(
    doc,
    'castline-controls__button castline-controls__prev-chapter',
    'control-button',
    icon(doc, PREVIOUS),
    t.text(doc, (l) => l.previousChapter),
  ).button
  prevChapter.setAttribute('aria-keyshortcuts', '[')
  const nextChapter = iconButton(
    doc,
    'castline-controls__button castline-controls__next-chapter',
    'control-button',
    icon(doc, NEXT),
    t.text(doc, (l) => l.nextChapter),
  ).button
  nextChapter.setAttribute('aria-keyshortcuts', ']')
  const chapterTitle = h(doc, 'span', { class: 'castline-controls__chapter-title' })
  const chapterList = h(doc, 'ol', {})
  const chapters = h(
    doc,
    'div',
    { class: 'castline-controls__chapters', part: 'chapters' },
    h(
      doc,
      'p',
      { class: 'castline-controls__chapter', part: 'chapter' },
      h(
        doc,
        'span',
        { class: 'castline-visually-hidden' },
        t.text(doc, (l) => l.chapterPrefix),
      ),
      chapterTitle,
    ),
    prevChapter,
    nextChapter,
    h(
      doc,
      'details',
      { class: 'castline-controls__chapter-list', part: 'chapter-list' },
      h(
        doc,
        'summary',
        {},
        t.text(doc, (l) => l.chapters),
      ),
      chapterList,
    ),
  )
  const bar = h(
    doc,
    'div',
    { class: 'castline castline-controls', part: 'controls' },
    h(doc, 'div', { class: 'castline-controls__transport' }, back.el, play.el, forward.el),
    clock(doc, t, { class: 'castline-controls__time', part: 'time' }, current, duration),
    h(
      doc,
      'div',
      { class: 'castline-controls__settings' },
      h(
        doc,
        'label',
        { class: 'castline-visually-hidden', for: 'castline-rate' },
        t.text(doc, (l) => l.playbackSpeed),
      ),
      rate,
      mute.el,
      h(
        doc,
        'label',
        { class: 'castline-visually-hidden', for: 'castline-volume' },
        t.text(doc, (l) => l.volume),
      ),
      volume,
    ),
    status,
  )
  return {
    bar,
    back: back.el,
    play: play.el,
    playIcon,
    playName: play.label,
    forward: forward.el,
    mute: mute.el,
    muteName: mute.label,
    current,
    duration,
    rate,
    volume,
    status,
    error,
    chapters,
    chaptersError,
    chapterTitle,
    chapterList,
    prevChapter,
    nextChapter,
  }
}

/**
 * Draws the session's listed chapters into `list` as buttons that seek (again only when the list is not
 * `drawn`, the one drawn last) and marks the one playing `aria-current`: the controls' disclosure and the
 * player's panel (panel.ts) draw this one list. Returns the list now drawn.
 */
export function drawChapterList(
  list: HTMLOListElement,
  session: CastlineSession,
  drawn: readonly Chapter[] | null,
): readonly Chapter[] {
  const doc = list.ownerDocument
  const { listed, current } = session.chapterState.getSnapshot()
  if (drawn !== listed) {
    list.replaceChildren(
      ...listed.map((chapter) => {
        const button = h(
          doc,
          'button',
          { type: 'button', 'data-start': chapter.start },
          h(
            doc,
            'span',
            { class: 'castline-controls__chapter-time' },
            session.locale.format.clock(chapter.start),
          ),
          ' ',
          chapter.title,
        )
        button.addEventListener('click', () => session.seekTo(chapter.start))
        return h(doc, 'li', {}, button)
      }),
    )
  }
  listed.forEach((chapter, k) => {
    const button = list.children[k]?.firstElementChild
    if (button) setAttr(button, 'aria-current', chapter === current ? 'true' : null)
  })
  return listed
}

/**
 * The mini player, as React's `MiniPlayer` renders it: a section "Mini player" fixed at the viewport's
 * bottom (play/pause, time, the current chapter) while `controls` are scrolled out of view during
 * playback (`MiniPlayerState`), hidden otherwise. `connect` returns the cleanup; `duration` is the
 * player's `duration` attribute, shown before the audio's metadata arrives.
 */
export function buildMiniPlayer(doc: Document, t: LabelTexts) {
  const play = iconButton(
    doc,
    'castline-controls__button castline-mini__play',
    'mini-play',
    '',
    t.text(doc, (l) => l.play),
  )
  const current = h(doc, 'span', {})
  const total = h(doc, 'span', {})
  const chapterTitle = h(doc, 'span', {})
  const chapter = h(
    doc,
    'p',
    { class: 'castline-mini__chapter' },
    h(
      doc,
      'span',
      { class: 'castline-visually-hidden' },
      t.text(doc, (l) => l.chapterPrefix),
    ),
    chapterTitle,
  )
  const bar = t.attr(
    h(doc, 'section', { class: 'castline-mini', part: 'mini', hidden: true }),
    'aria-label',
    (l) => l.miniPlayer,
  )
  bar.append(play.button, clock(doc, t, { class: 'castline-mini__time' }, current, total), chapter)
  const playIcon = play.button.firstElementChild as HTMLElement

  const connect = (
    session: CastlineSession,
    controls: Element,
    duration: () => number | undefined,
    IntersectionObserver?: IntersectionObserverLike,
  ): (() => void) => {
    const state = new MiniPlayerState({ store: session.store, IntersectionObserver })
    const render = () => {
      const s = session.store.getSnapshot()
      play.button.dataset.state = s.paused ? 'paused' : 'playing'
      if (playIcon.dataset.paused !== String(s.paused)) {
        playIcon.dataset.paused = String(s.paused)
        playIcon.replaceChildren(icon(doc, s.paused ? PLAY : PAUSE))
      }
      const { labels, format } = session.locale
      setText(play.label, s.paused ? labels.play : labels.pause)
      setText(current, format.clock(Math.floor(s.currentTime)))
      const d = positive(s.duration) ? s.duration : duration()
      setText(total, positive(d) ? format.clock(d) : '--:--')
      const title = session.chapterState.getSnapshot().current?.title
      chapter.hidden = title === undefined
      setText(chapterTitle, title ?? '')
      bar.hidden = !state.getSnapshot()
    }
    play.button.addEventListener('click', session.togglePlay)
    const offs = [
      state.subscribe(render),
      session.store.subscribe(render),
      session.on('chapters', render),
      session.on('locale', render),
      state.mount(controls),
    ]
    render()
    return () => {
      play.button.removeEventListener('click', session.togglePlay)
      for (const off of offs) off()
      bar.hidden = true
    }
  }
  return { bar, connect }
}
