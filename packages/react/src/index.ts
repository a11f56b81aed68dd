export {
  CastlineContext,
  type CastlineContextValue,
  CastlineProvider,
  type CastlineProviderProps,
  type MediaErrorInfo,
  type TranscriptView,
} from './context.js'
export { linkToTime, parseTimeFragment } from './deep-link.js'
export {
  type ComfortBand,
  DEFAULT_COMFORT_BAND,
  type FollowEvent,
  type FollowState,
  followScrollTarget,
  followTransition,
} from './follow.js'
export {
  type ActiveCue,
  type FollowModeApi,
  useActiveCue,
  useCastline,
  useControllerState,
  useFollowMode,
  useTranscriptSync,
} from './hooks.js'
export { matchCountText, TranscriptSearch, type TranscriptSearchProps } from './search.js'
export { Transcript, type TranscriptProps } from './transcript.js'
export { type UseControllableStateOptions, useControllableState } from './use-controllable-state.js'
export type { SearchState } from './use-search-state.js'
export { type TranscriptInput, type TranscriptLoad, TranscriptLoadError } from './use-transcript-input.js'
