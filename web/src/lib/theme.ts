import { useSyncExternalStore } from 'react';

/**
 * Light or dark: the system's choice (prefers-color-scheme) unless the member chose in the Me
 * menu, remembered in this browser (localStorage). The scheme in force is `data-theme` on
 * <html>, which the palette in styles/base.css reads.
 */
export type Scheme = 'light' | 'dark';

const KEY = 'rapport-theme';
const system = window.matchMedia('(prefers-color-scheme: dark)');
const listeners = new Set<() => void>();

function stored(): Scheme | null {
  try {
    const value = localStorage.getItem(KEY);
    return value === 'light' || value === 'dark' ? value : null;
  } catch {
    return null; // Storage refused (a privacy mode): follow the system.
  }
}

function systemScheme(): Scheme {
  return system.matches ? 'dark' : 'light';
}

export function currentScheme(): Scheme {
  return stored() ?? systemScheme();
}

function apply(): void {
  const scheme = currentScheme();
  document.documentElement.dataset.theme = scheme;
  for (const listener of listeners) listener();
}

/** Called once at start, before the first render, so no page flashes in the other scheme. */
export function startTheme(): void {
  apply();
  system.addEventListener('change', apply);
  // Another tab chose: follow it.
  window.addEventListener('storage', (event) => {
    if (event.key === KEY) apply();
  });
}

/** Chooses a scheme; choosing what the system shows anyway goes back to following the system. */
export function chooseScheme(scheme: Scheme): void {
  try {
    if (scheme === systemScheme()) localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, scheme);
  } catch {
    // Not remembered, but still applied below for this page.
  }
  document.documentElement.dataset.theme = scheme;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The scheme in force, re-rendering when it changes. */
export function useScheme(): Scheme {
  return useSyncExternalStore(subscribe, () => (document.documentElement.dataset.theme as Scheme) ?? 'light');
}
