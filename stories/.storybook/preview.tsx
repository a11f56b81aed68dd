// The one stylesheet a site imports (it brings the waveform, controls and player layout with it).
import '@castline/react/styles.css'
import './preview.css'
import { installWaveformTrustedTypes } from '@castline/react/waveform'
import type { Decorator, Preview } from '@storybook/react-vite'
import { isStorybookVisionFilters } from './trusted-types.js'

// As a site does (see packages/react/src/trusted-types.ts), before anything renders: on a preview page
// served with `require-trusted-types-for 'script'` wavesurfer's shadow-DOM template needs a policy, and
// so does Storybook's own fixed markup (./trusted-types.ts). The strict-CSP stories test
// (apps/demo/e2e/storybook-strict-csp.e2e.test.ts) serves the built Storybook so.
installWaveformTrustedTypes({ alsoAllow: isStorybookVisionFilters })

/** The toolbar's theme: the system's preference, or one forced with `data-theme` on an ancestor. */
const withTheme: Decorator = (Story, context) => {
  const theme = context.globals.theme as string | undefined
  return (
    <div className="story-frame" data-theme={theme === 'light' || theme === 'dark' ? theme : undefined}>
      <Story />
    </div>
  )
}

const preview: Preview = {
  decorators: [withTheme],
  globalTypes: {
    theme: {
      description: 'Colour theme of the Castline parts',
      toolbar: {
        title: 'Theme',
        icon: 'contrast',
        items: [
          { value: 'system', title: 'System preference' },
          { value: 'light', title: 'Light' },
          { value: 'dark', title: 'Dark' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: 'system' },
  parameters: {
    layout: 'padded',
    controls: { expanded: true },
    // axe runs after every story (and its play function); a violation fails the story's test.
    a11y: { test: 'error' },
  },
}

export default preview
