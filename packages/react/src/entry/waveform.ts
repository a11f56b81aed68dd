'use client'

/**
 * `@castline/react/waveform`: `<Waveform>`, a wavesurfer.js waveform that seeks the provider's audio,
 * with the peaks loader it uses and the Trusted Types policy for wavesurfer's markup. wavesurfer.js is an
 * optional peer dependency: only a site that imports this entry needs it.
 * A client module ('use client'), as every entry is (see src/index.ts).
 */
export {
  installWaveformTrustedTypes,
  isWaveformMarkup,
  type WaveformTrustedTypesOptions,
} from '../trusted-types.js'
export { type PeaksInput, type PeaksLoad, usePeaks } from '../use-peaks.js'
export {
  seekValueText,
  sliderKeyTarget,
  WAVEFORM_PAGE,
  WAVEFORM_STEP,
  Waveform,
  type WaveformProps,
} from '../waveform.js'
