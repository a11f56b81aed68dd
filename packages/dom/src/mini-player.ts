import type { MediaStore } from './media-store.js'

/**
 * When the mini player shows: a compact bar (play/pause, time, chapter) fixed at the viewport's bottom
 * while the player's own controls are scrolled out of view during playback. Both renderers draw the bar
 * from `MiniPlayerState`'s snapshot; the rule lives here once.
 */

/** The `IntersectionObserver` constructor's shape (injected, so that jsdom tests drive it by hand). */
export type IntersectionObserverLike = new (
  callback: (entries: readonly Pick<IntersectionObserverEntry, 'isIntersecting' | 'target'>[]) => void,
  options?: IntersectionObserverInit,
) => Pick<IntersectionObserver, 'observe' | 'disconnect'>

/** Options of a `MiniPlayerState`. */
export interface MiniPlayerOptions {
  /** Its `paused` field says whether playback started. */
  store: MediaStore
  /** Default: the global one. Without any (a server, an old browser) the bar never shows. */
  IntersectionObserver?: IntersectionObserverLike | undefined
}

/**
 * Whether to show the mini player: the controls are out of view and playback has started (playing now,
 * or played and paused since, so that the bar's button can resume). `mount(controls)` watches the
 * controls and the store and returns the cleanup; `subscribe`/`getSnapshot` give the boolean.
 */
export class MiniPlayerState {
  private readonly options: MiniPlayerOptions
  private controlsInView = true
  private played = false
  private visible = false
  private readonly listeners = new Set<() => void>()

  constructor(options: MiniPlayerOptions) {
    this.options = options
  }

  getSnapshot = (): boolean => this.visible

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    return () => {
      this.listeners.delete(listener)
    }
  }

  /** Watches `controls` (the player's main controls) and playback. Returns the cleanup, which hides the bar. */
  mount(controls: Element): () => void {
    const { store } = this.options
    const Observer =
      this.options.IntersectionObserver ??
      (globalThis.IntersectionObserver as IntersectionObserverLike | undefined)
    this.played = !store.getSnapshot().paused
    const stopStore = store.select(
      (s) => s.paused,
      (paused) => {
        if (!paused) this.played = true
        this.update()
      },
    )
    let observer: Pick<IntersectionObserver, 'observe' | 'disconnect'> | null = null
    if (Observer !== undefined) {
      observer = new Observer((entries) => {
        // The last entry for the controls is their state now (several may come in one batch).
        for (const entry of entries) if (entry.target === controls) this.controlsInView = entry.isIntersecting
        this.update()
      })
      observer.observe(controls)
    }
    this.update()
    return () => {
      stopStore()
      observer?.disconnect()
      this.controlsInView = true
      this.update()
    }
  }

  private update(): void {
    const visible = this.played && !this.controlsInView
    if (visible === this.visible) return
    this.visible = visible
    for (const listener of [...this.listeners]) listener()
  }
}
