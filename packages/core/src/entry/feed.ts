/**
 * `@castline/core/feed`: an RSS podcast feed read safely (`readFeed`), an episode found by guid, its
 * transcripts ordered and loaded with fallback (`pickTranscripts`, `loadTranscript`), and transcript
 * speakers matched to the feed's people (`matchSpeakers`). Loading reads transcripts through
 * `@castline/core/formats`.
 */
export { FeedParseError } from '../errors.js'
export {
  type Enclosure,
  type Feed,
  type FeedChapters,
  type FeedItem,
  type FeedOptions,
  type FeedTranscript,
  type FeedWarning,
  type FeedWarningCode,
  findEpisode,
  type Person,
  readFeed,
  type Soundbite,
} from '../feed/feed.js'
export { matchSpeakers } from '../feed/people.js'
export {
  type LoadedTranscript,
  type LoadOptions,
  loadTranscript,
  type PickOptions,
  pickTranscripts,
  type TranscriptAttempt,
} from '../feed/transcripts.js'
