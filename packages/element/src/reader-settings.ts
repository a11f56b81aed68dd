import { h, iconButton, type LabelTexts, setText } from './html.js'
import type { CastlineSession } from './session.js'

/**
 * The player's reader settings, as React's `ReaderSettingsMenu` renders them: a `<details>` ("Aa", named
 * "Reader settings") with smaller and larger text and the size between them, and the "Show timestamps"
 * and "Follow along" checkboxes, over the session's `ReaderSettings` (`@castline/dom`). The transcript
 * applies them (see transcript.ts). Fixed ids: one menu a shadow root.
 */
export function buildReaderSettingsMenu(doc: Document, t: LabelTexts) {
  // "A−" and "A+" are what shows; the names are "Smaller text" and "Larger text" (an aria-label that
  // left the visible text out would fail axe's label-content-name-mismatch).
  const smaller = iconButton(
    doc,
    'castline-reader__smaller',
    'reader-smaller',
    'A−',
    t.text(doc, (l) => l.smallerText),
  ).button
  const larger = iconButton(
    doc,
    'castline-reader__larger',
    'reader-larger',
    'A+',
    t.text(doc, (l) => l.largerText),
  ).button
  const size = h(doc, 'output', { 'aria-live': 'polite' })
  const timestamps = h(doc, 'input', { type: 'checkbox', id: 'castline-reader-timestamps' })
  const follow = h(doc, 'input', { type: 'checkbox', id: 'castline-reader-follow' })
  const details = h(
    doc,
    'details',
    { class: 'castline castline-reader', part: 'reader' },
    t.attr(
      h(
        doc,
        'summary',
        {},
        h(
          doc,
          'span',
          { 'aria-hidden': 'true' },
          t.text(doc, (l) => l.readerButton),
        ),
      ),
      'aria-label',
      (l) => l.readerSettings,
    ),
    h(
      doc,
      'div',
      { class: 'castline-reader__panel' },
      h(
        doc,
        'fieldset',
        { class: 'castline-reader__size' },
        h(
          doc,
          'legend',
          { class: 'castline-reader__heading' },
          t.text(doc, (l) => l.textSize),
        ),
        smaller,
        size,
        larger,
      ),
      h(
        doc,
        'label',
        { for: 'castline-reader-timestamps' },
        timestamps,
        t.text(doc, (l) => l.showTimestamps),
      ),
      h(
        doc,
        'label',
        { for: 'castline-reader-follow' },
        follow,
        t.text(doc, (l) => l.followAlong),
      ),
    ),
  )

  /** Listens to the controls and follows the session's settings. Returns the cleanup. */
  const connect = (session: CastlineSession): (() => void) => {
    const settings = session.readerSettings
    const render = () => {
      const s = settings.getSnapshot()
      setText(size, session.locale.format.percent(Math.round(s.textScale * 100)))
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
    const offLocale = session.on('locale', render)
    render()
    return () => {
      off()
      offLocale()
      smaller.removeEventListener('click', settings.smaller)
      larger.removeEventListener('click', settings.larger)
      timestamps.removeEventListener('change', onTimestamps)
      follow.removeEventListener('change', onFollow)
    }
  }
  return { details, connect }
}
