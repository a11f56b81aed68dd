/**
 * Trusted Types for the waveform, on pages that enforce `require-trusted-types-for 'script'`.
 *
 * Castline itself never assigns HTML: transcript text is always rendered as text. wavesurfer.js 8 does,
 * twice: its renderer writes its shadow DOM with `shadowRoot.innerHTML = <its own template>` in the
 * constructor, and clears its canvas holders with `innerHTML = ''` on re-render. Under Trusted Types both
 * assignments throw (Chromium: "This document requires 'TrustedHTML' assignment"), so no waveform is
 * drawn. wavesurfer takes no policy option and its constructor cannot be skipped, so what remains is a
 * default policy, which the browser consults for every string assigned to an HTML sink. This one is as
 * narrow as it can be: it passes the empty string and wavesurfer's template (a style sheet without URLs,
 * imports or escapes, then its five fixed divs), and refuses everything else, so it lets no markup from
 * a transcript, a title or anywhere else through.
 */

const WAVESURFER_TEMPLATE =
  /^\s*<style(?: nonce="[^"<>]*")?>([^<]*)<\/style>\s*<div class="scroll" part="scroll">\s*<div class="wrapper" part="wrapper">\s*<div class="canvases" part="canvases"><\/div>\s*<div class="progress" part="progress"><\/div>\s*<div class="cursor" part="cursor"><\/div>\s*<\/div>\s*<\/div>\s*$/

// CSS that could load something or hide characters from this check.
const UNSAFE_CSS = /url\s*\(|@import|\\|expression\s*\(/i

/** True for the only HTML strings the waveform assigns: "" and wavesurfer's shadow DOM template. */
export function isWaveformMarkup(html: string): boolean {
  if (html === '') return true
  const m = WAVESURFER_TEMPLATE.exec(html)
  return m !== null && !UNSAFE_CSS.test(m[1]!)
}

interface TrustedTypesFactory {
  defaultPolicy: unknown
  createPolicy(name: string, rules: { createHTML(input: string): string | null }): unknown
}

/** Options of `installWaveformTrustedTypes`. */
export interface WaveformTrustedTypesOptions {
  /**
   * Other fixed markup of the page's own that the same default policy must pass (a page has only one
   * default policy): return true for exactly those strings. Keep it as narrow as `isWaveformMarkup`.
   */
  alsoAllow?: (html: string) => boolean
}

/**
 * Installs a default Trusted Types policy that accepts only the waveform's own markup (`isWaveformMarkup`)
 * and what `options.alsoAllow` accepts, and refuses the rest. Call it once at startup on a page that
 * enforces Trusted Types; its CSP must allow the policy name `default` when it lists `trusted-types`.
 * Returns `unsupported` without Trusted Types, and `existing` when the page has its own default policy
 * (which must then pass those two strings).
 */
export function installWaveformTrustedTypes(
  options: WaveformTrustedTypesOptions = {},
): 'installed' | 'existing' | 'unsupported' {
  const factory = (globalThis as { trustedTypes?: TrustedTypesFactory }).trustedTypes
  if (factory === undefined) return 'unsupported'
  if (factory.defaultPolicy !== null && factory.defaultPolicy !== undefined) return 'existing'
  // Returning null blocks the assignment and reports the violation as if there were no policy.
  const { alsoAllow } = options
  factory.createPolicy('default', {
    createHTML: (input) => (isWaveformMarkup(input) || alsoAllow?.(input) === true ? input : null),
  })
  return 'installed'
}
