import type { StorybookConfig } from '@storybook/react-vite'
import react from '@vitejs/plugin-react'
import { mergeConfig } from 'vite'
import { sourceAliases } from '../../scripts/source-aliases.mjs'

// The stories use the packages' sources (`sourceAliases`), as the demo and the tests do: no build step
// before Storybook.

/**
 * Storybook for @castline/react. The sample episode's files (the demo's audio, peaks and transcripts)
 * are served from the demo's public folder at `episodes/`, beside the stories rather than copied.
 */
const config: StorybookConfig = {
  framework: '@storybook/react-vite',
  stories: ['../src/**/*.stories.tsx'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  staticDirs: [{ from: '../../apps/demo/public/episodes', to: '/episodes' }],
  // The network is closed on CI and nobody asked for it.
  core: { disableTelemetry: true },
  typescript: {
    // Props tables from the TypeScript interfaces (with their TSDoc), not only from propTypes.
    reactDocgen: 'react-docgen-typescript',
    reactDocgenTypescriptOptions: {
      // The components live in the react package (outside this folder), typed by its own tsconfig.
      tsconfigPath: '../packages/react/tsconfig.json',
      include: ['../packages/react/src/**/*.tsx'],
      shouldExtractLiteralValuesFromEnum: true,
      // The components' own props only, not every attribute of the DOM elements they render.
      propFilter: (prop) => !prop.parent || !/node_modules/.test(prop.parent.fileName),
    },
  },
  // Here rather than in a vite.config.ts: the Vitest plugin applies viteFinal but reads no Vite config file.
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      plugins: [react()],
      resolve: {
        alias: sourceAliases,
        // One React, whichever package's node_modules an import starts from.
        dedupe: ['react', 'react-dom'],
      },
    }),
}

export default config
