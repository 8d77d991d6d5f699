import { useEffect } from 'react';
import { useNavigate } from 'react-router';

// Code outside React (a desktop notification's click, run from a listener) moves the console
// through the router that is mounted, never with location.assign, which would reload the app.

let navigator: ((path: string) => void) | null = null;

export function navigateTo(path: string): void {
  navigator?.(path);
}

/** Mounted once inside the router: lends it to navigateTo. */
export function NavigationBridge() {
  const navigate = useNavigate();
  useEffect(() => {
    navigator = (path) => void navigate(path);
    return () => {
      navigator = null;
    };
  }, [navigate]);
  return null;
}
