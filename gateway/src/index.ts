export * from "./compose";
export * from "./explorer";
export * from "./limits";
export * from "./server";
export * from "./supergraph-file";
