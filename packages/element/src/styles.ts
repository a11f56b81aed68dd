/**
 * The elements' CSS, as a string in the code so that one script (or one `import`) brings it, and each
 * shadow root adopts it (a constructed style sheet shared by every root, or a `<style>` where the browser
 * has no constructable style sheets).
 *
 * The theme: each colour, font and size reads a `--castline-*` custom property with the default as its
 * fallback (`var(--castline-accent, #2454c5)`), through a private `--_*` property per host. A site sets
 * `--castline-*` anywhere above the element (`:root`, a wrapper, the element itself) and it inherits into
 * the shadow roots; the defaults never override it. `data-theme="dark|light"` on the element or an
 * ancestor of it (or the system's colour scheme) picks the dark or light defaults. The speakers' colours
 * are `--castline-speaker-0` to `-7`, defaulting to `@castline/dom`'s `SPEAKER_PALETTE`.
 */

import { SPEAKER_PALETTE } from '@castline/dom'

/** The speaker colours of a theme: `--_speaker-N` reads `--castline-speaker-N`, `SPEAKER_PALETTE`'s colour the default. */
const speakerColors = (palette: readonly string[]) =>
  palette.map((color, i) => `\n  --_speaker-${i}: var(--castline-speaker-${i}, ${color});`).join('')

/** The rules that colour a speaker's name and initials by its `castline-speaker-N` class. */
const SPEAKER_RULES = SPEAKER_PALETTE.light
  .map((_, i) => `.castline-speaker-${i} { --_speaker: var(--_speaker-${i}); }`)
  .join('\n')

const LIGHT = `
  --_bg: var(--castline-bg, #ffffff);
  --_fg: var(--castline-fg, #1b1b1f);
  --_muted: var(--castline-muted, #5c5f66);
  --_border: var(--castline-border, #d9dbe0);
  --_accent: var(--castline-accent, #2454c5);
  --_wave: var(--castline-wave-color, #a3acbd);
  --_active-bg: var(--castline-active-bg, #eaf0fd);
  --_active-fg: var(--castline-active-fg, #10131a);
  --_word-bg: var(--castline-word-bg, #ffe27a);
  --_word-fg: var(--castline-word-fg, #10131a);
  --_match-bg: var(--castline-match-bg, #fff1a8);
  --_match-current-bg: var(--castline-match-current-bg, #ffb347);
  --_focus: var(--castline-focus-ring, #2454c5);
  --_error-bg: var(--castline-error-bg, #fdecec);
  --_error-fg: var(--castline-error-fg, #8a1c1c);
  --_error-border: var(--castline-error-border, #e7a3a3);${speakerColors(SPEAKER_PALETTE.light)}`

const DARK = `
  --_bg: var(--castline-bg, #16171b);
  --_fg: var(--castline-fg, #e6e7eb);
  --_muted: var(--castline-muted, #a3a7b0);
  --_border: var(--castline-border, #34363d);
  --_accent: var(--castline-accent, #8fb0ff);
  --_wave: var(--castline-wave-color, #5d636e);
  --_active-bg: var(--castline-active-bg, #23304d);
  --_active-fg: var(--castline-active-fg, #f4f6fb);
  --_word-bg: var(--castline-word-bg, #8a6d00);
  --_word-fg: var(--castline-word-fg, #ffffff);
  --_match-bg: var(--castline-match-bg, #5c4d00);
  --_match-current-bg: var(--castline-match-current-bg, #a35a00);
  --_focus: var(--castline-focus-ring, #8fb0ff);
  --_error-bg: var(--castline-error-bg, #3a1d1f);
  --_error-fg: var(--castline-error-fg, #ffd5d5);
  --_error-border: var(--castline-error-border, #7a3a3d);${speakerColors(SPEAKER_PALETTE.dark)}`

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
  /* Targets: every control at least this square, 24px (WCAG 2.5.8), 44px with a coarse pointer. */
  --_target: var(--castline-target-size, 24px);
}
@media (pointer: coarse) { :host { --_target: var(--castline-target-size, 44px); } }
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
/* At zero specificity: a part's own larger size wins; a part with a minimum of its own takes max() of both. */
:where(button, select, input, summary, a[href]) {
  box-sizing: border-box; min-width: var(--_target); min-height: var(--_target);
}
/* Reduced motion: nothing animates (follow mode's scrolling is instant too, see @castline/dom's follow.ts). */
@media (prefers-reduced-motion: reduce) { * { scroll-behavior: auto; transition: none; animation: none; } }

/* flex-grow: a host the player stretches (the panel layout) gives its height to the viewport. */
.castline-transcript {
  container: castline-transcript / inline-size; position: relative; display: flex; flex-direction: column; flex-grow: 1;
  border: 1px solid var(--_border); border-radius: var(--_radius); background: var(--_bg);
}
.castline-transcript__viewport {
  height: var(--castline-transcript-height, 28rem); flex-grow: 1;
  overflow-y: auto; overscroll-behavior: contain; overflow-anchor: none;
}
.castline-transcript__list { position: relative; width: 100%; margin: 0; padding: 0; list-style: none; }
.castline-transcript__status { margin: 0; padding: var(--_row-padding); color: var(--_muted); }
.castline-transcript__status[role="alert"] { color: var(--_error-fg); background: var(--_error-bg); }
.castline-line {
  position: absolute; top: 0; inset-inline-start: 0; width: 100%; box-sizing: border-box;
  display: grid; grid-template-columns: auto 1fr; column-gap: var(--castline-row-gap, 0.75rem);
  align-items: baseline; padding: var(--_row-padding); border-radius: var(--_radius); cursor: pointer;
}
.castline-transcript__list[data-static] .castline-line { position: relative; }
.castline-line:hover { background: color-mix(in srgb, var(--_active-bg) 50%, transparent); }
.castline-line--active { background: var(--_active-bg); color: var(--_active-fg); }
.castline-line--active::before {
  content: ""; position: absolute; inset-inline-start: 0; top: 0; bottom: 0; width: 3px; border-radius: 2px;
  background: var(--_accent); transform-origin: top; transform: scaleY(var(--castline-progress, 1));
}
.castline-line__time {
  font-family: var(--_time-font); font-size: 0.8125em; font-variant-numeric: tabular-nums;
  color: var(--_muted); background: none; border: 0; border-radius: calc(var(--_radius) / 2);
  padding: 0 0.25rem; cursor: pointer;
}
.castline-line__time:hover { color: var(--_accent); text-decoration: underline; }
.castline-line__body { min-width: 0; }
/* The speaker line is one line of its font's height, the avatar inside it (the row estimate counts 21px). */
.castline-line__speaker {
  display: flex; align-items: center; gap: 0.375em; min-width: 0;
  font-weight: 600; font-size: 0.875em; white-space: nowrap;
}
.castline-line__speaker-name { overflow: hidden; text-overflow: ellipsis; color: var(--_speaker, inherit); }
.castline-line__role { flex: none; font-weight: 400; color: var(--_muted); }
.castline-line__avatar {
  flex: none; box-sizing: border-box; width: 1.25em; height: 1.25em; border-radius: 50%; object-fit: cover;
}
.castline-line__avatar--initials {
  display: inline-flex; align-items: center; justify-content: center; width: 2em; height: 2em;
  font-size: 0.625em; font-weight: 700; color: var(--_bg); background: var(--_speaker, var(--_muted));
}
${SPEAKER_RULES}
/* A block: the text has the row's whole width to wrap in (beside the time, or around it when narrow). */
.castline-line__text { display: block; overflow-wrap: anywhere; }
/* A transcript of no stated language takes each line's direction from its own text, not from the UI's
   (an English transcript in an Arabic player keeps its full stops at the end); one with a language has its dir. */
:host(:not([dir])) .castline-line__text { unicode-bidi: plaintext; }
.castline-line__copy {
  font-size: 0.75em; color: var(--_muted); border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2); padding: 0 0.375rem; cursor: pointer; opacity: 0;
  /* Over the row's end while shown: it never keeps a column free that the text could use. */
  position: absolute; top: 0.25rem; inset-inline-end: 0.375rem; background: var(--_bg);
}
.castline-line:hover .castline-line__copy, .castline-line:focus-within .castline-line__copy { opacity: 1; }
.castline-word { border-radius: 0.2em; }
.castline-word--spoken {
  background: var(--_word-bg); color: var(--_word-fg); box-shadow: 0 0 0 0.1em var(--_word-bg);
}
.castline-match { background: var(--_match-bg); color: inherit; border-radius: 0.15em; }
.castline-match--current { background: var(--_match-current-bg); outline: 2px solid var(--_match-current-bg); }
.castline-jump {
  position: absolute; inset-inline: 0; width: fit-content; margin-inline: auto; bottom: 0.75rem; z-index: 1;
  display: inline-flex; align-items: center; gap: 0.375rem; font-size: 0.875em; color: var(--_bg);
  background: var(--_accent); border: 0; border-radius: 999px; padding: 0.375rem 0.875rem;
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.25); cursor: pointer;
}
.castline-jump--up { top: 0.75rem; bottom: auto; }
/* Under the current chapter's bar (2rem high) when there is one, not over it. */
.castline-transcript__chapter ~ .castline-jump--up { top: 2.75rem; }
.castline-quote-menu {
  position: absolute; z-index: 2; display: flex; gap: 0.25rem; padding: 0.25rem; background: var(--_bg);
  border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); box-shadow: 0 2px 8px rgb(0 0 0 / 0.25);
}
.castline-quote-menu__button {
  font: inherit; font-size: 0.875em; color: inherit; background: none; border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2); padding: 0.125rem 0.5rem; cursor: pointer;
}
.castline-quote-menu__button:hover { border-color: var(--_accent); }

.castline-search { display: flex; flex-wrap: nowrap; align-items: center; gap: 0.375rem; padding: 0.375rem; }
.castline-search__input {
  flex: 1 1 6rem; min-width: 0; background: var(--_bg); border: 1px solid var(--_border);
  border-radius: calc(var(--_radius) / 2); padding: 0.25rem 0.5rem;
}
/* No reserved width: the count takes what it says (nothing while empty), the box the rest of the row. */
.castline-search__count { flex: none; font-size: 0.875em; color: var(--_muted); font-variant-numeric: tabular-nums; white-space: nowrap; }
.castline-search__button {
  background: none; border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2);
  padding: 0.125rem 0.5rem; cursor: pointer;
}
.castline-search__button:disabled { opacity: 0.45; cursor: default; }
/* Narrow: the time floats at the start of the text, which then takes the row's whole width. */
@container castline-transcript (max-width: 32rem) {
  .castline-line { display: block; }
  .castline-line__time {
    float: inline-start; margin-inline-end: 0.375rem; padding: 0 0.25rem 0 0;
    line-height: calc(var(--castline-line-height, 1.5) / 0.8125);
  }
  .castline-line__body { display: block; }
}

.castline-player { container: castline-player / inline-size; }
.castline-player__layout { display: grid; grid-template-columns: minmax(0, 1fr); gap: var(--castline-player-gap, 1rem); }
/* Layouts by the player's own width (data-layout from the layout attribute, as React's player.css): "stacked"
   one column at every width; "panel" from 52rem a side panel (sticky) beside the transcript, which takes
   the remaining width and fills its column down to the panel's bottom. */
@container castline-player (min-width: 52rem) {
  .castline-player[data-layout="panel"] .castline-player__layout { grid-template-columns: minmax(16rem, 20rem) minmax(0, 1fr); }
  .castline-player[data-layout="panel"] .castline-player__main {
    position: sticky; top: 0; align-self: start;
  }
  .castline-player[data-layout="panel"] .castline-player__side > :last-child { flex-grow: 1; display: flex; flex-direction: column; }
  /* The panel's chapters (the list open) and speakers; the controls' chapter disclosure would repeat it
     (their host has the player's data-layout; the query finds the player's container outside their root). */
  .castline-player[data-layout="panel"] .castline-player__chapters:not([hidden]),
  .castline-player[data-layout="panel"] .castline-player__speakers:not([hidden]) { display: block; }
  :host([data-layout="panel"]) .castline-controls__chapters .castline-controls__chapter-list { display: none; }
}
/* Only the panel layout has these, and shows them only beside the transcript (above). */
.castline-player__chapters, .castline-player__speakers { display: none; }
/* The list's smaller text is the controls' (its class); the label keeps the highlights' size. */
.castline-player__chapters .castline-highlights__label { font-size: 1em; }
.castline-player__speakers ul { display: flex; flex-direction: column; gap: 0.375rem; margin: 0; padding: 0; list-style: none; }
.castline-player__main, .castline-player__side { display: flex; flex-direction: column; gap: 0.75rem; min-width: 0; }
.castline-player__title { margin: 0; font-size: 1.25em; line-height: 1.3; }
.castline-player__head { display: flex; align-items: center; gap: 0.75rem; }
.castline-player__head:not([data-pending]):has(> [hidden]:first-child + [hidden]) { display: none; }
/* While a feed brings the title and artwork, their room (the artwork's height) is kept: nothing moves. */
.castline-player__head[data-pending] { min-block-size: 4rem; }
.castline-player__artwork { width: 4rem; height: 4rem; flex: none; border-radius: var(--_radius); object-fit: cover; }
.castline-highlights__label { margin: 0 0 0.25rem; font-size: 0.875em; font-weight: 600; }
.castline-highlights__list { display: flex; flex-wrap: wrap; gap: 0.375rem; margin: 0; padding: 0; list-style: none; }
.castline-highlights__button {
  padding: 0.25rem 0.5rem; font: inherit; font-size: 0.875em; text-align: start; color: inherit;
  background: var(--_active-bg); border: 1px solid var(--_border); border-radius: var(--_radius); cursor: pointer;
}
.castline-highlights__time { font-family: var(--_time-font); font-variant-numeric: tabular-nums; color: var(--_muted); }

/* A media timeline is not mirrored in a right-to-left UI: the start of the audio stays on the left. */
.castline-waveform { position: relative; direction: ltr; border-radius: var(--_radius); cursor: pointer; touch-action: pan-y; }
/* While the player's feed may bring chapters, the markers' row (under the wave) is kept: nothing moves. */
:host([data-pending-chapters]) .castline-waveform { margin-block-end: calc(var(--_target) + 0.25rem); }
.castline-waveform:focus-visible { outline: 2px solid var(--_focus); outline-offset: 2px; }
.castline-waveform__wave { width: 100%; }
.castline-waveform--loading .castline-waveform__wave { opacity: 0.5; }
.castline-waveform__message {
  position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; margin: 0;
  padding: 0 0.75rem; font-size: 0.875em; text-align: center; color: var(--_muted);
  border: 1px dashed var(--_border); border-radius: var(--_radius);
}

/* Over the wave: buffered ranges, search hits and the hover/scrub tooltip; none takes the pointer. */
.castline-waveform__buffered, .castline-waveform__ticks {
  position: absolute; inset-inline: 0; bottom: 0; z-index: 3; pointer-events: none;
}
.castline-waveform__buffered { height: 3px; }
.castline-waveform__range {
  position: absolute; top: 0; bottom: 0; left: calc(var(--castline-from, 0) * 100%);
  width: calc((var(--castline-to, 0) - var(--castline-from, 0)) * 100%);
  background: var(--_muted); opacity: 0.6; border-radius: 2px;
}
.castline-waveform__ticks { height: 0.625rem; }
.castline-waveform__tick {
  position: absolute; top: 0; bottom: 0; left: calc(var(--castline-at, 0) * 100%); width: 2px;
  background: var(--castline-wave-tick-color, var(--_match-current-bg));
}
/* From its centre in the middle, from its edge at either end, never wider than the wave: inside the box. */
.castline-waveform__hover {
  position: absolute; top: 0.25rem; left: calc(var(--castline-at, 0) * 100%); z-index: 4; box-sizing: border-box;
  max-width: 100%; padding: 0.125rem 0.375rem; overflow: hidden; font-size: 0.75em; font-variant-numeric: tabular-nums;
  white-space: nowrap; text-overflow: ellipsis; color: var(--_bg); background: var(--_fg);
  border-radius: calc(var(--_radius) / 2); transform: translateX(calc(var(--castline-at, 0) * -100%)); pointer-events: none;
}

.castline-controls {
  display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; container: castline-controls / inline-size;
}
/* Narrow: no volume slider (a phone's volume is its buttons; mute stays). */
@container castline-controls (max-width: 30rem) { .castline-controls__volume { display: none; } }
/* Wide: the chapter row joins the control row (play, skip, time, speed, volume, chapters in one line). */
@container castline-controls (min-width: 46rem) { .castline-controls__chapters { flex: 1 1 14rem; width: auto; } }
/* Playback controls are not mirrored in a right-to-left UI, like the waveform they drive: back left of play,
   the previous chapter left of the next (their icons point along the timeline). */
.castline-controls__transport { direction: ltr; }
.castline-controls__chapters:dir(rtl) .castline-controls__prev-chapter { order: 1; }
.castline-controls__chapters:dir(rtl) .castline-controls__chapter-list { order: 2; }
.castline-controls__transport, .castline-controls__settings { display: flex; align-items: center; gap: 0.375rem; }
.castline-controls__button {
  display: inline-flex; align-items: center; justify-content: center;
  min-width: max(2.5rem, var(--_target)); min-height: max(2.5rem, var(--_target));
  padding: 0.25rem; background: none; border: 1px solid var(--_border); border-radius: 999px; cursor: pointer;
}
/* An icon's wrapper is a box of the icon's size: left inline, it sat on a line of text and its SVG rode up
   by the line's descent (the pause and chapter icons drew above the middle of their circles). */
.castline-controls__button > span[aria-hidden="true"], .castline-controls__icon { display: flex; }
.castline-controls__button:hover:not(:disabled) { color: var(--_accent); border-color: var(--_accent); }
.castline-controls__button:disabled { opacity: 0.45; cursor: default; }
.castline-controls__play { min-width: 3rem; min-height: 3rem; color: var(--_bg); background: var(--_accent); border-color: var(--_accent); }
.castline-controls__play:hover:not(:disabled) { color: var(--_bg); filter: brightness(1.1); }
/* A clock reads left to right in a right-to-left UI too ("0:00 / 1:12:54", as media players write it in Arabic). */
.castline-controls__time { margin: 0; direction: ltr; unicode-bidi: isolate; font-family: var(--_time-font); font-size: 0.875em; font-variant-numeric: tabular-nums; color: var(--_muted); }
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
.castline-line__chapter { grid-column: 1 / -1; margin: 0.25rem 0 0.375rem; font-size: 1em; font-weight: 600; line-height: 1.4; }
.castline-transcript__chapter {
  box-sizing: border-box; height: 2rem; margin: 0; padding: 0.375rem 0.75rem; font-size: 0.875em; font-weight: 600; border-bottom: 1px solid var(--_border);
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis;
}
.castline-transcript__chapter + .castline-transcript__viewport { height: calc(var(--castline-transcript-height, 28rem) - 2rem); }
.castline-waveform__chapters { position: relative; direction: ltr; height: var(--_target); margin: 0.25rem 0 0; padding: 0; list-style: none; }
/* At its fraction of the duration (--castline-at), drawn from its edge at either end: nothing past the edges. */
.castline-waveform__chapter {
  position: absolute; top: 0; left: calc(var(--castline-at, 0) * 100%);
  transform: translateX(calc(var(--castline-at, 0) * -100%));
}
/* The button is a target of --_target (24px, 44px on a touch screen); the dot drawn in it is 0.75rem. */
.castline-waveform__marker {
  display: flex; align-items: center; justify-content: center; width: var(--_target); height: var(--_target);
  padding: 0; border: 0; border-radius: 50%; background: none; cursor: pointer;
}
.castline-waveform__marker::before {
  content: ""; box-sizing: border-box; width: 0.75rem; height: 0.75rem; border: 2px solid var(--_bg); border-radius: 50%;
  background: var(--_accent);
}
.castline-waveform__marker:focus-visible { outline: 2px solid var(--_focus); outline-offset: 1px; }
.castline-waveform__tip {
  position: absolute; bottom: calc(var(--_target) + 0.25rem); left: 50%;
  transform: translateX(calc(var(--castline-at, 0.5) * -100%));
  /* No wider than the player (wrapping if need be): hidden or shown, it never widens the page. */
  width: max-content; max-width: 90cqi; padding: 0.125rem 0.375rem;
  font-size: 0.75em; color: var(--_bg); background: var(--_fg);
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

.castline-language { display: flex; flex-wrap: wrap; align-items: center; gap: 0.375rem; font-size: 0.875em; }
.castline-language select {
  background: var(--_bg); border: 1px solid var(--_border); border-radius: calc(var(--_radius) / 2); padding: 0.25rem 0.375rem;
}
.castline-language[hidden] { display: none; }
.castline-takeaway { font-size: 0.875em; }
.castline-takeaway > summary { cursor: pointer; width: max-content; padding: 0.25rem 0.5rem; border-radius: var(--_radius); }
.castline-takeaway__panel { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; padding: 0.25rem 0; }
.castline-takeaway__actions { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem; min-width: 0; margin: 0; padding: 0; border: 0; }
.castline-takeaway__actions button, .castline-reader__size button {
  padding: 0.25rem 0.5rem; background: var(--_bg); border: 1px solid var(--_border);
  border-radius: var(--_radius); cursor: pointer;
}
.castline-takeaway__heading { float: inline-start; margin-inline-end: 0.25rem; padding: 0; color: var(--_muted); }
.castline-takeaway__status, .castline-takeaway__error { flex-basis: 100%; margin: 0; }
.castline-takeaway__status:empty, .castline-takeaway__error:empty { display: none; }
.castline-takeaway__error { color: var(--_error-fg); }

/* Reader settings (as React's transcript.css): the text size scales the lines (their sizes are in em);
   hidden timestamps leave the row's one column to the text, and the time button stays a seek button for
   the keyboard and assistive technology, shown over the row's corner while focused. */
.castline-transcript__list { font-size: calc(1em * var(--castline-text-scale, 1)); }
.castline-transcript[data-timestamps="hidden"] .castline-line { grid-template-columns: minmax(0, 1fr); }
.castline-transcript[data-timestamps="hidden"] .castline-line__time {
  position: absolute; inset-block-start: 0.25rem; inset-inline-end: 0.25rem; background: var(--_bg);
}
.castline-transcript[data-timestamps="hidden"] .castline-line__time:not(:focus) {
  min-width: 0; min-height: 0; width: 1px; height: 1px; padding: 0; overflow: hidden; clip-path: inset(50%); white-space: nowrap;
}
.castline-player__menus { display: flex; flex-wrap: wrap; align-items: flex-start; gap: 0.25rem 0.75rem; }
.castline-reader { font-size: 0.875em; }
.castline-reader > summary { cursor: pointer; width: max-content; padding: 0.25rem 0.5rem; border-radius: var(--_radius); }
.castline-reader__panel { display: flex; flex-wrap: wrap; align-items: center; gap: 0.25rem 0.75rem; padding: 0.25rem 0; }
.castline-reader__size { display: flex; align-items: center; gap: 0.25rem; margin: 0; padding: 0; border: 0; }
.castline-reader__heading { float: inline-start; margin-inline-end: 0.25rem; padding: 0; color: var(--_muted); }
.castline-reader__size button { min-width: max(2.5rem, var(--_target, 24px)); }
.castline-reader__size output { min-width: 3.5em; text-align: center; font-variant-numeric: tabular-nums; }
.castline-reader label { display: inline-flex; align-items: center; gap: 0.25rem; }

/* The mini player: fixed at the viewport's bottom while the controls are scrolled away during playback. */
.castline-mini {
  position: fixed; inset-inline: 0; inset-block-end: 0; z-index: 10; display: flex; align-items: center;
  gap: 0.75rem; padding: 0.5rem 1rem; color: var(--_fg); background: var(--_bg);
  border-block-start: 1px solid var(--_border); box-shadow: 0 -2px 8px rgb(0 0 0 / 0.12);
}
.castline-mini[hidden] { display: none; }
.castline-mini__play { color: var(--_bg); background: var(--_accent); border-color: var(--_accent); }
.castline-mini__time {
  margin: 0; direction: ltr; unicode-bidi: isolate; font-family: var(--_time-font); font-size: 0.875em; font-variant-numeric: tabular-nums; white-space: nowrap;
}
.castline-mini__chapter {
  min-width: 0; margin: 0; overflow: hidden; font-size: 0.875em; white-space: nowrap; text-overflow: ellipsis;
}
.castline-mini__chapter[hidden] { display: none; }

/* Print: the whole transcript (the view renders every line between beforeprint and afterprint) in normal
   flow, with times, speakers and chapter headings; no waveform, controls, search or buttons. The list's
   height and each row's transform are inline styles, hence !important. */
@media print {
  :host(castline-waveform), :host(castline-controls), :host(castline-search) { display: none; }
  .castline-player__layout { display: block; }
  .castline-takeaway, .castline-reader, .castline-mini, .castline-language, .castline-line__copy, .castline-jump, .castline-transcript__chapter,
  .castline-line--active::before { display: none; }
  .castline-transcript { border: 0; }
  .castline-transcript__viewport, .castline-transcript__chapter + .castline-transcript__viewport { height: auto; overflow: visible; }
  .castline-transcript__list { height: auto !important; }
  .castline-transcript__list .castline-line { position: static; transform: none !important; break-inside: avoid; }
  .castline-line__time { color: inherit; }
}
/* Windows high contrast (forced colors): backgrounds give way to the system's colours, so the active line
   is outlined, the spoken word and the matches and the chapter dots keep system colours of their own. */
@media (forced-colors: active) {
  .castline-line--active { outline: 2px solid Highlight; outline-offset: -2px; }
  .castline-line--active::before { background: Highlight; }
  .castline-word--spoken, .castline-match--current { forced-color-adjust: none; color: HighlightText; background: Highlight; }
  .castline-match { forced-color-adjust: none; color: MarkText; background: Mark; }
  .castline-line__time, .castline-line__copy, .castline-search__button { border: 1px solid ButtonBorder; }
  .castline-waveform__marker::before { forced-color-adjust: none; border-color: Canvas; background: ButtonText; }
}
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
