/**
 * Storybook's own markup on a preview page that enforces `require-trusted-types-for 'script'`.
 *
 * Besides wavesurfer's template (which `installWaveformTrustedTypes` passes), the preview assigns two
 * HTML strings on every story: Storybook's highlight clears its menu with `innerHTML = ''` (passed
 * already: the empty string), and the a11y addon's vision simulator decorator inserts a fixed SVG of
 * colour filters with `document.body.insertAdjacentHTML` (its `filterDefs`, not exported). This accepts
 * exactly that shape: an `<svg id="storybook-a11y-vision-filters">` made only of svg, defs, filter and
 * feColorMatrix elements, with only their presentational attributes and values without parentheses,
 * quotes or angle brackets (so no url(), no event handler, no link), and nothing but white space between
 * the tags.
 */

const TAG = /<\/?(svg|defs|filter|feColorMatrix)((?:\s+[a-z][\w-]*="[^"<>]*")*)\s*\/?>/gi
const ATTRIBUTE = /\s+([a-z][\w-]*)="([^"<>]*)"/gi
const ATTRIBUTES = new Set([
  'id',
  'aria-hidden',
  'color-interpolation-filters',
  'style',
  'in',
  'type',
  'values',
])
const VALUE = /^[\w\s.,:;%-]*$/

/** True for the a11y addon's vision filter SVG and nothing else. */
export function isStorybookVisionFilters(html: string): boolean {
  if (!html.startsWith('<svg id="storybook-a11y-vision-filters"')) return false
  let ok = true
  const rest = html.replace(TAG, (_tag, _name: string, attributes: string) => {
    for (const [, name, value] of attributes.matchAll(ATTRIBUTE)) {
      if (!ATTRIBUTES.has(name!) || !VALUE.test(value!)) ok = false
    }
    return ''
  })
  return ok && rest.trim() === ''
}
