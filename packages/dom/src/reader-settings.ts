import type { FollowMode } from './follow-mode.js'

/**
 * Reader settings, shared by both renderers' "Aa" disclosure: the transcript's text size (kept between
 * visits), timestamps shown or hidden, and follow along on or off (which is the player's `FollowMode`).
 */

/** The text sizes offered, as factors of the transcript's own size (87.5% to 150%). */
export const TEXT_SCALES: readonly number[] = Object.freeze([0.875, 1, 1.125, 1.25, 1.5])

/** The `localStorage` key under which the text size and the timestamps choice are kept (JSON). */
export const READER_SETTINGS_STORAGE_KEY = 'castline:reader-settings'

/** What the settings are now: frozen, a new object per change. */
export interface ReaderSettingsSnapshot {
  /** One of `TEXT_SCALES`. */
  readonly textScale: number
  /** Whether each line shows its timestamp (hidden ones stay in the accessibility tree as seek buttons). */
  readonly timestamps: boolean
  /** Whether the transcript follows the audio: the `FollowMode`'s state. */
  readonly following: boolean
}

/** Options of `ReaderSettings`. */
export interface ReaderSettingsOptions {
  /** Follow along: read from and set on it. */
  follow: FollowMode
  /** Where the settings are kept (default `localStorage`; null keeps nothing). Failures are ignored. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null | undefined
}

const DEFAULTS = { textScale: 1, timestamps: true }

/** The kept settings, or the defaults: unreadable storage or a value that is not ours gives the defaults. */
export function storedReaderSettings(storage?: Pick<Storage, 'getItem'> | null): {
  textScale: number
  timestamps: boolean
} {
  let raw: string | null = null
  try {
    raw =
      (storage === undefined ? globalThis.localStorage : storage)?.getItem(READER_SETTINGS_STORAGE_KEY) ??
      null
  } catch {
    return { ...DEFAULTS }
  }
  if (raw === null) return { ...DEFAULTS }
  let parsed: unknown
  try {
    parsed = JSON.parse(raw)
  } catch {
    return { ...DEFAULTS }
  }
  const value = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>
  return {
    // Only an offered size is taken: a hand-edited 40 would make the transcript unreadable.
    textScale:
      typeof value.textScale === 'number' && TEXT_SCALES.includes(value.textScale)
        ? value.textScale
        : DEFAULTS.textScale,
    timestamps: typeof value.timestamps === 'boolean' ? value.timestamps : DEFAULTS.timestamps,
  }
}

/**
 * The reader settings as a small store: `subscribe`/`getSnapshot` (for `useSyncExternalStore` and the
 * element), requests `setTextScale`, `larger`, `smaller`, `setTimestamps`, `setFollowing`. The text size
 * and timestamps are kept in storage on each change; follow along is the `FollowMode`'s own state.
 * `mount()` listens to the follow mode and returns the cleanup.
 */
export class ReaderSettings {
  private readonly options: ReaderSettingsOptions
  private kept: { textScale: number; timestamps: boolean }
  private snapshot: ReaderSettingsSnapshot
  private readonly listeners = new Set<() => void>()

  constructor(options: ReaderSettingsOptions) {
    this.options = options
    this.kept = storedReaderSettings(this.storage())
    this.snapshot = this.compute()
  }

  getSnapshot = (): ReaderSettingsSnapshot => {
    // The follow mode may have moved while nobody listened here: read it on demand.
    if (this.snapshot.following !== this.options.follow.getSnapshot()) this.snapshot = this.compute()
    return this.snapshot
  }

  /**
   * The defaults, with follow mode's state: what a server renders (it knows no kept settings), so that a
   * hydrating client renders the same and takes the kept ones after hydration (React's server snapshot).
   */
  getServerSnapshot = (): ReaderSettingsSnapshot => {
    const following = this.options.follow.getSnapshot()
    if (this.server?.following !== following) this.server = Object.freeze({ ...DEFAULTS, following })
    return this.server
  }
  private server: ReaderSettingsSnapshot | null = null

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener)
    const stop = this.options.follow.subscribe(() => this.refresh())
    return () => {
      this.listeners.delete(listener)
      stop()
    }
  }

  /** Whether a larger or a smaller text size is left. */
  canGrow(): boolean {
    return this.kept.textScale < TEXT_SCALES[TEXT_SCALES.length - 1]!
  }
  canShrink(): boolean {
    return this.kept.textScale > TEXT_SCALES[0]!
  }

  /** The next larger offered size (nothing at the largest). */
  larger = (): void => {
    const next = TEXT_SCALES.find((s) => s > this.kept.textScale)
    if (next !== undefined) this.setTextScale(next)
  }

  /** The next smaller offered size (nothing at the smallest). */
  smaller = (): void => {
    const next = [...TEXT_SCALES].reverse().find((s) => s < this.kept.textScale)
    if (next !== undefined) this.setTextScale(next)
  }

  /** Sets the text size: one of `TEXT_SCALES` (another value is a `RangeError`, not a silent clamp). */
  setTextScale(scale: number): void {
    if (!TEXT_SCALES.includes(scale)) {
      throw new RangeError(`castline: text scale ${scale} is not one of ${TEXT_SCALES.join(', ')}`)
    }
    this.keep({ ...this.kept, textScale: scale })
  }

  setTimestamps = (shown: boolean): void => {
    this.keep({ ...this.kept, timestamps: shown })
  }

  /** Follow along on or off: the follow mode's `set` event (a later seek or "jump" follows again, as always). */
  setFollowing = (following: boolean): void => {
    this.options.follow.dispatch({ type: 'set', following })
  }

  private storage(): Pick<Storage, 'getItem' | 'setItem'> | null {
    if (this.options.storage !== undefined) return this.options.storage
    try {
      return globalThis.localStorage ?? null
    } catch {
      // Reading `localStorage` itself throws where storage is blocked.
      return null
    }
  }

  private keep(next: { textScale: number; timestamps: boolean }): void {
    if (next.textScale === this.kept.textScale && next.timestamps === this.kept.timestamps) return
    this.kept = next
    try {
      this.storage()?.setItem(READER_SETTINGS_STORAGE_KEY, JSON.stringify(next))
    } catch {
      // Not kept (private mode, full, blocked): the settings still hold for this page.
    }
    this.refresh()
  }

  private compute(): ReaderSettingsSnapshot {
    return Object.freeze({ ...this.kept, following: this.options.follow.getSnapshot() })
  }

  private refresh(): void {
    const next = this.compute()
    const now = this.snapshot
    if (
      next.textScale === now.textScale &&
      next.timestamps === now.timestamps &&
      next.following === now.following
    )
      return
    this.snapshot = next
    for (const listener of [...this.listeners]) listener()
  }
}

/** The transcript root's style and attribute for the settings: `--castline-text-scale` and `data-timestamps`. */
export function readerSettingsAttributes(
  settings: Pick<ReaderSettingsSnapshot, 'textScale' | 'timestamps'>,
): {
  scale: string
  timestamps: 'shown' | 'hidden'
} {
  return { scale: String(settings.textScale), timestamps: settings.timestamps ? 'shown' : 'hidden' }
}
