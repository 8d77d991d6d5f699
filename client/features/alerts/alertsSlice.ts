import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Alert } from './alertRules.js';

export interface AlertSettings {
  /** A short chime on new work; off by default (an open-plan office hears every console). */
  sound: boolean;
  /** A desktop notification while the tab is hidden, once the browser allowed it. */
  desktop: boolean;
}

export interface AlertsState {
  settings: AlertSettings;
  /** Alerts raised while the agent was not looking at the tab: the count in the tab's title. */
  unseen: number;
  /** The latest alert, announced once to screen readers. */
  latest: Alert | null;
}

const STORAGE_KEY = 'guichet.alerts';
export const DEFAULT_ALERT_SETTINGS: AlertSettings = { sound: false, desktop: false };

/** Settings are kept per browser, like the language: they belong to the workstation's speakers. */
export function storedAlertSettings(): AlertSettings {
  try {
    const raw = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (!raw) return DEFAULT_ALERT_SETTINGS;
    const parsed = JSON.parse(raw) as Partial<AlertSettings>;
    return { sound: parsed.sound === true, desktop: parsed.desktop === true };
  } catch {
    return DEFAULT_ALERT_SETTINGS;
  }
}

export function storeAlertSettings(settings: AlertSettings): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, JSON.stringify(settings));
  } catch {
    // Private browsing: the choice lasts for the tab.
  }
}

export const initialAlertsState = (): AlertsState => ({ settings: storedAlertSettings(), unseen: 0, latest: null });

export const alertsSlice = createSlice({
  name: 'alerts',
  initialState: initialAlertsState,
  reducers: {
    alertRaised(s, { payload }: PayloadAction<{ alert: Alert; seen: boolean }>) {
      s.latest = payload.alert;
      if (!payload.seen) s.unseen++;
    },
    /** The agent is looking at the tab again. */
    alertsSeen(s) {
      s.unseen = 0;
    },
    alertSettingsChanged(s, { payload }: PayloadAction<Partial<AlertSettings>>) {
      s.settings = { ...s.settings, ...payload };
    },
  },
});

export const { alertRaised, alertsSeen, alertSettingsChanged } = alertsSlice.actions;
export const selectAlertSettings = (state: { alerts: AlertsState }) => state.alerts.settings;
export const selectUnseenAlerts = (state: { alerts: AlertsState }) => state.alerts.unseen;
export const selectLatestAlert = (state: { alerts: AlertsState }) => state.alerts.latest;
