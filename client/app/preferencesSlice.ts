import { createSlice, type PayloadAction } from '@reduxjs/toolkit';

// How this workstation shows the console: kept per browser, like the language, since they fit a
// screen and an agent's habits rather than an account.

export type Density = 'comfortable' | 'compact';

export interface PreferencesState {
  /** Compact: two-line inbox rows, so a 900 px screen lists at least ten conversations. */
  density: Density;
  /** Wide screens (three columns): whether the citizen panel is shown beside the conversation. */
  citizenPanel: 'shown' | 'hidden';
}

const STORAGE_KEY = 'guichet.preferences';
const DEFAULTS: PreferencesState = { density: 'comfortable', citizenPanel: 'shown' };

export function storedPreferences(): PreferencesState {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    const parsed = raw ? (JSON.parse(raw) as Partial<PreferencesState>) : {};
    return {
      density: parsed.density === 'compact' ? 'compact' : 'comfortable',
      citizenPanel: parsed.citizenPanel === 'hidden' ? 'hidden' : 'shown',
    };
  } catch {
    return DEFAULTS;
  }
}

/** Written by a listener (app/listeners.ts) whenever the preferences change: reducers stay pure. */
export function savePreferences(state: PreferencesState): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(state));
  } catch {
    // Private browsing: the choice lasts for the tab.
  }
}

export const preferencesSlice = createSlice({
  name: 'preferences',
  initialState: storedPreferences,
  reducers: {
    densityChanged(s, { payload }: PayloadAction<Density>) {
      s.density = payload;
    },
    citizenPanelToggled(s) {
      s.citizenPanel = s.citizenPanel === 'shown' ? 'hidden' : 'shown';
    },
  },
});

export const { densityChanged, citizenPanelToggled } = preferencesSlice.actions;
export const selectPreferences = (state: { preferences: PreferencesState }) => state.preferences;
