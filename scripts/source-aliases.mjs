// The packages from their sources, for every Vite build in the repository (the demo, Storybook, the
// benchmark page): no build step between an edit and what runs, and the stylesheets the react package
// ships beside its code ('@castline/react/styles.css').
import { fileURLToPath } from 'node:url'

const packageFile = (path) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url))

/** Vite `resolve.alias` entries: `@castline/core`, `@castline/react` and its `*.css` to their sources. */
export const sourceAliases = [
  { find: /^@castline\/react\/([\w-]+\.css)$/, replacement: packageFile('react/src/$1') },
  { find: /^@castline\/core$/, replacement: packageFile('core/src/index.ts') },
  { find: /^@castline\/react$/, replacement: packageFile('react/src/index.ts') },
]
