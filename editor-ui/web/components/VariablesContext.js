import { createContext, useContext } from "react";

/** The variables {{ may complete to at the node being edited: [{name, detail}]. */
export const VariablesContext = createContext([]);

export function useVariables() {
  return useContext(VariablesContext);
}
