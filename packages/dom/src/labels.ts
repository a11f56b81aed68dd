import { formatTimestamp } from '@castline/core'
import type { FeedLoadErrorKind } from './feed-episode.js'
import { textDirection } from './languages.js'
import type { MediaErrorLike } from './media-store.js'

/**
 * Every string the player shows or announces, in one object: plain strings, and functions for the
 * ones with a value in them (given already formatted for the locale, see `LocaleFormat`). English is
 * `en` below; `@castline/dom/locales/de` and `@castline/dom/locales/ar` ship German and Arabic on their
 * own, so a site that needs only English does not load them.
 */
export interface Labels {
  /** The player region's name (when the episode has no title). */
  player: string
  play: string
  pause: string
  back: (seconds: string) => string
  forward: (seconds: string) => string
  mute: string
  unmute: string
  volume: string
  playbackSpeed: string
  /** Between the current time and the duration, for screen readers ("0:12 of 1:00:00"). */
  of: string
  loadingAudio: string
  /** After a media error: the transcript stays readable. */
  transcriptStillHere: string
  mediaAborted: string
  mediaNetwork: string
  mediaDecode: string
  mediaMissing: string
  mediaFailed: (detail: string) => string
  /** Read before the current chapter's title ("Chapter: "). */
  chapterPrefix: string
  /** Read before the chapter bar's title over the transcript ("Current chapter: "). */
  currentChapter: string
  /** Where the waveform would be when wavesurfer.js did not load. */
  waveformUnavailable: string
  chapters: string
  previousChapter: string
  nextChapter: string
  chapterMarkers: string
  /** The waveform slider's name and its value text ("0:12 of 1:00:00"). */
  seek: string
  seekValue: (time: string, duration: string) => string
  miniPlayer: string
  search: string
  previousMatch: string
  nextMatch: string
  matchCount: (current: string, total: string) => string
  noMatches: string
  /** The transcript region's name, and the transcript menu's button. */
  transcript: string
  loadingTranscript: string
  /** Before the reason a transcript failed to load. */
  transcriptFailed: string
  noLines: string
  loadingFeed: string
  noEpisode: string
  /**
   * A feed that failed to load, by its `FeedLoadError` kind; `detail` is the error's own sentence (English,
   * naming the address and the cause), which the English labels show as it is.
   */
  feedFailed: (kind: FeedLoadErrorKind, detail: string) => string
  jumpToCurrent: string
  copyLink: string
  copied: string
  copyLinkTo: (time: string) => string
  copiedLinkTo: (time: string) => string
  copyQuote: string
  shareQuote: string
  quoteHint: string
  linkCopied: string
  quoteCopied: string
  copyFailed: (reason: string) => string
  readerSettings: string
  /** What the reader settings' button shows ("Aa"). */
  readerButton: string
  textSize: string
  smallerText: string
  largerText: string
  showTimestamps: string
  followAlong: string
  copyAll: string
  copyWithTimestamps: string
  print: string
  download: string
  /** The plain text download format's name ("Text"; WebVTT, SRT and JSON keep theirs). */
  plainText: string
  downloadAs: (format: string) => string
  transcriptCopied: string
  transcriptCopiedWithTimestamps: string
  downloaded: (file: string) => string
  transcriptLanguage: string
  /** A transcript choice with neither label nor language ("Transcript 2"). */
  transcriptNumber: (n: string) => string
  highlights: string
  /** The panel layout's list of who speaks in the episode. */
  speakers: string
  highlightAt: (time: string) => string
  adBreak: (duration: string) => string
}

/** A locale: its BCP 47 tag (numbers and dates follow it) and its labels. */
export interface Locale {
  readonly code: string
  readonly labels: Labels
}

/** The parameter names of the labels that are functions: a string override names them as `{name}`. */
const PARAMS: { readonly [K in keyof Labels]?: readonly string[] } = {
  back: ['seconds'],
  forward: ['seconds'],
  mediaFailed: ['detail'],
  seekValue: ['time', 'duration'],
  matchCount: ['current', 'total'],
  copyLinkTo: ['time'],
  copiedLinkTo: ['time'],
  copyFailed: ['reason'],
  downloadAs: ['format'],
  downloaded: ['file'],
  transcriptNumber: ['n'],
  highlightAt: ['time'],
  adBreak: ['duration'],
  feedFailed: ['kind', 'detail'],
}

/** English, the default. */
export const en: Locale = {
  code: 'en',
  labels: {
    player: 'Audio player',
    play: 'Play',
    pause: 'Pause',
    back: (s) => `Back ${s} seconds`,
    forward: (s) => `Forward ${s} seconds`,
    mute: 'Mute',
    unmute: 'Unmute',
    volume: 'Volume',
    playbackSpeed: 'Playback speed',
    of: 'of',
    loadingAudio: 'Loading audio…',
    transcriptStillHere: 'The transcript is still here to read.',
    mediaAborted: 'Loading the audio was aborted.',
    mediaNetwork: 'The audio could not be downloaded (a network error).',
    mediaDecode: 'The audio could not be decoded: the file is damaged or uses an unsupported codec.',
    mediaMissing:
      'The audio could not be loaded: the file is missing (404), blocked (CORS) or in a format this browser cannot play.',
    mediaFailed: (detail) => `The audio failed (${detail}).`,
    chapterPrefix: 'Chapter: ',
    currentChapter: 'Current chapter: ',
    waveformUnavailable: 'No waveform: wavesurfer.js did not load.',
    chapters: 'Chapters',
    previousChapter: 'Previous chapter',
    nextChapter: 'Next chapter',
    chapterMarkers: 'Chapter markers',
    seek: 'Seek',
    seekValue: (time, duration) => `${time} of ${duration}`,
    miniPlayer: 'Mini player',
    search: 'Search transcript',
    previousMatch: 'Previous match',
    nextMatch: 'Next match',
    matchCount: (current, total) => `${current} of ${total}`,
    noMatches: 'No matches',
    transcript: 'Transcript',
    loadingTranscript: 'Loading transcript…',
    transcriptFailed: 'The transcript could not be shown.',
    noLines: 'This transcript has no lines.',
    loadingFeed: 'Loading the episode from its feed…',
    noEpisode: "No episode was given: name the episode's GUID.",
    feedFailed: (_kind, detail) => detail,
    jumpToCurrent: 'Jump to current line',
    copyLink: 'Copy link',
    copied: 'Copied',
    copyLinkTo: (time) => `Copy link to ${time}`,
    copiedLinkTo: (time) => `Copied link to ${time}`,
    copyQuote: 'Copy quote',
    shareQuote: 'Share the selected quote',
    quoteHint: 'Quote selected: Tab to Copy quote or Copy link, Escape to close.',
    linkCopied: 'Link copied',
    quoteCopied: 'Quote copied',
    copyFailed: (reason) => `Could not copy: ${reason}`,
    readerSettings: 'Reader settings',
    readerButton: 'Aa',
    textSize: 'Text size',
    smallerText: 'Smaller text',
    largerText: 'Larger text',
    showTimestamps: 'Show timestamps',
    followAlong: 'Follow along',
    copyAll: 'Copy all',
    copyWithTimestamps: 'Copy with timestamps',
    print: 'Print',
    download: 'Download',
    plainText: 'Text',
    downloadAs: (format) => `Download as ${format}`,
    transcriptCopied: 'Transcript copied',
    transcriptCopiedWithTimestamps: 'Transcript copied with timestamps',
    downloaded: (file) => `Downloaded ${file}`,
    transcriptLanguage: 'Transcript language',
    transcriptNumber: (n) => `Transcript ${n}`,
    highlights: 'Highlights',
    speakers: 'Speakers',
    highlightAt: (time) => `Highlight at ${time}`,
    adBreak: (duration) => `Ad break · ${duration}`,
  },
}

/** Numbers and times written for a locale (`Intl`): what the player shows; machine formats stay as they are. */
export interface LocaleFormat {
  readonly tag: string
  /** A number in the locale's digits and separators. */
  number(n: number): string
  /** ASCII digits in `text` as the locale's digits ("1:05" -> "١:٠٥" where the locale uses Arabic-Indic). */
  digits(text: string): string
  /** A time as players show it, "1:12:54", in the locale's digits. */
  clock(seconds: number): string
  /** A playback rate: "1.5×", "1,5×". */
  rate(rate: number): string
  /** A percentage of 0-100: "50%", "50 %". */
  percent(value: number): string
  /** A length in words for screen readers: "11 minutes, 30 seconds". */
  duration(seconds: number): string
}

const formats = new Map<string, LocaleFormat>()

/** The formatter for `tag` (one per tag, kept); an ill-formed tag formats as English. */
export function localeFormat(tag: string): LocaleFormat {
  let format = formats.get(tag)
  if (format === undefined) {
    format = createFormat(tag)
    formats.set(tag, format)
  }
  return format
}

function createFormat(requested: string): LocaleFormat {
  let tag = requested
  try {
    tag = Intl.getCanonicalLocales(requested)[0] ?? 'en'
  } catch {
    tag = 'en'
  }
  const plain = new Intl.NumberFormat(tag, { useGrouping: false })
  // The locale's ten digits, so that a clock keeps its own shape ("1:05", not a grouped number).
  const table = Array.from({ length: 10 }, (_, d) => plain.format(d))
  const ascii = table.every((d, i) => d === String(i))
  const digits = (text: string) => (ascii ? text : text.replace(/[0-9]/g, (d) => table[Number(d)]!))
  const rate = new Intl.NumberFormat(tag, { maximumFractionDigits: 2 })
  const number = new Intl.NumberFormat(tag)
  const percent = new Intl.NumberFormat(tag, { style: 'percent', maximumFractionDigits: 0 })
  const unit = (u: string) => new Intl.NumberFormat(tag, { style: 'unit', unit: u, unitDisplay: 'long' })
  const units = { hour: unit('hour'), minute: unit('minute'), second: unit('second') }
  const list =
    typeof Intl.ListFormat === 'function' ? new Intl.ListFormat(tag, { type: 'unit', style: 'long' }) : null
  return {
    tag,
    number: (n) => number.format(n),
    digits,
    clock: (seconds) => digits(formatTimestamp(seconds, 'clock')),
    rate: (r) => `${rate.format(r)}\u00d7`,
    percent: (value) => percent.format(value / 100),
    duration: (seconds) => {
      const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds) : 0
      const parts: string[] = []
      const h = Math.floor(total / 3600)
      const m = Math.floor(total / 60) % 60
      const s = total % 60
      if (h > 0) parts.push(units.hour.format(h))
      if (m > 0) parts.push(units.minute.format(m))
      if (s > 0 || parts.length === 0) parts.push(units.second.format(s))
      return list === null ? parts.join(' ') : list.format(parts)
    },
  }
}

/** A locale resolved for a player: labels (overrides applied), direction, formatter, and what was wrong. */
export interface ResolvedLocale {
  readonly code: string
  readonly dir: 'ltr' | 'rtl'
  readonly labels: Labels
  readonly format: LocaleFormat
  /** What could not be used (an unknown locale, a label that is no string): shown in English instead. */
  readonly warnings: readonly string[]
}

/** What text needs of a resolved locale: its labels and its formatter. */
export type LocaleText = Pick<ResolvedLocale, 'labels' | 'format'>

let english: ResolvedLocale | undefined
/** English resolved (made on first use): what every function that shows text defaults to. */
export function defaultLocale(): ResolvedLocale {
  english ??= resolveLocale()
  return english
}

/** Overrides of some labels: a function label may be given as a template naming its values, "{seconds} s back". */
export type LabelOverrides = { readonly [K in keyof Labels]?: Labels[K] | string }

/**
 * Resolves what a page asked for: `locale` as a `Locale`, or a tag looked up (exactly, else by its
 * primary subtag) in `available` and English; an unknown tag is English and a warning. `overrides`
 * replace single labels over it; an unknown key or a value of the wrong type is a warning and ignored.
 */
export function resolveLocale(
  locale?: Locale | string | null,
  overrides?: LabelOverrides | null,
  available: readonly Locale[] = [],
): ResolvedLocale {
  const warnings: string[] = []
  let base = en
  if (typeof locale === 'string' && locale !== '') {
    const found = findLocale(locale, [en, ...available])
    if (found === undefined)
      warnings.push(`No labels for the locale "${locale}": the player is shown in English.`)
    else base = found
  } else if (typeof locale === 'object' && locale !== null) base = locale
  let labels = base.labels
  if (overrides != null) {
    const own: Record<string, unknown> = { ...labels }
    for (const [key, value] of Object.entries(overrides)) {
      if (!(key in en.labels)) {
        warnings.push(`Unknown label "${key}": ignored.`)
        continue
      }
      const k = key as keyof Labels
      const wanted = typeof en.labels[k]
      if (typeof value === wanted) own[k] = value
      else if (wanted === 'function' && typeof value === 'string') own[k] = template(value, PARAMS[k] ?? [])
      else warnings.push(`The label "${key}" must be a ${wanted}: ignored.`)
    }
    labels = own as unknown as Labels
  }
  return { code: base.code, dir: textDirection(base.code), labels, format: localeFormat(base.code), warnings }
}

/** The locale in `locales` for `tag`: the same tag, else the same primary language ("de-AT" -> de). */
export function findLocale(tag: string, locales: readonly Locale[]): Locale | undefined {
  const lower = tag.toLowerCase()
  const primary = lower.split(/[-_]/)[0]
  return (
    locales.find((l) => l.code.toLowerCase() === lower) ??
    locales.find((l) => l.code.toLowerCase().split('-')[0] === primary)
  )
}

/** A label function from a template: "{time} of {duration}" with the values in `names`' order. */
function template(text: string, names: readonly string[]): (...values: string[]) => string {
  return (...values) => text.replace(/\{(\w+)\}/g, (all, name: string) => values[names.indexOf(name)] ?? all)
}

/** A media element's failure in a listener's words (`MediaError.code`: 1 aborted, 2 network, 3 decode, 4 source). */
export function mediaErrorMessage(error: MediaErrorLike, labels: Labels = en.labels): string {
  const byCode = [
    undefined,
    labels.mediaAborted,
    labels.mediaNetwork,
    labels.mediaDecode,
    labels.mediaMissing,
  ]
  return byCode[error.code] ?? labels.mediaFailed(error.message || `code ${error.code}`)
}

/** The search's count: "3 of 17", "No matches", or nothing before the user types, in `locale`. */
export function matchCountText(
  query: string,
  current: number,
  total: number,
  locale: LocaleText = defaultLocale(),
): string {
  if (query.trim() === '') return ''
  if (total === 0) return locale.labels.noMatches
  return locale.labels.matchCount(locale.format.number(current + 1), locale.format.number(total))
}

/**
 * Reads label overrides written as JSON (the element's `labels` attribute): an object of strings
 * (templates for the function labels); null for none. Not JSON, or no object: a TypeError that says so.
 */
export function parseLabels(json: string | null): LabelOverrides | null {
  if (json === null || json.trim() === '') return null
  let value: unknown
  try {
    value = JSON.parse(json)
  } catch (error) {
    throw new TypeError(`The labels are not JSON: ${(error as Error).message}`)
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    throw new TypeError('The labels must be a JSON object of label names and strings.')
  return value as LabelOverrides
}
