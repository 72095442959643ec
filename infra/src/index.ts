export * from "./compose";
export * from "./platform";
export * from "./stack";
export * from "./subgraphs";
export * from "./plugin-config";
export * from "./plugin-new";
export * from "./plugins-admin";
export * from "./backup";
