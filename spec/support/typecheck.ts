import * as ts from 'typescript';

/** How a consumer's FiveM resource is type-checked in tests: strict, ES2021, bundler resolution; `extra` adds the typings. */
export function consumerCompilerOptions(extra: ts.CompilerOptions = {}): ts.CompilerOptions {
  return {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2021,
    lib: ['lib.es2021.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    ...extra,
  };
}
