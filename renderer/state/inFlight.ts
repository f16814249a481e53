import { create } from 'zustand';

interface InFlightEntry {
  label: string;
  since: number;
}

/** Marks an action as sent until its answer arrives; begin refuses a key that is already in flight. */
export interface InFlightRegistry {
  begin(key: string, label: string): boolean;
  end(key: string): void;
}

interface InFlightState {
  entries: Readonly<Record<string, InFlightEntry>>;
  actions: InFlightRegistry;
}

export const inFlightStore = create<InFlightState>()((set, get) => ({
  entries: {},
  actions: {
    begin: (key, label) => {
      if (get().entries[key]) return false;
      set((state) => ({ entries: { ...state.entries, [key]: { label, since: Date.now() } } }));
      return true;
    },
    end: (key) =>
      set((state) => {
        if (!state.entries[key]) return state;
        const entries = { ...state.entries };
        delete entries[key];
        return { entries };
      }),
  },
}));

export const inFlightRegistry: InFlightRegistry = inFlightStore.getState().actions;
