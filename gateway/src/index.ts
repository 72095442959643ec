export * from "./compose";
export { figuresPathNextTo } from "./dashboard/figures";
export { readCsv } from "./dashboard/report-files";
export * from "./explorer";
export * from "./limits";
export * from "./server";
export * from "./supergraph-file";
