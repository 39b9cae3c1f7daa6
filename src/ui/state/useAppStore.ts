// The thin React binding of the app store: components select narrow slices.
import { createContext, useContext, useSyncExternalStore } from 'react';
import { useStore } from 'zustand';
import type { AppState, AppStore } from './store';
import type { Controller } from '../sim/controllerApi';
import type { FrameChannel } from './frameChannel';
import type { Frame } from '../../workers/protocol';

export interface AppServices {
  store: AppStore;
  controller: Controller;
  frames: FrameChannel;
}

export const AppContext = createContext<AppServices | null>(null);

export function useServices(): AppServices {
  const s = useContext(AppContext);
  if (!s) throw new Error('useServices outside <AppContext.Provider>');
  return s;
}

/** Selects one slice of the app state; the component re-renders only when it changes. */
export function useAppStore<T>(selector: (s: AppState) => T): T {
  return useStore(useServices().store, selector);
}

export function useController(): Controller {
  return useServices().controller;
}

/**
 * The frame whose figures are on show (FrameChannel.shown: the clock's and the counters'), or
 * null; the component re-renders with each one put on show (every 100 ms while playing).
 */
export function useShownFrame(): Frame | null {
  const { frames } = useServices();
  return useSyncExternalStore(frames.subscribeShown, () => frames.shown);
}
