import { h, iconButton, setText } from './html.js'
import type { CastlineSession } from './session.js'

/**
 * The player's reader settings, as React's `ReaderSettingsMenu` renders them: a `<details>` ("Aa", named
 * "Reader settings") with smaller and larger text and the size between them, and the "Show timestamps"
 * and "Follow along" checkboxes, over the session's `ReaderSettings` (`@castline/dom`). The transcript
 * applies them (see transcript.ts). Fixed ids: one menu a shadow root.
 */
export function buildReaderSettingsMenu(doc: Document) {
  // "A−" and "A+" are what shows; the names are "Smaller text" and "Larger text" (an aria-label that
  // left the visible text out would fail axe's label-content-name-mismatch).
  const smaller = iconButton(doc, 'castline-reader__smaller', 'reader-smaller', 'A−', 'Smaller text').button
  const larger = iconButton(doc, 'castline-reader__larger', 'reader-larger', 'A+', 'Larger text').button
  const size = h(doc, 'output', { 'aria-live': 'polite' })
  const timestamps = h(doc, 'input', { type: 'checkbox', id: 'castline-reader-timestamps' })
  const follow = h(doc, 'input', { type: 'checkbox', id: 'castline-reader-follow' })
  const details = h(
    doc,
    'details',
    { class: 'castline castline-reader', part: 'reader' },
    h(doc, 'summary', { 'aria-label': 'Reader settings' }, h(doc, 'span', { 'aria-hidden': 'true' }, 'Aa')),
    h(
      doc,
      'div',
      { class: 'castline-reader__panel' },
      h(
        doc,
        'fieldset',
        { class: 'castline-reader__size' },
        h(doc, 'legend', { class: 'castline-reader__heading' }, 'Text size'),
        smaller,
        size,
        larger,
      ),
      h(doc, 'label', { for: 'castline-reader-timestamps' }, timestamps, 'Show timestamps'),
      h(doc, 'label', { for: 'castline-reader-follow' }, follow, 'Follow along'),
    ),
  )

  /** Listens to the controls and follows the session's settings. Returns the cleanup. */
  const connect = (session: CastlineSession): (() => void) => {
    const settings = session.readerSettings
    const render = () => {
      const s = settings.getSnapshot()
      setText(size, `${Math.round(s.textScale * 100)}%`)
      smaller.disabled = !settings.canShrink()
      larger.disabled = !settings.canGrow()
      timestamps.checked = s.timestamps
      follow.checked = s.following
    }
    const onTimestamps = () => settings.setTimestamps(timestamps.checked)
    const onFollow = () => settings.setFollowing(follow.checked)
    smaller.addEventListener('click', settings.smaller)
    larger.addEventListener('click', settings.larger)
    timestamps.addEventListener('change', onTimestamps)
    follow.addEventListener('change', onFollow)
    const off = settings.subscribe(render)
    render()
    return () => {
      off()
      smaller.removeEventListener('click', settings.smaller)
      larger.removeEventListener('click', settings.larger)
      timestamps.removeEventListener('change', onTimestamps)
      follow.removeEventListener('change', onFollow)
    }
  }
  return { details, connect }
}
