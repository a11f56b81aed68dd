/**
 * A stand-in for wavesurfer.js in jsdom (which has no canvas): it records what a waveform asks of it.
 * Use with `vi.mock('wavesurfer.js', () => import('./fake-wavesurfer.js'))`, or hand `FakeWaveSurfer`'s
 * module to `WaveformView`'s `loadWaveSurfer` option.
 */
import type { WaveSurferOptions } from 'wavesurfer.js'

/** Every instance created since the last `resetWaveSurfers()`, in order. */
export const instances: FakeWaveSurfer[] = []

/** Forgets the recorded instances. */
export function resetWaveSurfers(): void {
  instances.length = 0
}

export class FakeWaveSurfer {
  static create(options: WaveSurferOptions): FakeWaveSurfer {
    const ws = new FakeWaveSurfer(options)
    instances.push(ws)
    return ws
  }

  readonly options: WaveSurferOptions
  destroyed = false
  readonly loads: { url: string; peaks: WaveSurferOptions['peaks']; duration: number | undefined }[] = []
  readonly setOptionsCalls: Partial<WaveSurferOptions>[] = []
  private readonly host: HTMLElement

  constructor(options: WaveSurferOptions) {
    this.options = options
    this.host = document.createElement('div')
    this.host.className = 'fake-wavesurfer'
    ;(options.container as HTMLElement).appendChild(this.host)
  }

  on(_event: string, _fn: (...args: unknown[]) => void): () => void {
    return () => {}
  }

  load(url: string, peaks?: WaveSurferOptions['peaks'], duration?: number): Promise<void> {
    this.loads.push({ url, peaks, duration })
    return Promise.resolve()
  }

  setOptions(options: Partial<WaveSurferOptions>): void {
    this.setOptionsCalls.push(options)
  }

  destroy(): void {
    this.destroyed = true
    this.host.remove()
  }
}

export default FakeWaveSurfer
