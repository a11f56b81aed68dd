export {
  CastlineContext,
  type CastlineContextValue,
  CastlineProvider,
  type CastlineProviderProps,
  type MediaErrorInfo,
  type TranscriptView,
} from './context.js'
export {
  DEFAULT_PLAYBACK_RATES,
  formatRate,
  PlayerControls,
  type PlayerControlsProps,
} from './controls.js'
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
export {
  type PlayerShortcut,
  playerShortcutFor,
  type ShortcutKeyEvent,
  usePlayerShortcuts,
} from './keyboard.js'
export { TranscriptPlayer, type TranscriptPlayerProps } from './player.js'
export { matchCountText, TranscriptSearch, type TranscriptSearchProps } from './search.js'
export { Transcript, type TranscriptProps } from './transcript.js'
export {
  installWaveformTrustedTypes,
  isWaveformMarkup,
  type WaveformTrustedTypesOptions,
} from './trusted-types.js'
export { type UseControllableStateOptions, useControllableState } from './use-controllable-state.js'
export { INITIAL_MEDIA_STATE, type MediaState, type MediaStore, useMediaState } from './use-media-state.js'
export { type PeaksInput, type PeaksLoad, usePeaks } from './use-peaks.js'
export type { SearchState } from './use-search-state.js'
export { type TranscriptInput, type TranscriptLoad, TranscriptLoadError } from './use-transcript-input.js'
export {
  seekValueText,
  sliderKeyTarget,
  WAVEFORM_PAGE,
  WAVEFORM_STEP,
  Waveform,
  type WaveformProps,
} from './waveform.js'
