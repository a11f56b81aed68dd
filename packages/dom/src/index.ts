/**
 * `@castline/dom`: the player's browser behaviour without a framework, for the React adapter and the
 * custom elements alike. `MediaStore` is one table of a media element's state and the only listener on
 * it; `createMediaStoreSource` gives the sync controller its time through the store. See
 * docs/ARCHITECTURE.md, "MediaStore".
 */
export {
  type MediaErrorLike,
  type MediaLike,
  type MediaSnapshot,
  MediaStore,
  type MediaStoreOptions,
  type TimeRange,
  type TimeRangesLike,
} from './media-store.js'
export { createMediaStoreSource, type MediaStoreSource } from './media-store-source.js'
