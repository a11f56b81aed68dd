'use client'

/**
 * `@castline/react`: the provider, the transcript, search, the transport controls and the hooks. The
 * waveform (wavesurfer.js, an optional peer) is in `@castline/react/waveform`; the all-in-one
 * `<TranscriptPlayer>` and the player-wide keyboard shortcuts are in `@castline/react/player`. See
 * docs/ARCHITECTURE.md, "Entry points and bundle size".
 *
 * Every entry begins with 'use client': the components hold state and effects, so a React Server
 * Components host (Next.js's App Router) must run them on the client, and the directive lets a server page
 * render them with no client wrapper of its own. tsc keeps it at the top of the built file.
 */
export type {
  LabelOverrides,
  Labels,
  Locale,
  MediaSnapshot,
  MediaStore,
  ReadableStore,
  ResolvedLocale,
} from '@castline/dom'
// The feed loader both renderers use, for a page that loads a feed episode itself.
export {
  type ComfortBand,
  DEFAULT_COMFORT_BAND,
  describeTranscriptAttempts,
  type FeedEpisode,
  FeedLoadError,
  type FollowEvent,
  type FollowState,
  linkToTime,
  loadFeedEpisode,
  parseAdBreaks,
  parseTimeFragment,
} from '@castline/dom'
export { type ChaptersInput, type ChaptersLoad, useChapterSnapshot } from './chapters.js'
export {
  type CastlineApi,
  CastlineContext,
  type CastlineContextValue,
  CastlineProvider,
  type CastlineProviderProps,
  type CastlineStores,
  type MediaErrorInfo,
  type MediaView,
  type TranscriptView,
} from './context.js'
export {
  type ActiveCue,
  type FollowModeApi,
  useActiveCue,
  useCastline,
  useCastlineApi,
  useCastlineStore,
  useControllerState,
  useFollowMode,
  useLocale,
  useStoreSelector,
  useTranscriptSync,
} from './hooks.js'
export {
  ReaderSettingsMenu,
  type ReaderSettingsMenuProps,
  useReaderSettings,
} from './reader-settings.js'
export { TranscriptSearch, type TranscriptSearchProps } from './search.js'
export { TranscriptMenu, type TranscriptMenuProps } from './take-away.js'
export { Transcript, type TranscriptProps } from './transcript.js'
export {
  type TranscriptInput,
  type TranscriptLoad,
  TranscriptLoadError,
  type TranscriptParser,
} from './transcript-load.js'
export { type MediaState, useMediaState } from './use-media-state.js'
export type { SearchState } from './use-search-state.js'
