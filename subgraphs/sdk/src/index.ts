import "reflect-metadata";

export * from "./config";
export * from "./context";
export * from "./database";
export * from "./dates";
export * from "./directory";
export * from "./errors";
export * from "./identity";
export * from "./module";
export * from "./pagination";
export * from "./schema";
export * from "./server";
export * from "./stats";
export * from "./stubs";
export * from "./versioning";
export { runSubgraphProcess } from "./main";
export * from "./input";
export * from "./migration";
