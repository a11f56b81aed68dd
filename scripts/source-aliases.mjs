// The packages from their sources, for every Vite build in the repository (the demo, Storybook, the
// benchmark page): no build step between an edit and what runs, and the stylesheets the react package
// ships beside its code ('@castline/react/styles.css').
import { fileURLToPath } from 'node:url'

const packageFile = (path) => fileURLToPath(new URL(`../packages/${path}`, import.meta.url))

/**
 * Vite `resolve.alias` entries: `@castline/core`, `@castline/dom`, `@castline/element`, `@castline/react`, their subpath entries
 * (`@castline/core/vtt` is `core/src/entry/vtt.ts`, as the package's `exports` map it to
 * `dist/entry/vtt.js`) and react's `*.css` to their sources. The first entry that matches wins.
 */
export const sourceAliases = [
  { find: /^@castline\/react\/([\w-]+\.css)$/, replacement: packageFile('react/src/$1') },
  { find: /^@castline\/(core|react)\/([\w-]+)$/, replacement: packageFile('$1/src/entry/$2.ts') },
  { find: /^@castline\/react\/locales\/(\w+)$/, replacement: packageFile('react/src/entry/locales/$1.ts') },
  { find: /^@castline\/dom\/locales\/(\w+)$/, replacement: packageFile('dom/src/locales/$1.ts') },
  { find: /^@castline\/core$/, replacement: packageFile('core/src/index.ts') },
  { find: /^@castline\/dom$/, replacement: packageFile('dom/src/index.ts') },
  { find: /^@castline\/element$/, replacement: packageFile('element/src/index.ts') },
  { find: /^@castline\/react$/, replacement: packageFile('react/src/index.ts') },
]
