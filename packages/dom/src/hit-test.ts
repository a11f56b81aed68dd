import type { Cue } from '@castline/core'
import { tokenAtOffset, tokenizeCue } from './line-text.js'

/** Where a point falls in the text: a text node and the character offset in it. */
interface Caret {
  node: Node
  offset: number
}

/** The caret position under a viewport point, by whichever of the two standard calls the browser has. */
export function caretAt(doc: Document, x: number, y: number): Caret | null {
  const d = doc as Document & {
    caretPositionFromPoint?: (x: number, y: number) => { offsetNode: Node; offset: number } | null
    caretRangeFromPoint?: (x: number, y: number) => Range | null
  }
  if (typeof d.caretPositionFromPoint === 'function') {
    const pos = d.caretPositionFromPoint(x, y)
    return pos === null ? null : { node: pos.offsetNode, offset: pos.offset }
  }
  if (typeof d.caretRangeFromPoint === 'function') {
    const r = d.caretRangeFromPoint(x, y)
    return r === null ? null : { node: r.startContainer, offset: r.startOffset }
  }
  return null
}

/**
 * The timed word of `cue` under the point (`x`, `y`) in `text`, the element holding the line's text, or
 * -1. A line that wraps its words in `[data-word]` spans answers by the span under `target`; otherwise
 * the caret under the point is turned into a character offset and that into a word of `cue.text`.
 */
export function wordAtPoint(text: Element, cue: Cue, target: Element, x: number, y: number): number {
  const span = target.closest<HTMLElement>('[data-word]')
  if (span !== null && text.contains(span)) return Number(span.dataset.word)
  if (!text.contains(target)) return -1
  const doc = text.ownerDocument
  const caret = caretAt(doc, x, y)
  if (caret === null || !text.contains(caret.node)) return -1
  // Character offset of the caret inside the line's text.
  let offset = 0
  const walker = doc.createTreeWalker(text, 4 /* NodeFilter.SHOW_TEXT */)
  for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
    if (node === caret.node) {
      offset += caret.offset
      break
    }
    offset += node.textContent?.length ?? 0
  }
  const tokens = tokenizeCue(cue)
  const token = tokenAtOffset(tokens, offset)
  return token >= 0 ? (tokens[token]?.word ?? -1) : -1
}
