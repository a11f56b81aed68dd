/**
 * The pages the listener checks (listener.e2e.test.ts) run against: every page that shows the sample
 * episode in a Castline player, whatever renders it. Each check finds the player by roles and accessible
 * names (Playwright's locators see into open shadow roots) and the media through `window.castlineE2E`
 * (support.ts), so the same check holds for the React demo and for a custom element.
 */
export interface PlayerPage {
  /** Names the page in the checks' titles. */
  name: string
  /** Appended to the demo's URL (support.ts `demoUrl`): '' for the demo itself. */
  path: string
}

/** Every player page. A page joins the listener checks by one entry here. */
export const PLAYER_PAGES: readonly PlayerPage[] = [
  { name: 'React demo', path: '' },
  // apps/embed: one script tag and <castline-player>, served beside the demo (apps/demo/vite-embed.ts).
  { name: '<castline-player>', path: 'embed/' },
]
