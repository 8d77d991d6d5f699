// What an alert does outside the page: a chime, a desktop notification. Kept apart from the
// rules and the slice, which stay pure; every call is a no-op where the browser lacks the API.

let audio: AudioContext | null = null;

/**
 * Browsers keep audio suspended until a user gesture: switching the sound on is one, so the
 * setting's change handler calls this, and later chimes can play without one.
 */
export function primeChime(): void {
  const Ctor = globalThis.AudioContext;
  if (!Ctor) return;
  audio ??= new Ctor();
  void audio.resume().catch(() => {});
}

/** Two short soft tones, generated (no sound file to fetch or cache). */
export function playChime(): void {
  if (!audio) primeChime();
  if (!audio || audio.state !== 'running') return;
  const start = audio.currentTime;
  for (const [i, frequency] of [880, 660].entries()) {
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    osc.frequency.value = frequency;
    const t0 = start + i * 0.16;
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.12, t0 + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + 0.15);
    osc.connect(gain).connect(audio.destination);
    osc.start(t0);
    osc.stop(t0 + 0.16);
  }
}

export type DesktopPermission = 'granted' | 'denied' | 'default' | 'unsupported';

export function desktopPermission(): DesktopPermission {
  return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

export async function askDesktopPermission(): Promise<DesktopPermission> {
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.requestPermission();
}

/** Whether the agent is looking elsewhere: another tab, or the browser minimised. */
export function tabHidden(): boolean {
  return typeof document !== 'undefined' && document.visibilityState === 'hidden';
}

/**
 * A desktop notification; `tag` replaces the previous one of the same conversation rather than
 * stacking. Clicking it brings the console forward on the conversation.
 */
export function notifyDesktop(title: string, body: string, tag: string, onClick: () => void): void {
  if (desktopPermission() !== 'granted') return;
  try {
    const n = new Notification(title, { body, tag, lang: document.documentElement.lang });
    n.onclick = () => {
      globalThis.focus();
      onClick();
      n.close();
    };
  } catch {
    // Some platforms only allow notifications from a service worker: the title count remains.
  }
}
