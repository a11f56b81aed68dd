/**
 * `@castline/core/chapters`: Podcasting 2.0 chapters JSON and WebVTT chapter tracks, read and written,
 * and the chapter playing at a time.
 */

export {
  type Chapter,
  type ChapterList,
  type ChapterLocation,
  type ChaptersOptions,
  chapterAt,
  formatChaptersJson,
  formatChaptersVtt,
  listedChapters,
  parseChaptersJson,
  parseChaptersVtt,
} from '../chapters/chapters.js'
export { ChaptersParseError } from '../errors.js'
