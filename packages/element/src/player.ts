import type { Transcript } from '@castline/core'
import type { Chapter, ChapterList } from '@castline/core/chapters'
import type { Person } from '@castline/core/feed'
import { type AdBreak, type AdTimeMap, createAdTimeMap } from '@castline/core/links'
import type { Peaks } from '@castline/core/peaks'
import {
  choiceLabel,
  describeTranscriptAttempts,
  type FeedEpisodeInfo,
  FeedLoadError,
  initialChoice,
  type LabelOverrides,
  loadFeedEpisode,
  MediaSessionBinding,
  type OpenedQuoteLink,
  openQuoteLink,
  PlayerShortcuts,
  parseAdBreaks,
  parseLabels,
  resolveLocale,
  storedLanguage,
  storeLanguage,
  type TranscriptChoice,
  textDirection,
} from '@castline/dom'
import { buildMiniPlayer } from './controls.js'
import { h, LabelTexts, setAttr, setText } from './html.js'
import { describeError, readPageTranscript, readTranscriptText } from './load.js'
import { LOCALES, langOf } from './locales.js'
import { buildPanelLists } from './panel.js'
import { numberAttribute, upgradeProperties } from './part.js'
import { PeopleOptions } from './people.js'
import { buildReaderSettingsMenu } from './reader-settings.js'
import { CastlineSession } from './session.js'
import { adoptStyles } from './styles.js'
import { buildTranscriptMenu } from './take-away.js'
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
    'line-speaker-name',
    'line-role',
    'line-avatar',
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
  waveform: ['waveform', 'wave', 'chapters', 'chapter-marker', 'waveform-tooltip'],
  player: [
    'player',
    'title',
    'main',
    'side',
    'artwork',
    'highlights',
    'highlight',
    'takeaway',
    'language',
    'reader',
    'reader-smaller',
    'reader-larger',
    'mini',
    'mini-play',
    'panel-chapters',
    'panel-speakers',
  ],
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
 * kind 'chapters'), `speakers` (JSON mapping transcript labels such as `SPEAKER_1` to names; bad JSON is a
 * `castline-error` of kind 'speakers'). Properties `transcript`, `peaks` and `chapters` also take parsed
 * ones; `transcripts` takes several (languages) and shows a language picker; `persons` (the feed's
 * `podcast:person`s) and `speakers` (an object) give each speaker change its name, avatar, role and
 * colour; `adBreaks` an array of `{ at, duration }`. Also `ad-breaks` (ads inserted into the audio, in
 * audio time: `300+60,1800+90` or JSON `[{"at":300,"duration":60}]`; the player then speaks transcript
 * time, see docs/embed.md; bad text is a `castline-error` of kind 'ad-breaks' and no breaks), `show` and
 * `artwork` (the platform's media controls, with `title`; a feed's episode gives them too) and
 * `media-session="off"` (leave `navigator.mediaSession` alone), `mini-player` (a bar with play/pause, time
 * and chapter fixed at the viewport's bottom while the controls are scrolled away during playback),
 * `layout="stacked|panel"` (by the player's own width: "stacked", the default and any other value, a
 * full-width waveform and control row above the transcript; "panel", from 52rem of player width, a side
 * panel with the episode, waveform, controls, highlights, the chapter list open and the speakers beside the
 * transcript; narrower, one column without those two lists). A
 * "Reader settings" disclosure sets the text size (kept between visits), timestamps and follow along. Without a `transcript`, a Podcasting 2.0
 * HTML transcript inside the element (`<cite>`, `<time>`, `<p>`) is read: the whole text stays in the
 * page's HTML for search engines, and the player shows it as a virtualized list.
 *
 * `feed` (an RSS feed URL) and `episode` (an item's GUID) load everything from the feed instead
 * (`loadFeedEpisode`): the audio from the enclosure, the title, the artwork, the transcript (the next one
 * when one fails), the chapters, the people (the `persons` property) and the soundbites (a "Highlights"
 * list that seeks). `src`, `title`, `duration`, `transcript` and `chapters` given as well win over the
 * feed's. A feed that fails (unreachable, not a feed, no such GUID) is a message where the transcript
 * would be and a `castline-error` of kind 'feed'.
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
    'feed',
    'episode',
    'speakers',
    'ad-breaks',
    'show',
    'artwork',
    'media-session',
    'mini-player',
    'layout',
    'lang',
    'labels',
  ]
  /** What the player's parts share: its media store, sync controller, follow mode, transcript and search. */
  readonly session = new CastlineSession()
  private readonly root: ShadowRoot
  private readonly audio: HTMLAudioElement
  private readonly section: HTMLElement
  private readonly heading: HTMLHeadingElement
  private readonly main: HTMLDivElement
  private readonly controls: HTMLElement
  private readonly artwork: HTMLImageElement
  /** The artwork and the title, side by side. */
  private readonly head: HTMLDivElement
  private readonly highlights: HTMLElement
  private readonly highlightList: HTMLUListElement
  /** The episode the `feed` and `episode` attributes loaded, or null. */
  private feedEpisode: FeedEpisodeInfo | null = null
  /** What the feed was last loaded from (`feed episode`), and its request while it runs. */
  private feedFrom: string | null = null
  private feedLoading: AbortController | null = null
  /** People set by the page (the `persons` property), which win over the feed's. */
  private pagePersons: readonly Person[] | null = null
  /** The player's own texts from the labels (its parts have theirs), written again when the locale changes. */
  private readonly texts = new LabelTexts()
  /** The `labels` property when set as an object (it wins over the attribute). */
  private labelsObject: LabelOverrides | null = null
  /** What the locale was last resolved from (`lang`, and the labels property or attribute). */
  private localeFrom: readonly unknown[] = []
  private readonly menu = buildTranscriptMenu(this.ownerDocument, () => this.episodeTitle ?? null, this.texts)
  /** The reader settings disclosure beside the transcript menu. */
  private readonly readerMenu = buildReaderSettingsMenu(this.ownerDocument, this.texts)
  /** The mini player's bar; watching the controls while connected with `mini-player` (see `syncMiniPlayer`). */
  private readonly mini = buildMiniPlayer(this.ownerDocument, this.texts)
  /** The panel layout's chapters and speakers, before the panel's tools in that layout only. */
  private readonly panelLists = buildPanelLists(this.ownerDocument, this.texts)
  private unmountMini: (() => void) | null = null
  private readonly transcriptPart: HTMLElement
  /** The transcript's column, and its tools (language, search, menus): above it, or at the panel's end. */
  private readonly side: HTMLDivElement
  private readonly tools: readonly HTMLElement[]
  /** The transcripts to choose from (languages) and the one shown. */
  private choices: readonly TranscriptChoice[] = []
  private chosen = 0
  private readonly languageSelect: HTMLSelectElement
  private readonly languagePicker: HTMLElement
  private waveform: CastlineWaveformElement | null = null
  private parsedTranscript: Transcript | null = null
  private parsedPeaks: Peaks | null = null
  private parsedChapters: ChapterList | readonly Chapter[] | null = null
  /** The `persons` and `speakers` options. */
  private readonly people = new PeopleOptions(this, () => this.applyPeople())
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
    // The artwork is decorative: the title beside it names the episode.
    this.artwork = h(doc, 'img', {
      class: 'castline-player__artwork',
      part: 'artwork',
      alt: '',
      hidden: true,
    })
    this.head = h(doc, 'div', { class: 'castline-player__head' }, this.artwork, this.heading)
    this.highlightList = h(doc, 'ul', {
      class: 'castline-highlights__list',
      'aria-labelledby': 'castline-highlights-label',
    })
    this.highlights = h(
      doc,
      'div',
      { class: 'castline-highlights', part: 'highlights' },
      h(
        doc,
        'p',
        { class: 'castline-highlights__label', id: 'castline-highlights-label' },
        this.texts.text(doc, (l) => l.highlights),
      ),
      this.highlightList,
    )
    this.main = h(doc, 'div', { class: 'castline-player__main', part: 'main' }, this.head, this.controls)
    this.transcriptPart = part('castline-transcript', 'transcript')
    // One picker a shadow root, so a fixed id is unique where the label looks.
    this.languageSelect = h(doc, 'select', { id: 'castline-language' })
    this.languageSelect.addEventListener('change', () => this.choose(Number(this.languageSelect.value)))
    this.languagePicker = h(
      doc,
      'div',
      { class: 'castline-language', part: 'language', hidden: true },
      h(
        doc,
        'label',
        { for: 'castline-language' },
        this.texts.text(doc, (l) => l.transcriptLanguage),
      ),
      this.languageSelect,
    )
    this.tools = [
      this.languagePicker,
      part('castline-search', 'search'),
      h(doc, 'div', { class: 'castline-player__menus' }, this.menu.details, this.readerMenu.details),
    ]
    this.side = h(
      doc,
      'div',
      { class: 'castline-player__side', part: 'side' },
      ...this.tools,
      this.transcriptPart,
    )
    this.section = h(
      doc,
      'section',
      {
        class: 'castline castline-player',
        part: 'player',
        'aria-label': 'Audio player',
        'data-layout': 'stacked',
      },
      h(doc, 'div', { class: 'castline-player__layout' }, this.main, this.side),
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

  /**
   * Several transcripts (languages): `{ src | url | transcript, language, label?, type? }` each, core's
   * feed transcripts (`pickTranscripts`) included; they take the place of `transcript`. A picker shows
   * each language's own name; the transcript gets the chosen one's `lang` and `dir`; the choice is kept
   * in localStorage (`castline:transcript-language`) for the next visit; playback goes on where it was.
   */
  get transcripts(): readonly TranscriptChoice[] {
    return this.choices
  }

  set transcripts(value: readonly TranscriptChoice[] | null) {
    this.choices = value ?? []
    this.chosen = this.choices.length === 0 ? 0 : initialChoice(this.choices, storedLanguage())
    this.renderChoices()
    this.languagePicker.hidden = this.choices.length < 2
    this.showChoice()
  }

  /** The picker's options: each language's own name (a choice without one is "Transcript n" in the UI's words). */
  private renderChoices(): void {
    const doc = this.ownerDocument
    this.languageSelect.replaceChildren(
      ...this.choices.map((choice, index) =>
        h(
          doc,
          'option',
          { value: index, lang: choice.language ?? null, dir: textDirection(choice.language) },
          choiceLabel(choice, index, this.session.locale),
        ),
      ),
    )
    this.languageSelect.value = String(this.chosen)
  }

  /**
   * The UI's labels over the locale: the `labels` property (an object, or JSON as the attribute), else
   * the `labels` attribute's JSON object; a function label takes a template ("{seconds} s back").
   */
  get labels(): LabelOverrides | null {
    return this.labelsObject ?? this.labelsAttribute()
  }

  set labels(value: LabelOverrides | string | null) {
    if (typeof value === 'string') {
      this.labelsObject = null
      this.setAttribute('labels', value)
      return
    }
    this.labelsObject = value
    this.applyLocale()
  }

  private labelsAttribute(): LabelOverrides | null {
    try {
      return parseLabels(this.getAttribute('labels'))
    } catch {
      return null
    }
  }

  /**
   * Resolves the UI's locale from the nearest `lang` (this element's, else an ancestor's) and the labels,
   * and hands it to the parts: the root's `dir` follows it. A `labels` attribute that is no JSON object is
   * a `castline-error` of kind 'labels' (the locale's labels are shown); what `resolveLocale` could not use
   * (a language without labels, an unknown label) is a console warning.
   */
  private applyLocale(): void {
    const lang = langOf(this)
    const from = [lang, this.labelsObject, this.getAttribute('labels')]
    if (from.every((v, i) => v === this.localeFrom[i])) return
    this.localeFrom = from
    let labels = this.labelsObject
    if (labels === null) {
      try {
        labels = parseLabels(this.getAttribute('labels'))
      } catch (error) {
        this.session.fail('labels', error instanceof Error ? error.message : String(error), error)
      }
    }
    const locale = resolveLocale(lang, labels, LOCALES)
    for (const warning of locale.warnings) console.warn(`Castline locale: ${warning}`)
    this.session.setLocale(locale)
    this.texts.apply(locale)
    setAttr(this.section, 'dir', locale.dir)
    this.renderChoices()
    this.renderHighlights()
    this.syncAttributes()
  }

  /** Shows choice `index` and keeps its language for the next visit. */
  private choose(index: number): void {
    if (index === this.chosen || this.choices[index] === undefined) return
    this.chosen = index
    const language = this.choices[index]!.language
    if (language !== undefined && language !== '') storeLanguage(language)
    this.showChoice()
  }

  private showChoice(): void {
    this.languageSelect.value = String(this.chosen)
    const language = this.choices[this.chosen]?.language
    setAttr(this.transcriptPart, 'lang', language || null)
    setAttr(this.transcriptPart, 'dir', language ? textDirection(language) : null)
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

  /** The episode's title in force: the `title` attribute, else the feed episode's (undefined without either). */
  get episodeTitle(): string | undefined {
    return this.getAttribute('title') ?? this.feedEpisode?.title ?? undefined
  }

  /** The episode's people: the feed's `podcast:person`s, or those set here (null gives the feed's back). A transcript speaker matching one's name shows their avatar and role. */
  get persons(): readonly Person[] {
    return this.people.persons
  }

  set persons(value: readonly Person[] | null) {
    this.pagePersons = Array.isArray(value) ? value : null
    this.people.persons = this.pagePersons ?? this.feedPersons
    this.applyPeople()
  }

  private feedPersons: readonly Person[] = []

  /** Speaker labels (`SPEAKER_1`) mapped to a person's name or a name to show: the property, else the `speakers` attribute's JSON. */
  get speakers(): Readonly<Record<string, string>> | null {
    return this.people.speakers()
  }

  /** Sets the map: an object, or its JSON (as the attribute); null for none. */
  set speakers(value: Readonly<Record<string, string>> | string | null) {
    this.people.setSpeakers(value)
  }

  private applyPeople(): void {
    if (this.isConnected) this.people.apply(this.session)
  }

  /** The player's own media element (a hidden `<audio>` in its shadow root). */
  get media(): HTMLAudioElement {
    return this.audio
  }

  connectedCallback(): void {
    upgradeProperties(this, [
      'transcript',
      'transcripts',
      'peaks',
      'chapters',
      'persons',
      'speakers',
      'adBreaks',
      'labels',
    ])
    const session = this.session
    session.hosts.add(this)
    this.applyLocale()
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
    this.applyPeople()
    this.loadFeed()
    const offEpisode = session.on('episode', () => this.renderHighlights())
    // The chapter playing: the artwork follows it, and the page hears of it once connected and of each
    // change (castline-chapterchange).
    let chapter: Chapter | null = null
    const reportChapter = (current: Chapter | null) => {
      if (current === chapter) return
      chapter = current
      this.dispatchEvent(
        new CustomEvent('castline-chapterchange', { detail: { chapter }, bubbles: true, composed: true }),
      )
    }
    const offChapterArt = session.chapterState.subscribe((snapshot) => {
      this.syncArtwork()
      reportChapter(snapshot.current)
    })
    reportChapter(session.chapterState.getSnapshot().current)
    this.renderHighlights()
    // Deep link: the page's #t= once there is media, a quote link (`#t=a,b&q=words`) once the transcript is
    // in, to find its words there (`openQuoteLink`: seek, play after the first gesture, pause at the end).
    let opened: OpenedQuoteLink | null = null
    const open = (hash: string) => {
      opened?.cancel()
      opened = openQuoteLink(hash, {
        transcript: session.ready(),
        seek: (t) => session.controller.seekTo(t),
        play: () => session.controller.play(),
        pause: () => session.controller.pause(),
        paused: () => !session.controller.getSnapshot().playing,
        subscribeFrame: (listener) => session.controller.subscribeFrame(listener),
        gestures: this.ownerDocument.defaultView ?? this,
      })
    }
    const openOnce = () => {
      if (this.deepLinked || this.getAttribute('deep-link') === 'off') return
      const hash = this.ownerDocument.location?.hash ?? ''
      const waits = /[#&]q=|[#&]t=[^&]*,/.test(hash)
      if (waits && session.ready() === null && session.transcript.status === 'loading') return
      this.deepLinked = true
      open(hash)
    }
    const offMedia = session.on('media', openOnce)
    const offTranscript = session.on('transcript', openOnce)
    openOnce()
    // A #t= link followed within the page changes only the hash: it opens as on opening the page.
    const win = this.ownerDocument.defaultView
    const onHashChange = () => {
      if (this.getAttribute('deep-link') === 'off') return
      open(this.ownerDocument.location?.hash ?? '')
    }
    win?.addEventListener('hashchange', onHashChange)
    const offMenu = this.menu.connect(session)
    const offReader = this.readerMenu.connect(session)
    const offPanel = this.panelLists.connect(session)
    this.syncMiniPlayer()
    this.cleanup = () => {
      offMenu()
      offReader()
      offPanel()
      this.unmountMini?.()
      this.unmountMini = null
      this.unmountMediaSession?.()
      this.unmountMediaSession = null
      win?.removeEventListener('hashchange', onHashChange)
      opened?.cancel()
      offMedia()
      offEpisode()
      offChapterArt()
      offTranscript()
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
    if (name === 'feed' || name === 'episode') this.loadFeed()
    if (name === 'speakers') this.applyPeople()
    if (name === 'ad-breaks') this.loadAdBreaks()
    if (name === 'lang' || name === 'labels') this.applyLocale()
    this.syncAttributes()
    this.syncMediaSession()
    if (name === 'mini-player') this.syncMiniPlayer()
  }

  /**
   * The mini player watches the controls while connected with a `mini-player` attribute (not "off"): a
   * bar fixed at the viewport's bottom while they are scrolled out of view during playback.
   */
  private syncMiniPlayer(): void {
    const value = this.getAttribute('mini-player')
    const wanted = this.isConnected && value !== null && value !== 'off'
    // The bar is in the player only while wanted: without it there is one "Play" button.
    if (wanted && this.unmountMini === null) {
      this.section.append(this.mini.bar)
      const off = this.mini.connect(this.session, this.controls, () => numberAttribute(this, 'duration'))
      this.unmountMini = () => {
        off()
        this.mini.bar.remove()
      }
    } else if (!wanted && this.unmountMini !== null) {
      this.unmountMini()
      this.unmountMini = null
    }
  }

  private mediaSessionOptions() {
    return {
      store: this.session.store,
      chapters: this.session.chapterState,
      seek: this.session.seekTo,
      metadata: {
        title: this.getAttribute('title') ?? this.feedEpisode?.title ?? '',
        show: this.getAttribute('show') ?? this.feedEpisode?.show ?? undefined,
        artwork: this.getAttribute('artwork') ?? this.feedEpisode?.image ?? undefined,
      },
    }
  }

  /** The media session's metadata from the attributes (else the feed's episode); mounted while connected and not `media-session="off"`. */
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

  /** Loads the `feed` attribute's episode `episode` (once per pair), and shows what it brings. */
  private loadFeed(): void {
    if (!this.isConnected) return
    const url = this.getAttribute('feed')
    const guid = this.getAttribute('episode')
    const from = url === null || url === '' ? null : `${url} ${guid ?? ''}`
    if (from === this.feedFrom) return
    this.feedFrom = from
    this.feedLoading?.abort()
    this.feedLoading = null
    this.feedEpisode = null
    this.syncPending()
    if (url === null || url === '') return
    const session = this.session
    if (guid === null || guid.trim() === '') {
      // The listener's sentence in the player's language; the event's error says which attribute is missing.
      const message = `The player has a feed but no episode: give the episode's GUID in the episode attribute.`
      session.fail('feed', session.locale.labels.noEpisode, new Error(message))
      return
    }
    const loading = new AbortController()
    this.feedLoading = loading
    this.syncPending()
    const ownTranscript = () => this.parsedTranscript !== null || this.getAttribute('transcript') !== null
    if (!ownTranscript()) session.startLoading()
    loadFeedEpisode(url, guid, {
      signal: loading.signal,
      base: this.ownerDocument.baseURI,
      language: this.closest('[lang]')?.getAttribute('lang') ?? undefined,
    }).then(
      (loaded) => {
        if (loading.signal.aborted) return
        this.feedLoading = null
        this.feedEpisode = loaded.episode
        this.feedPersons = loaded.persons
        // The feed's people name the transcript's speakers, unless the page set its own.
        this.people.persons = this.pagePersons ?? loaded.persons
        session.setEpisodeDetails({
          persons: this.people.persons,
          soundbites: loaded.soundbites,
        })
        if (!ownTranscript()) {
          if (loaded.transcript !== null) session.setTranscript(loaded.transcript)
          else {
            const message = describeTranscriptAttempts(loaded.attempts)
            session.fail('transcript', message, new Error(message))
          }
        }
        if (this.parsedChapters === null && this.getAttribute('chapters') === null) {
          if (loaded.chapters !== null) session.setChapters(loaded.chapters)
          else if (loaded.chaptersError !== undefined)
            session.fail('chapters', loaded.chaptersError, new Error(loaded.chaptersError))
        }
        this.syncAttributes()
        this.syncMediaSession()
      },
      (error: unknown) => {
        if (loading.signal.aborted) return
        this.feedLoading = null
        this.syncPending()
        const message = error instanceof Error ? error.message : String(error)
        // The listener reads it in the player's language; the event's error keeps the English detail.
        const { labels } = session.locale
        session.fail(
          'feed',
          error instanceof FeedLoadError ? labels.feedFailed(error.kind, message) : message,
          error,
        )
      },
    )
  }

  /** The soundbites as buttons that seek to each (text as text). */
  private renderHighlights(): void {
    const doc = this.ownerDocument
    const { labels, format } = this.session.locale
    const soundbites = this.session.soundbites
    // In the page only while there are soundbites (after the controls).
    if (soundbites.length === 0) this.highlights.remove()
    else if (!this.highlights.isConnected) this.controls.after(this.highlights)
    this.highlightList.replaceChildren(
      ...soundbites.map((bite) => {
        const button = h(
          doc,
          'button',
          { type: 'button', class: 'castline-highlights__button', part: 'highlight' },
          h(doc, 'span', { class: 'castline-highlights__time' }, format.clock(bite.startTime)),
          ' ',
          bite.title ?? labels.highlightAt(format.clock(bite.startTime)),
        )
        button.addEventListener('click', () => this.session.seekTo(bite.startTime))
        return h(doc, 'li', {}, button)
      }),
    )
  }

  /**
   * The artwork beside the title: the current chapter's image when it has one (Podcasting 2.0 chapters'
   * `img`), else the feed episode's.
   */
  private syncArtwork(): void {
    const src = this.session.chapterState.getSnapshot().current?.img ?? this.feedEpisode?.image
    this.artwork.hidden = src === undefined
    setAttr(this.artwork, 'src', src ?? null)
  }

  /**
   * While a feed loads the title and artwork it will bring, the head keeps their room, and the waveform
   * the chapter markers' row (styles.ts), so that the controls and transcript do not move down when
   * they arrive.
   */
  private syncPending(): void {
    const loading = this.feedLoading !== null
    setAttr(this.head, 'data-pending', loading && !this.hasAttribute('title') ? '' : null)
    const ownChapters = this.parsedChapters !== null || this.getAttribute('chapters') !== null
    if (this.waveform !== null)
      setAttr(this.waveform, 'data-pending-chapters', loading && !ownChapters ? '' : null)
  }

  private syncAttributes(): void {
    const doc = this.ownerDocument
    const feed = this.feedEpisode
    const src = this.getAttribute('src') ?? feed?.enclosure.url ?? null
    if (src !== null && this.audio.getAttribute('src') !== src) this.audio.src = src
    const title = this.getAttribute('title') ?? feed?.title ?? null
    this.heading.hidden = title === null || title === ''
    setText(this.heading, title ?? '')
    setAttr(this.section, 'aria-label', title || this.session.locale.labels.player)
    this.syncLayout()
    this.syncArtwork()
    const duration =
      this.getAttribute('duration') ?? (feed?.duration === undefined ? null : String(feed.duration))
    setAttr(this.controls, 'duration', duration)
    const wanted = this.getAttribute('waveform') !== 'none'
    if (wanted && this.waveform === null) {
      const el = doc.createElement('castline-waveform') as CastlineWaveformElement
      el.setAttribute('exportparts', PART_NAMES.waveform.join(', '))
      el.session = this.session
      this.waveform = el
      this.head.after(el)
    } else if (!wanted && this.waveform !== null) {
      this.waveform.remove()
      this.waveform = null
    }
    this.syncPending()
    const waveform = this.waveform
    if (waveform === null) return
    setAttr(waveform, 'duration', duration)
    if (this.parsedPeaks !== null) waveform.peaks = this.parsedPeaks
    else setAttr(waveform, 'peaks', this.getAttribute('peaks'))
  }

  /**
   * The layout (styles.ts lays it out by the player's own width): "panel", else "stacked". In the panel
   * the transcript's tools end the panel, so that the transcript has its column to itself; the order
   * read is the same in both.
   */
  private syncLayout(): void {
    const panel = this.getAttribute('layout') === 'panel'
    setAttr(this.section, 'data-layout', panel ? 'panel' : 'stacked')
    // The controls' own stylesheet hides their chapter disclosure while the panel shows the list.
    setAttr(this.controls, 'data-layout', panel ? 'panel' : null)
    // The panel's chapters and speakers come before the tools; in "stacked" the page shows its own lists.
    if (panel) this.main.append(...this.panelLists.parts, ...this.tools)
    else {
      for (const part of this.panelLists.parts) part.remove()
      if (this.tools[0]!.parentNode !== this.side) this.side.prepend(...this.tools)
    }
  }

  private loadTranscript(): void {
    if (!this.isConnected) return
    const session = this.session
    const duration = numberAttribute(this, 'duration')
    const choice = this.choices[this.chosen]
    const choiceUrl = choice?.src ?? choice?.url
    const url = choice === undefined ? this.getAttribute('transcript') : (choiceUrl ?? null)
    const from = choice ?? this.parsedTranscript ?? `${url} ${duration}`
    if (from === this.loadedFrom && session.transcript.status !== 'idle') return
    this.loadedFrom = from
    if (typeof choice?.transcript === 'string') {
      try {
        session.setTranscript(readTranscriptText(choice.transcript, duration))
      } catch (error) {
        session.fail('transcript', describeError(error, 'transcript'), error)
      }
    } else if (choice?.transcript !== undefined) session.setTranscript(choice.transcript)
    else if (choice === undefined && this.parsedTranscript !== null)
      session.setTranscript(this.parsedTranscript)
    else if (url !== null && url !== '') session.loadTranscript(url, duration)
    else if (choice === undefined && this.querySelector('p') !== null) {
      // Reading the page's own markup (never writing any): a Podcasting 2.0 HTML transcript.
      try {
        session.setTranscript(readPageTranscript(this.innerHTML, duration))
      } catch (error) {
        session.fail('transcript', describeError(error, 'transcript'), error)
      }
    }
  }
}
