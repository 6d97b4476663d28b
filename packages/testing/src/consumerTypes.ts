/**
 * What a consumer's type-check loads: a TypeScript program over one consumer file placed in a package's folder (so
 * the package resolves itself through its `exports`, as a consumer's would: its BUILT declaration files).
 */
import { dirname, join } from "node:path"
import ts from "typescript"

const options: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  exactOptionalPropertyTypes: true,
  skipLibCheck: true,
  noEmit: true,
  types: [],
  lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
}

export interface ConsumerProgram {
  /** Every diagnostic of the program (an unused `@ts-expect-error` is one). */
  readonly diagnostics: ReadonlyArray<string>
  /** The declaration files it loaded besides TypeScript's lib files and the consumer itself. */
  readonly loaded: ReadonlyArray<string>
}

/** The program of `source` as the file `<packageDir>/test/<name>` (never written to disk). */
export const consumerProgram = (packageDir: string, name: string, source: string): ConsumerProgram => {
  const file = join(packageDir, "test", name)
  const host = ts.createCompilerHost(options)
  const read = host.readFile
  host.readFile = (path) => (path === file ? source : read(path))
  const exists = host.fileExists
  host.fileExists = (path) => path === file || exists(path)
  const getSourceFile = host.getSourceFile
  host.getSourceFile = (path, language, onError, create) =>
    path === file ? ts.createSourceFile(path, source, language) : getSourceFile(path, language, onError, create)
  const program = ts.createProgram([file], options, host)
  const libDir = dirname(ts.getDefaultLibFilePath(options))
  return {
    diagnostics: ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")),
    loaded: program
      .getSourceFiles()
      .map((sf) => sf.fileName)
      .filter((f) => f !== file && !f.startsWith(libDir)),
  }
}

/** The package a loaded file belongs to: `effect`, `undici`, or a workspace package by its folder. */
export const packageOf = (file: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)
  if (match) return match[1]!
  const workspace = /\/packages\/([^/]+)\//.exec(file)
  return workspace ? `packages/${workspace[1]}` : file
}
