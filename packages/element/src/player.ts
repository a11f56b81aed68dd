import { parseTimestamp, type Transcript } from '@castline/core'
import type { Chapter, ChapterList } from '@castline/core/chapters'
import { type AdBreak, type AdTimeMap, createAdTimeMap } from '@castline/core/links'
import type { Peaks } from '@castline/core/peaks'
import { MediaSessionBinding, PlayerShortcuts, parseAdBreaks, parseTimeFragment } from '@castline/dom'
import { h, setAttr, setText } from './html.js'
import { describeError, readPageTranscript } from './load.js'
import { numberAttribute, upgradeProperties } from './part.js'
import { CastlineSession } from './session.js'
import { adoptStyles } from './styles.js'
import type { CastlineWaveformElement } from './waveform.js'

/** The `::part` names of each part element, forwarded by the player (`exportparts`). */
export const PART_NAMES = {
  transcript: [
    'transcript',
    'viewport',
    'list',
    'line',
    'line-active',
    'line-time',
    'line-speaker',
    'line-text',
    'line-copy',
    'match',
    'match-current',
    'jump',
    'status',
    'error',
    'chapter',
    'line-chapter',
    'line-ad',
  ],
  search: ['search', 'search-input', 'search-count', 'search-button'],
  controls: [
    'controls',
    'control-button',
    'play',
    'mute',
    'time',
    'rate',
    'volume',
    'status',
    'error',
    'chapters',
    'chapter',
    'chapter-list',
  ],
  waveform: ['waveform', 'wave', 'chapters', 'chapter-marker'],
  player: ['player', 'title', 'main', 'side'],
} as const

/**
 * `<castline-player>`: the whole player, as `TranscriptPlayer` renders it: the title, the waveform, the
 * controls, search and the transcript, sharing one `<audio>` of its own. Keyboard shortcuts anywhere
 * inside: Space/K play-pause, J/L -10/+10 s, arrows -5/+5 s, `/` search, `[`/`]` previous/next chapter.
 *
 * Attributes: `src` (audio URL), `transcript` (a transcript URL, any supported format), `peaks` (an
 * audiowaveform URL), `duration` (seconds), `title` (the heading and the player's name), `waveform="none"`
 * (no waveform: wavesurfer.js is then never loaded), `deep-link="off"` (ignore the page's `#t=`),
 * `chapters` (a Podcasting 2.0 chapters JSON or WebVTT chapters URL: headings in the transcript, markers
 * on the waveform, the chapter row in the controls; a failure is a message and a `castline-error` of
 * kind 'chapters'), `ad-breaks` (ads inserted into the audio, in audio time: `300+60,1800+90` or JSON
 * `[{"at":300,"duration":60}]`; the player then speaks transcript time, see docs/embed.md; bad text is a
 * `castline-error` of kind 'ad-breaks' and no breaks), `show` and `artwork` (the platform's media
 * controls, with `title`), `media-session="off"` (leave `navigator.mediaSession` alone). Properties
 * `transcript`, `peaks` and `chapters` also take parsed ones, `adBreaks` an array of `{ at, duration }`. Without a `transcript`, a Podcasting 2.0
 * HTML transcript inside the element (`<cite>`, `<time>`, `<p>`) is read: the whole text stays in the
 * page's HTML for search engines, and the player shows it as a virtualized list.
 */
export class CastlinePlayerElement extends HTMLElement {
  static observedAttributes = [
    'src',
    'transcript',
    'peaks',
    'duration',
    'title',
    'waveform',
    'chapters',
    'ad-breaks',
    'show',
    'artwork',
    'media-session',
  ]
  /** What the player's parts share: its media store, sync controller, follow mode, transcript and search. */
  readonly session = new CastlineSession()
  private readonly root: ShadowRoot
  private readonly audio: HTMLAudioElement
  private readonly section: HTMLElement
  private readonly heading: HTMLHeadingElement
  private readonly main: HTMLDivElement
  private readonly controls: HTMLElement
  private waveform: CastlineWaveformElement | null = null
  private parsedTranscript: Transcript | null = null
  private parsedPeaks: Peaks | null = null
  private parsedChapters: ChapterList | readonly Chapter[] | null = null
  private parsedAdBreaks: readonly AdBreak[] | null = null
  /** What the ad breaks were last read from (the property's array or the attribute's text). */
  private adBreaksFrom: unknown = null
  /** The platform's media controls (`@castline/dom`), mounted while connected unless `media-session="off"`. */
  private readonly mediaSession: MediaSessionBinding
  private unmountMediaSession: (() => void) | null = null
  /** What the chapters were last loaded from (as `loadedFrom` for the transcript). */
  private chaptersFrom: unknown = null
  private cleanup: (() => void) | null = null
  private deepLinked = false
  /** What the transcript was last loaded from, so that moving the element in the page loads nothing again. */
  private loadedFrom: unknown = null

  constructor() {
    super()
    const doc = this.ownerDocument
    this.root = this.attachShadow({ mode: 'open' })
    adoptStyles(this.root)
    const part = <K extends keyof typeof PART_NAMES>(tag: string, kind: K) => {
      const el = doc.createElement(tag) as HTMLElement & { session: CastlineSession | null }
      el.setAttribute('exportparts', PART_NAMES[kind].join(', '))
      el.session = this.session
      return el
    }
    this.audio = h(doc, 'audio', { preload: 'metadata' })
    this.heading = h(doc, 'h2', { class: 'castline-player__title', part: 'title', hidden: true })
    this.controls = part('castline-controls', 'controls')
    this.main = h(doc, 'div', { class: 'castline-player__main', part: 'main' }, this.heading, this.controls)
    this.section = h(
      doc,
      'section',
      { class: 'castline castline-player', part: 'player', 'aria-label': 'Audio player' },
      h(
        doc,
        'div',
        { class: 'castline-player__layout' },
        this.main,
        h(
          doc,
          'div',
          { class: 'castline-player__side', part: 'side' },
          part('castline-search', 'search'),
          part('castline-transcript', 'transcript'),
        ),
      ),
    )
    this.root.append(this.audio, this.section)
    this.session.setMedia(this.audio)
    this.mediaSession = new MediaSessionBinding(this.mediaSessionOptions())
  }

  /** The ad breaks in use (audio time, sorted and merged), `[]` for none. */
  get adBreaks(): readonly AdBreak[] {
    return this.session.store.timeMap?.breaks ?? []
  }

  /** Sets the ad breaks: `{ at, duration }`s in audio time, or null to use the `ad-breaks` attribute. */
  set adBreaks(value: readonly AdBreak[] | null) {
    this.parsedAdBreaks = value
    this.loadAdBreaks()
  }

  /** The transcript shown (null while loading or after an error). */
  get transcript(): Transcript | null {
    return this.session.ready()
  }

  /** Sets the transcript: a parsed `Transcript`, or a URL to fetch (as the attribute). */
  set transcript(value: Transcript | string | null) {
    if (typeof value === 'string') {
      this.parsedTranscript = null
      this.setAttribute('transcript', value)
      return
    }
    this.parsedTranscript = value
    this.loadTranscript()
  }

  /** The waveform's peaks: parsed, or the URL they are fetched from. */
  get peaks(): Peaks | string | null {
    return this.parsedPeaks ?? this.getAttribute('peaks')
  }

  set peaks(value: Peaks | string | null) {
    if (typeof value === 'string') {
      this.parsedPeaks = null
      this.setAttribute('peaks', value)
      return
    }
    this.parsedPeaks = value
    if (this.waveform !== null) this.waveform.peaks = value
  }

  /** The chapters shown (`[]` while none are loaded). */
  get chapters(): readonly Chapter[] {
    return this.session.chapters.status === 'ready' ? this.session.chapters.value : []
  }

  /** Sets the chapters: a parsed `ChapterList` or `Chapter[]`, or a URL to fetch (as the attribute); null for none. */
  set chapters(value: ChapterList | readonly Chapter[] | string | null) {
    if (typeof value === 'string') {
      this.parsedChapters = null
      this.setAttribute('chapters', value)
      return
    }
    this.parsedChapters = value
    this.loadChapters()
  }

  /** The player's own media element (a hidden `<audio>` in its shadow root). */
  get media(): HTMLAudioElement {
    return this.audio
  }

  connectedCallback(): void {
    upgradeProperties(this, ['transcript', 'peaks', 'chapters', 'adBreaks'])
    const session = this.session
    session.hosts.add(this)
    const release = session.use()
    const shortcuts = new PlayerShortcuts({
      getTime: () => session.controller.getTime(),
      seek: session.seekTo,
      togglePlay: session.togglePlay,
      focusSearch: session.focusSearch,
      chapter: session.chapter,
    })
    // Keys come from inside the parts' shadow roots: the shortcuts look at the element that has focus.
    const onKeyDown = (e: KeyboardEvent) => {
      const target = e.composedPath()[0] ?? e.target
      const handled = shortcuts.handleKeyDown({
        key: e.key,
        target,
        defaultPrevented: e.defaultPrevented,
        altKey: e.altKey,
        ctrlKey: e.ctrlKey,
        metaKey: e.metaKey,
        preventDefault: () => e.preventDefault(),
      })
      if (handled) e.stopPropagation()
    }
    this.section.addEventListener('keydown', onKeyDown)
    this.syncAttributes()
    this.loadAdBreaks()
    this.loadTranscript()
    this.loadChapters()
    this.syncMediaSession()
    const offMedia = session.on('media', () => {
      const t = this.deepLinkTime()
      if (t !== null) session.controller.seekTo(t)
    })
    const t = this.deepLinkTime()
    if (t !== null) session.controller.seekTo(t)
    // A #t= link followed within the page changes only the hash: it seeks as on opening the page.
    const win = this.ownerDocument.defaultView
    const onHashChange = () => {
      if (this.getAttribute('deep-link') === 'off') return
      const at = parseTimeFragment(this.ownerDocument.location?.hash ?? '')
      if (at !== null) session.controller.seekTo(at)
    }
    win?.addEventListener('hashchange', onHashChange)
    this.cleanup = () => {
      this.unmountMediaSession?.()
      this.unmountMediaSession = null
      win?.removeEventListener('hashchange', onHashChange)
      offMedia()
      this.section.removeEventListener('keydown', onKeyDown)
      session.hosts.delete(this)
      release()
    }
  }

  disconnectedCallback(): void {
    this.cleanup?.()
    this.cleanup = null
  }

  attributeChangedCallback(name: string, old: string | null, value: string | null): void {
    if (old === value || !this.isConnected) return
    if (name === 'transcript' || (name === 'duration' && this.getAttribute('transcript') !== null))
      this.loadTranscript()
    if (name === 'chapters') this.loadChapters()
    if (name === 'ad-breaks') this.loadAdBreaks()
    this.syncAttributes()
    this.syncMediaSession()
  }

  private mediaSessionOptions() {
    return {
      store: this.session.store,
      chapters: this.session.chapterState,
      seek: this.session.seekTo,
      metadata: {
        title: this.getAttribute('title') ?? '',
        show: this.getAttribute('show') ?? undefined,
        artwork: this.getAttribute('artwork') ?? undefined,
      },
    }
  }

  /** The media session's metadata from the attributes; mounted while connected and not `media-session="off"`. */
  private syncMediaSession(): void {
    this.mediaSession.setOptions(this.mediaSessionOptions())
    const wanted = this.isConnected && this.getAttribute('media-session') !== 'off'
    if (wanted && this.unmountMediaSession === null) this.unmountMediaSession = this.mediaSession.mount()
    else if (!wanted && this.unmountMediaSession !== null) {
      this.unmountMediaSession()
      this.unmountMediaSession = null
    }
  }

  /** Reads the ad breaks (the property's, else the attribute's); bad ones are a `castline-error` and no breaks. */
  private loadAdBreaks(): void {
    if (!this.isConnected) return
    const text = this.getAttribute('ad-breaks') ?? ''
    const from = this.parsedAdBreaks ?? text
    if (from === this.adBreaksFrom) return
    this.adBreaksFrom = from
    let map: AdTimeMap | null = null
    try {
      map = this.parsedAdBreaks !== null ? createAdTimeMap(this.parsedAdBreaks) : parseAdBreaks(text)
    } catch (error) {
      const message = `The ad breaks could not be read: ${(error as Error).message}.`
      this.session.fail('ad-breaks', message, error)
    }
    this.session.setAdBreaks(map !== null && map.breaks.length > 0 ? map : null)
  }

  private loadChapters(): void {
    if (!this.isConnected) return
    const url = this.getAttribute('chapters')
    const from = this.parsedChapters ?? url
    if (from === this.chaptersFrom) return
    this.chaptersFrom = from
    if (this.parsedChapters !== null) this.session.setChapters(this.parsedChapters)
    else if (url !== null && url !== '') this.session.loadChapters(url, numberAttribute(this, 'duration'))
    else this.session.setChapters(null)
  }

  private deepLinkTime(): number | null {
    if (this.deepLinked || this.getAttribute('deep-link') === 'off') return null
    const hash = this.ownerDocument.location?.hash ?? ''
    this.deepLinked = true
    return parseTimeFragment(hash)
  }

  private syncAttributes(): void {
    const doc = this.ownerDocument
    const src = this.getAttribute('src')
    if (src !== null && this.audio.getAttribute('src') !== src) this.audio.src = src
    const title = this.getAttribute('title')
    this.heading.hidden = title === null || title === ''
    setText(this.heading, title ?? '')
    setAttr(this.section, 'aria-label', title || 'Audio player')
    const duration = this.getAttribute('duration')
    setAttr(this.controls, 'duration', duration)
    const wanted = this.getAttribute('waveform') !== 'none'
    if (wanted && this.waveform === null) {
      const el = doc.createElement('castline-waveform') as CastlineWaveformElement
      el.setAttribute('exportparts', PART_NAMES.waveform.join(', '))
      el.session = this.session
      this.waveform = el
      this.heading.after(el)
    } else if (!wanted && this.waveform !== null) {
      this.waveform.remove()
      this.waveform = null
    }
    const waveform = this.waveform
    if (waveform === null) return
    setAttr(waveform, 'duration', duration)
    if (this.parsedPeaks !== null) waveform.peaks = this.parsedPeaks
    else setAttr(waveform, 'peaks', this.getAttribute('peaks'))
  }

  private loadTranscript(): void {
    if (!this.isConnected) return
    const session = this.session
    const duration = numberAttribute(this, 'duration')
    const url = this.getAttribute('transcript')
    const from = this.parsedTranscript ?? `${url} ${duration}`
    if (from === this.loadedFrom && session.transcript.status !== 'idle') return
    this.loadedFrom = from
    if (this.parsedTranscript !== null) session.setTranscript(this.parsedTranscript)
    else if (url !== null && url !== '') session.loadTranscript(url, duration)
    else if (this.querySelector('p') !== null) {
      // Reading the page's own markup (never writing any): a Podcasting 2.0 HTML transcript.
      try {
        session.setTranscript(readPageTranscript(this.innerHTML, duration))
      } catch (error) {
        session.fail('transcript', describeError(error, 'transcript'), error)
      }
    }
  }
}
