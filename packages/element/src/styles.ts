/**
 * The elements' CSS, as a string in the code so that one script (or one `import`) brings it, and each
 * shadow root adopts it (a constructed style sheet shared by every root, or a `<style>` where the browser
 * has no constructable style sheets).
 *
 * The theme: each colour, font and size reads a `--castline-*` custom property with the default as its
 * fallback (`var(--castline-accent, #2454c5)`), through a private `--_*` property per host. A site sets
 * `--castline-*` anywhere above the element (`:root`, a wrapper, the element itself) and it inherits into
 * the shadow roots; the defaults never override it. `data-theme="dark|light"` on the element or an
 * ancestor of it (or the system's colour scheme) picks the dark or light defaults.
 */

const LIGHT = `
  --_bg: var(--castline-bg, #ffffff);
  --_fg: var(--castline-fg, #1b1b1f);
  --_muted: var(--castline-muted, #5c5f66);
  --_border: var(--castline-border, #d9dbe0);
  --_accent: var(--castline-accent, #2454c5);
  --_active-bg: var(--castline-active-bg, #eaf0fd);
  --_active-fg: var(--castline-active-fg, #10131a);
  --_word-bg: var(--castline-word-bg, #ffe27a);
  --_word-fg: var(--castline-word-fg, #10131a);
  --_match-bg: var(--castline-match-bg, #fff1a8);
  --_match-current-bg: var(--castline-match-current-bg, #ffb347);
  --_focus: var(--castline-focus-ring, #2454c5);
  --_error-bg: var(--castline-error-bg, #fdecec);
  --_error-fg: var(--castline-error-fg, #8a1c1c);
  --_error-border: var(--castline-error-border, #e7a3a3);`

const DARK = `
  --_bg: var(--castline-bg, #16171b);
  --_fg: var(--castline-fg, #e6e7eb);
  --_muted: var(--castline-muted, #a3a7b0);
  --_border: var(--castline-border, #34363d);
  --_accent: var(--castline-accent, #8fb0ff);
  --_active-bg: var(--castline-active-bg, #23304d);
  --_active-fg: var(--castline-active-fg, #f4f6fb);
  --_word-bg: var(--castline-word-bg, #8a6d00);
  --_word-fg: var(--castline-word-fg, #ffffff);
  --_match-bg: var(--castline-match-bg, #5c4d00);
  --_match-current-bg: var(--castline-match-current-bg, #a35a00);
  --_focus: var(--castline-focus-ring, #8fb0ff);
  --_error-bg: var(--castline-error-bg, #3a1d1f);
  --_error-fg: var(--castline-error-fg, #ffd5d5);
  --_error-border: var(--castline-error-border, #7a3a3d);`

/** The style sheet of every Castline shadow root. */
export const CSS = `
:host {${LIGHT}
  --_radius: var(--castline-radius, 0.375rem);
  --_row-padding: var(--castline-row-padding, 0.375rem 0.75rem);
  --_time-font: var(--castline-time-font, ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace);
  display: block;
  color: var(--_fg);
  font-family: var(--castline-font-family, system-ui, -apple-system, "Segoe UI", Roboto, sans-serif);
  font-size: var(--castline-font-size, 1rem);
  line-height: var(--castline-line-height, 1.5);
}
@media (prefers-color-scheme: dark) { :host {${DARK} } }
:host-context([data-theme="dark"]) {${DARK} }
:host-context([data-theme="light"]) {${LIGHT} }
:host([data-theme="dark"]) {${DARK} }
:host([data-theme="light"]) {${LIGHT} }
:host([hidden]) { display: none; }
.castline { color: var(--_fg); background: var(--castline-bg, transparent); }
.castline-visually-hidden {
  position: absolute; width: 1px; height: 1px; margin: -1px; padding: 0; overflow: hidden;
  clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
:focus-visible { outline: 2px solid var(--_focus); outline-offset: 1px; }
button, input, select { font: inherit; color: inherit; }

.castline-transcript {
  position: relative; display: flex; flex-direction: column;
  border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg);
}
.castline-transcript__viewport {
  height: var(--castline-transcript-height, 28rem);
  overflow-y: auto; overscroll-behavior: contain; overflow-anchor: none;
}
.castline-transcript__list { position: relative; width: 100%; margin: 0; padding: 0; list-style: none; }
.castline-transcript__status { margin: 0; padding: var(--_row-padding); color: var(--_muted); }
.castline-transcript__status[role="alert"] { color: var(--_error-fg); background: var(--_error-bg); }
.castline-line {
  position: absolute; top: 0; left: 0; width: 100%; box-sizing: border-box;
  display: grid; grid-template-columns: auto 1fr auto; column-gap: var(--castline-row-gap, 0.75rem);
  align-items: baseline; padding: var(--_row-padding); border-radius: var(--_radius); cursor: pointer;
}
.castline-transcript__list[data-static] .castline-line { position: relative; }
.castline-line:hover { background: color-mix(in srgb, var(--_active-bg) 50%, transparent); }
.castline-line--active { background: var(--_active-bg); color: var(--_active-fg); }
.castline-line--active::before {
  content: ""; position: absolute; left: 0; top: 0; bottom: 0; width: 3px; border-radius: 2px;
  background: var(--_accent); transform-origin: top; transform: scaleY(var(--castline-progress, 1));
}
.castline-line__time {
  font-family: var(--_time-font); font-size: 0.8125em; font-variant-numeric: tabular-nums;
  color: var(--_muted); background: none; border: 0; border-radius: calc(var(--_radius) / 2);
  padding: 0 0.25rem; cursor: pointer;
}
.castline-line__time:hover { color: var(--_accent); text-decoration: underline; }
.castline-line__body { min-width: 0; }
.castline-line__speaker { display: block; font-weight: 600; font-size: 0.875em; }
.castline-line__text { overflow-wrap: anywhere; }
.castline-line__copy {
  font-size: 0.75em; color: var(--_muted); background: none; border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2); padding: 0 0.375rem; cursor: pointer; opacity: 0;
}
.castline-line:hover .castline-line__copy, .castline-line:focus-within .castline-line__copy { opacity: 1; }
.castline-word { border-radius: 0.2em; }
.castline-word--spoken {
  background: var(--_word-bg); color: var(--_word-fg); box-shadow: 0 0 0 0.1em var(--_word-bg);
}
.castline-match { background: var(--_match-bg); color: inherit; border-radius: 0.15em; }
.castline-match--current { background: var(--_match-current-bg); outline: 2px solid var(--_match-current-bg); }
.castline-jump {
  position: absolute; left: 50%; bottom: 0.75rem; transform: translateX(-50%); z-index: 1;
  display: inline-flex; align-items: center; gap: 0.375rem; font-size: 0.875em; color: var(--_bg);
  background: var(--_accent); border: 0; border-radius: 999px; padding: 0.375rem 0.875rem;
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); cursor: pointer;
}
.castline-jump--up { top: 0.75rem; bottom: auto; }

.castline-search { display: flex; flex-wrap: wrap; align-items: center; gap: 0.375rem; padding: 0.375rem; }
.castline-search__input {
  flex: 1 1 12rem; min-width: 0; background: var(--_bg); border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2); padding: 0.25rem 0.5rem;
}
.castline-search__count { font-size: 0.875em; color: var(--_muted); font-variant-numeric: tabular-nums; min-width: 5.5em; }
.castline-search__button {
  background: none; border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2);
  padding: 0.125rem 0.5rem; cursor: pointer;
}
.castline-search__button:disabled { opacity: 0.45; cursor: default; }

.castline-player { container: castline-player / inline-size; }
.castline-player__layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--castline-player-gap, 1rem); }
@container castline-player (min-width: 700px) {
  .castline-player__layout { grid-template-columns: minmax(16rem, 2fr) minmax(0, 3fr); align-items: start; }
}
.castline-player__main, .castline-player__side { display: flex; flex-direction: column; gap: 0.75rem; min-width: 0; }
.castline-player__title { margin: 0; font-size: 1.25em; line-height: 1.3; }

.castline-waveform { position: relative; border-radius: var(--_radius); cursor: pointer; touch-action: pan-y; }
.castline-waveform:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.castline-waveform__wave { width: 100%; }
.castline-waveform--loading .castline-waveform__wave { opacity: 0.5; }
.castline-waveform__message {
  position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; margin: 0;
  padding: 0 0.75rem; font-size: 0.875em; text-align: center; color: var(--_muted);
  border: 1px dashed var(--_border); border-radius: var(--_radius);
}

.castline-controls { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; }
.castline-controls__transport, .castline-controls__settings { display: flex; align-items: center; gap: 0.375rem; }
.castline-controls__button {
  display: inline-flex; align-items: center; justify-content: center; min-width: 2.5rem; min-height: 2.5rem;
  padding: 0.25rem; background: none; border: 1px solid var(--_border); border-radius: 999px; cursor: pointer;
}
.castline-controls__button:hover:not(:disabled) { color: var(--_accent); border-color: var(--_accent); }
.castline-controls__button:disabled { opacity: 0.45; cursor: default; }
.castline-controls__play { min-width: 3rem; min-height: 3rem; color: var(--_bg); background: var(--_accent); border-color: var(--_accent); }
.castline-controls__play:hover:not(:disabled) { color: var(--_bg); filter: brightness(1.1); }
.castline-controls__time { margin: 0; font-family: var(--_time-font); font-size: 0.875em; font-variant-numeric: tabular-nums; color: var(--_muted); }
.castline-controls__rate {
  font-size: 0.875em; background: var(--_bg); border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2); padding: 0.25rem 0.375rem;
}
.castline-controls__volume { width: 6rem; accent-color: var(--_accent); }
.castline-controls__status { flex-basis: 100%; margin: 0; font-size: 0.875em; color: var(--_muted); }
.castline-controls__error {
  flex-basis: 100%; margin: 0; padding: 0.5rem 0.75rem; color: var(--_error-fg); background: var(--_error-bg);
  border: 1px solid var(--_error-border); border-radius: var(--_radius);
}
.castline-line__ad {
  grid-column: 1 / -1; margin: 0.25rem 0 0.375rem; padding: 0.25rem 0.5rem; border: 1px dashed currentColor;
  border-radius: var(--_radius); font-size: 0.875em;
}
.castline-transcript__list[data-ad-break] .castline-line--active { background: none; color: inherit; }
.castline-transcript__list[data-ad-break] .castline-line--active::before { display: none; }
.castline-line__ad--current { background: var(--_active-bg); color: var(--_active-fg); border-style: solid; }
.castline-line__chapter { margin: 0.25rem 0 0.375rem; font-size: 1em; font-weight: 600; line-height: 1.4; }
.castline-transcript__chapter {
  box-sizing: border-box; height: 2rem; margin: 0; padding: 0.375rem 0.75rem; font-size: 0.875em; font-weight: 600; border-bottom: 1px solid var(--_border);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.castline-transcript__chapter + .castline-transcript__viewport { height: calc(var(--castline-transcript-height, 28rem) - 2rem); }
.castline-waveform__chapters { position: relative; height: 1rem; margin: 0.25rem 0 0; padding: 0; list-style: none; }
.castline-waveform__chapter { position: absolute; top: 0; transform: translateX(-50%); }
.castline-waveform__marker {
  display: block; width: 0.75rem; height: 0.75rem; padding: 0; border: 2px solid var(--_bg); border-radius: 50%;
  background: var(--_accent); cursor: pointer;
}
.castline-waveform__marker:focus-visible { outline: 2px solid var(--_focus); outline-offset: 1px; }
.castline-waveform__tip {
  position: absolute; bottom: 1.25rem; left: 50%; transform: translateX(-50%); padding: 0.125rem 0.375rem;
  font-size: 0.75em; white-space: nowrap; color: var(--_bg); background: var(--_fg);
  border-radius: calc(var(--_radius) / 2); pointer-events: none; clip-path: inset(50%);
}
.castline-waveform__marker:hover .castline-waveform__tip,
.castline-waveform__marker:focus-visible .castline-waveform__tip { clip-path: none; z-index: 1; }
.castline-controls__chapters { display: flex; flex-wrap: wrap; align-items: center; gap: 0.375rem; width: 100%; }
.castline-controls__chapter {
  flex: 1 1 0; min-width: 0; margin: 0; font-size: 0.875em; font-weight: 600;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.castline-controls__chapter-list { font-size: 0.875em; }
.castline-controls__chapter-list[open] { flex-basis: 100%; }
.castline-controls__chapter-list ol { max-height: 12rem; overflow-y: auto; margin: 0.25rem 0 0; padding: 0; list-style: none; }
.castline-controls__chapter-list button {
  width: 100%; padding: 0.25rem 0.375rem; font: inherit; text-align: start; color: inherit;
  background: none; border: 0; cursor: pointer;
}
.castline-controls__chapter-list button[aria-current="true"] { font-weight: 600; background: var(--_active-bg); }
.castline-controls__chapter-time { font-family: var(--_time-font); font-variant-numeric: tabular-nums; color: var(--_muted); }
`

let shared: CSSStyleSheet | null = null

/** Gives a shadow root the elements' style sheet: one constructed sheet for every root where supported. */
export function adoptStyles(root: ShadowRoot): void {
  const canAdopt =
    'adoptedStyleSheets' in root &&
    typeof CSSStyleSheet === 'function' &&
    typeof CSSStyleSheet.prototype.replaceSync === 'function'
  if (canAdopt) {
    try {
      if (shared === null) {
        shared = new CSSStyleSheet()
        shared.replaceSync(CSS)
      }
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, shared]
      return
    } catch {
      // Fall through to a <style> element.
    }
  }
  const style = root.ownerDocument.createElement('style')
  style.textContent = CSS
  root.prepend(style)
}
