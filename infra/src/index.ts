export * from "./compose";
export * from "./platform";
export * from "./stack";
export * from "./subgraphs";
