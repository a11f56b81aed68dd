import { type ReaderSettingsSnapshot, readerSettingsAttributes } from '@castline/dom'
import { type CSSProperties, type ReactNode, useId, useSyncExternalStore } from 'react'
import { useCastlineApi, useLocale } from './hooks.js'

/**
 * The reader settings in force (`@castline/dom`'s `ReaderSettings`): text size, timestamps, follow along.
 * A server and a hydrating client read the defaults (the server knows no kept size); the kept ones follow.
 */
export function useReaderSettings(): ReaderSettingsSnapshot {
  const { readerSettings } = useCastlineApi()
  return useSyncExternalStore(
    readerSettings.subscribe,
    readerSettings.getSnapshot,
    readerSettings.getServerSnapshot,
  )
}

/** The transcript root's props for the settings: `--castline-text-scale` and `data-timestamps`. */
export function readerSettingsProps(
  settings: ReaderSettingsSnapshot,
  style: CSSProperties | undefined,
): { style: CSSProperties; 'data-timestamps': 'shown' | 'hidden' } {
  const { scale, timestamps } = readerSettingsAttributes(settings)
  return {
    style: { ...style, '--castline-text-scale': scale } as CSSProperties,
    'data-timestamps': timestamps,
  }
}

/** Props of `<ReaderSettingsMenu>`. */
export interface ReaderSettingsMenuProps {
  /** Opens the panel at first (default closed). */
  defaultOpen?: boolean | undefined
  /** Extra class names (it always has `castline castline-reader`). */
  className?: string | undefined
}

/**
 * The reader settings as a disclosure ("Aa", named "Reader settings"): smaller and larger text with the
 * size in between, "Show timestamps" and "Follow along" checkboxes. The text size and timestamps are kept
 * for the next visit (`castline:reader-settings` in localStorage).
 */
export function ReaderSettingsMenu(props: ReaderSettingsMenuProps): ReactNode {
  const { readerSettings } = useCastlineApi()
  const settings = useReaderSettings()
  const { labels, format } = useLocale()
  const id = useId()
  const className =
    props.className === undefined ? 'castline castline-reader' : `castline castline-reader ${props.className}`
  return (
    <details className={className} open={props.defaultOpen}>
      <summary aria-label={labels.readerSettings}>
        <span aria-hidden="true">{labels.readerButton}</span>
      </summary>
      <div className="castline-reader__panel">
        <fieldset className="castline-reader__size">
          <legend className="castline-reader__heading">{labels.textSize}</legend>
          {/* "A−" shows, "Smaller text" names it (axe: a name must contain the visible text, so no aria-label). */}
          <button
            type="button"
            className="castline-reader__smaller"
            onClick={readerSettings.smaller}
            disabled={!readerSettings.canShrink()}
          >
            <span aria-hidden="true">A−</span>
            <span className="castline-visually-hidden">{labels.smallerText}</span>
          </button>
          <output aria-live="polite">{format.percent(Math.round(settings.textScale * 100))}</output>
          <button
            type="button"
            className="castline-reader__larger"
            onClick={readerSettings.larger}
            disabled={!readerSettings.canGrow()}
          >
            <span aria-hidden="true">A+</span>
            <span className="castline-visually-hidden">{labels.largerText}</span>
          </button>
        </fieldset>
        <label htmlFor={`${id}-t`}>
          <input
            id={`${id}-t`}
            type="checkbox"
            checked={settings.timestamps}
            onChange={(e) => readerSettings.setTimestamps(e.currentTarget.checked)}
          />
          {labels.showTimestamps}
        </label>
        <label htmlFor={`${id}-f`}>
          <input
            id={`${id}-f`}
            type="checkbox"
            checked={settings.following}
            onChange={(e) => readerSettings.setFollowing(e.currentTarget.checked)}
          />
          {labels.followAlong}
        </label>
      </div>
    </details>
  )
}
