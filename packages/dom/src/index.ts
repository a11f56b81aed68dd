/**
 * `@castline/dom`: the player's browser behaviour without a framework, for the React adapter and the
 * custom elements alike. `MediaStore` is one table of a media element's state and the only listener on
 * it; `createMediaStoreSource` gives the sync controller its time through the store. `WaveformView` is the
 * waveform slider (wavesurfer.js, imported only when a view is mounted), `PlayerShortcuts` the
 * player's keyboard shortcuts, `ChapterState` the current chapter and its previous/next requests,
 * `resolveSpeakers` who speaks (names, roles, avatars, colours) and `MediaSessionBinding` the platform's
 * media controls; `adBreakRows`/`parseAdBreaks` serve the ad-break time map a `MediaStore` converts
 * through. See docs/ARCHITECTURE.md, "MediaStore".
 */

// The time map itself is core's (`@castline/core/links`), handed on so that a renderer needs only this package.
export { type AdBreak, AdBreakError, type AdTimeMap, createAdTimeMap } from '@castline/core/links'
export { type AdBreakRow, adBreakLabel, adBreakRows, parseAdBreaks } from './ad-breaks.js'
export {
  CHAPTER_RESTART_SECONDS,
  type ChapterSnapshot,
  ChapterState,
  type ChapterStateOptions,
  chapterHeadings,
  chapterTargets,
  currentChapter,
  loadChapters,
  readChapters,
} from './chapter-state.js'
export { linkToTime, parseTimeFragment } from './deep-link.js'
export {
  describeTranscriptAttempts,
  type FeedEpisode,
  type FeedEpisodeInfo,
  type FeedEpisodeOptions,
  FeedLoadError,
  type FeedLoadErrorKind,
  loadFeedEpisode,
} from './feed-episode.js'
export {
  type ComfortBand,
  DEFAULT_COMFORT_BAND,
  type FollowEvent,
  type FollowState,
  followScrollTarget,
  followTransition,
  jumpDirection,
  type Span,
  scrollBehaviorFor,
  type Viewport,
  wordScrollTarget,
} from './follow.js'
export { FollowMode, type FollowModeOptions } from './follow-mode.js'
export { caretAt, wordAtPoint } from './hit-test.js'
export {
  defaultLocale,
  en,
  findLocale,
  type LabelOverrides,
  type Labels,
  type Locale,
  type LocaleFormat,
  type LocaleText,
  localeFormat,
  matchCountText,
  mediaErrorMessage,
  parseLabels,
  type ResolvedLocale,
  resolveLocale,
} from './labels.js'
export {
  choiceLabel,
  initialChoice,
  LANGUAGE_STORAGE_KEY,
  languageName,
  storedLanguage,
  storeLanguage,
  type TranscriptChoice,
  textDirection,
} from './languages.js'
export { buildLineEstimates, estimateLine, estimateLines, speakerStartAt } from './line-estimate.js'
export {
  estimateToken,
  splitPieces,
  type TextPiece,
  type TextToken,
  tokenAtOffset,
  tokenizeCue,
} from './line-text.js'
export {
  type EpisodeMetadata,
  MEDIA_SESSION_SEEK_OFFSET,
  MediaSessionBinding,
  type MediaSessionLike,
  type MediaSessionOptions,
} from './media-session.js'
export {
  type MediaErrorLike,
  type MediaLike,
  type MediaSnapshot,
  MediaStore,
  type MediaStoreOptions,
  type TimeRange,
  type TimeRangesLike,
} from './media-store.js'
export { createMediaStoreSource, type MediaStoreSource } from './media-store-source.js'
export {
  type IntersectionObserverLike,
  type MiniPlayerOptions,
  MiniPlayerState,
} from './mini-player.js'
export {
  type PlayerShortcut,
  PlayerShortcuts,
  type PlayerShortcutsOptions,
  playerShortcutFor,
  type ShortcutKeyEvent,
} from './player-shortcuts.js'
export {
  copyText,
  formatQuote,
  type OpenedQuoteLink,
  type OpenQuoteLinkOptions,
  openQuoteLink,
  type Quote,
  QuoteMenu,
  type QuoteMenuSnapshot,
  quoteFromRange,
  quoteLink,
  type RangeEnds,
  selectionIn,
} from './quote.js'
export {
  READER_SETTINGS_STORAGE_KEY,
  ReaderSettings,
  type ReaderSettingsOptions,
  type ReaderSettingsSnapshot,
  readerSettingsAttributes,
  storedReaderSettings,
  TEXT_SCALES,
} from './reader-settings.js'
export { type ScrollIntent, watchScrollIntent } from './scroll-intent.js'
export {
  distinctSpeakers,
  markAvatarBroken,
  parseSpeakerMap,
  resolveSpeakers,
  SPEAKER_COLORS,
  SPEAKER_PALETTE,
  type SpeakerAvatar,
  type SpeakerInfo,
  type SpeakerOptions,
  speakerAvatar,
  speakerInitials,
} from './speakers.js'
export {
  copyToClipboard,
  DOWNLOAD_FORMATS,
  DOWNLOAD_URL_LIFETIME_MS,
  type DownloadFormat,
  downloadFormatLabel,
  downloadName,
  downloadTranscript,
  type TakeAwayAction,
  type TranscriptFile,
  takeAway,
  transcriptFile,
  transcriptText,
} from './take-away.js'
export {
  LINE_PARTS,
  type LinePart,
  type TranscriptPhase,
  TranscriptView,
  type TranscriptViewOptions,
  type TranscriptViewSnapshot,
} from './transcript-view.js'
export { type ReadableStore, ValueStore } from './value-store.js'
export {
  bufferedSegments,
  drawTicks,
  pointerFraction,
  searchTicks,
  tipLabel,
  type WaveformSegment,
  type WaveformTip,
} from './waveform-marks.js'
export {
  type SliderValues,
  seekValueText,
  sliderKeyTarget,
  sliderValues,
  WAVEFORM_PAGE,
  WAVEFORM_STEP,
  WAVEFORM_UNAVAILABLE,
  type WaveformLook,
  type WaveformMount,
  type WaveformPeaks,
  type WaveformSnapshot,
  WaveformView,
  type WaveformViewOptions,
  type WaveSurferModule,
} from './waveform-view.js'
