// The one stylesheet a site imports (it brings the waveform, controls and player layout with it).
import '@castline/react/styles.css'
import './preview.css'
import type { Decorator, Preview } from '@storybook/react-vite'

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
