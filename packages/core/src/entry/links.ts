/**
 * `@castline/core/links`: links to a moment of an episode that survive dynamically inserted ads. Quote
 * links (`#t=754.2,761.9&q=...`, found again by their words when the audio moved under them) and the ad
 * time map between audio time and transcript time. An entry of its own, so that a player that shares no
 * links does not bundle them (see docs/feeds.md).
 */
export {
  formatQuoteLink,
  type LocatedQuote,
  type LocateOptions,
  locateQuote,
  parseQuoteLink,
  type QuoteLink,
} from '../links.js'
export {
  type AdBreak,
  AdBreakError,
  type AdTimeMap,
  createAdTimeMap,
  type TranscriptTime,
} from '../time-map.js'
