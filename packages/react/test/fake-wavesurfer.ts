/**
 * The stand-in for wavesurfer.js that @castline/dom's tests use (packages/dom/test/fake-wavesurfer.ts):
 * `<Waveform>` draws through `WaveformView`, so both packages' tests record the same instances.
 * Use with `vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))`.
 */
export * from '../../dom/test/fake-wavesurfer.js'
export { default } from '../../dom/test/fake-wavesurfer.js'
