// First: graphql-js must be loaded in production mode before anything else loads it.
import "./graphql-mode";
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
export * from "./members";
export * from "./contract";
export * from "./report";
export * from "./collections";
export * from "./random";
export * from "./json-list";
export * from "./spreadsheet";
export * from "./spreadsheet-graphql";
