// The shared tree of module tests (SDK testing): a city c with counties a and b.
export * from "@tongxin/sdk/dist/testing/tree-fixture";
