import { createContext, useContext } from 'react';
import { mayAct, type WhoAmI } from './api';

export const WhoContext = createContext<WhoAmI | null>(null);

/** Whether the caller's key may take actions needing `role` (actions are hidden otherwise). */
export function useMay(role: 'viewer' | 'editor' | 'admin'): boolean {
  return mayAct(useContext(WhoContext), role);
}
