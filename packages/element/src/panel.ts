import type { Chapter } from '@castline/core/chapters'
import { distinctSpeakers, type Labels } from '@castline/dom'
import { drawChapterList } from './controls.js'
import { h, type LabelTexts } from './html.js'
import type { CastlineSession } from './session.js'
import { showSpeaker } from './transcript.js'

/**
 * The panel layout's chapters and speakers, as React's `PanelLists` renders them: the chapter list open
 * (the controls' list, `drawChapterList`; styles.ts hides the controls' disclosure meanwhile) and each
 * speaker once with avatar, name and role as at a change of speaker in the transcript (`showSpeaker`).
 * The player puts `parts` before its panel's tools, in the panel layout only; styles.ts shows them only
 * while the panel is beside the transcript (52rem of player width). `connect` returns the cleanup.
 */
export function buildPanelLists(doc: Document, t: LabelTexts) {
  // One panel a shadow root, so fixed ids are unique where the labels look.
  const labelled = <K extends 'ol' | 'ul'>(
    tag: K,
    name: string,
    className: string,
    pick: (l: Labels) => string,
  ) => {
    const list = h(doc, tag, { 'aria-labelledby': `castline-panel-${name}` })
    const part = h(
      doc,
      'div',
      { class: className, part: `panel-${name}` },
      h(doc, 'p', { class: 'castline-highlights__label', id: `castline-panel-${name}` }, t.text(doc, pick)),
      list,
    )
    return [part, list] as const
  }
  const [chapters, chapterList] = labelled(
    'ol',
    'chapters',
    'castline-player__chapters castline-controls__chapter-list',
    (l) => l.chapters,
  )
  const [speakers, speakerList] = labelled('ul', 'speakers', 'castline-player__speakers', (l) => l.speakers)
  return {
    parts: [chapters, speakers] as const,
    connect(session: CastlineSession): () => void {
      let drawn: readonly Chapter[] | null = null
      const renderChapters = () => {
        drawn = drawChapterList(chapterList, session, drawn)
        chapters.hidden = drawn.length === 0
      }
      const renderSpeakers = () => {
        const shown = distinctSpeakers(session.speakers)
        speakers.hidden = shown.length === 0
        speakerList.replaceChildren(
          ...shown.map((speaker) => {
            const label = h(doc, 'span', {})
            showSpeaker(label, speaker.label, speaker)
            return h(doc, 'li', {}, label)
          }),
        )
      }
      // 'chapters' also tells of each move of the chapter playing; a new transcript brings new speakers.
      const offChapters = session.on('chapters', renderChapters)
      const offSpeakers = session.on('speakers', renderSpeakers)
      const offTranscript = session.on('transcript', renderSpeakers)
      // The chapters' times in the new locale's digits.
      const offLocale = session.on('locale', () => {
        drawn = null
        renderChapters()
      })
      renderChapters()
      renderSpeakers()
      return () => {
        offChapters()
        offSpeakers()
        offTranscript()
        offLocale()
      }
    },
  }
}
