import '@mantine/core/styles.css';
import '@mantine/notifications/styles.css';
import './styles.css';
import {
  createTheme,
  DEFAULT_THEME,
  MantineProvider,
  type CSSVariablesResolver,
  type MantineColorsTuple,
} from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { ApiError } from './api/client';
import { App } from './App';
import { SessionProvider } from './auth/session';

// Colours chosen for contrast (WCAG AA) on white: the primary blue is 7:1 against white text.
/** A Mantine palette with its two darkest shades replaced, so white text on them reads at AA. */
const darker = (name: 'green' | 'red' | 'orange', s8: string, s9: string): MantineColorsTuple =>
  [...DEFAULT_THEME.colors[name].slice(0, 8), s8, s9] as unknown as MantineColorsTuple;

const theme = createTheme({
  // Filled buttons use shade 8: Mantine's green, red and orange 8 are 3.4–4.1:1 with white text.
  colors: {
    green: darker('green', '#237a38', '#1e6b31'),
    red: darker('red', '#c92a2a', '#a51d1d'),
    orange: darker('orange', '#c2410c', '#9a3412'),
  },
  primaryColor: 'blue',
  primaryShade: 8,
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  defaultRadius: 'md',
  headings: { fontWeight: '700' },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    // Its close button has no text of its own.
    Notification: { defaultProps: { closeButtonProps: { 'aria-label': 'Melding sluiten' } } },
    // Buttons Mantine draws without text get a Dutch name everywhere.
    FileInput: { defaultProps: { clearButtonProps: { 'aria-label': 'Bestand wissen' } } },
    Select: { defaultProps: { clearButtonProps: { 'aria-label': 'Keuze wissen' } } },
    MultiSelect: { defaultProps: { clearButtonProps: { 'aria-label': 'Keuzes wissen' } } },
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Sluiten' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Sluiten' } } },
    Alert: { defaultProps: { closeButtonLabel: 'Sluiten' } },
    // A link in running text is told apart by more than its colour.
    Anchor: { defaultProps: { underline: 'always' } },
  },
});

// Mantine's "dimmed" and placeholder greys are about 3:1 on white; these meet WCAG AA (6:1, 4.7:1).
// Text of "light" alerts and badges gets the darkest shade of its colour; Mantine's darkest yellow
// and orange are still under 4.5:1 on their light backgrounds, so those two get a darker brown.
const resolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-placeholder': '#6a737b',
    '--mantine-color-error': '#c92a2a',
    ...Object.fromEntries(
      ['green', 'lime', 'teal', 'cyan', 'grape', 'red', 'blue', 'gray'].map((c) => [
        `--mantine-color-${c}-light-color`,
        `var(--mantine-color-${c}-9)`,
      ]),
    ),
    '--mantine-color-yellow-light-color': '#6b4f00',
    '--mantine-color-orange-light-color': '#8f3d00',
  },
  dark: {},
});

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      // A 4xx will not get better by asking again.
      retry: (count, err) =>
        !(err instanceof ApiError && err.status >= 400 && err.status < 500) && count < 2,
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme} cssVariablesResolver={resolver}>
      <Notifications position="top-right" />
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <SessionProvider>
            <App />
          </SessionProvider>
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
