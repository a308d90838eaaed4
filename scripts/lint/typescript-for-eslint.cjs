// The project compiles with TypeScript 7 (native, no JavaScript compiler API). typescript-eslint's
// parser needs that API (it supports only TypeScript < 6.1, or a 7.1 build as @typescript/native), so
// ESLint alone resolves `typescript` to the 5.9 copy installed as `typescript5`. Loaded by
// eslint.config.mjs before any parser; `tsc` and `next build` are unaffected.
const Module = require("node:module");

const typescript5 = require.resolve("typescript5");
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTypescriptForEslint(request, ...rest) {
  return resolve.call(this, request === "typescript" ? typescript5 : request, ...rest);
};
