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

/** A program over consumer files that exist only in memory (path → source). */
const programOf = (sources: ReadonlyMap<string, string>): ts.Program => {
  const host = ts.createCompilerHost(options)
  const read = host.readFile
  host.readFile = (path) => sources.get(path) ?? read(path)
  const exists = host.fileExists
  host.fileExists = (path) => sources.has(path) || exists(path)
  const getSourceFile = host.getSourceFile
  host.getSourceFile = (path, language, onError, create) => {
    const source = sources.get(path)
    return source !== undefined
      ? ts.createSourceFile(path, source, language)
      : getSourceFile(path, language, onError, create)
  }
  return ts.createProgram([...sources.keys()], options, host)
}

const messageOf = (diagnostic: ts.Diagnostic): string => ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n")

/** The program of `source` as the file `<packageDir>/test/<name>` (never written to disk). */
export const consumerProgram = (packageDir: string, name: string, source: string): ConsumerProgram => {
  const file = join(packageDir, "test", name)
  const program = programOf(new Map([[file, source]]))
  const libDir = dirname(ts.getDefaultLibFilePath(options))
  return {
    diagnostics: ts.getPreEmitDiagnostics(program).map(messageOf),
    loaded: program
      .getSourceFiles()
      .map((sf) => sf.fileName)
      .filter((f) => f !== file && !f.startsWith(libDir)),
  }
}

/** One consumer file: `source` as `<packageDir>/test/<name>`. */
export interface ConsumerFile {
  readonly packageDir: string
  readonly name: string
  readonly source: string
}

/**
 * Type-checks many consumer files in one program (the declarations are read once): each file's diagnostics, as
 * `line: message` (lines of its source, 1-based), under its name.
 */
export const consumerDiagnostics = (files: ReadonlyArray<ConsumerFile>): ReadonlyMap<string, ReadonlyArray<string>> => {
  const byPath = new Map(files.map((file) => [join(file.packageDir, "test", file.name), file] as const))
  const program = programOf(new Map([...byPath].map(([path, file]) => [path, file.source])))
  const out = new Map<string, Array<string>>(files.map((file) => [file.name, []]))
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file === undefined ? undefined : byPath.get(diagnostic.file.fileName)
    if (file === undefined) {
      // A diagnostic of no consumer file (an option, a declaration file): every file would be affected.
      for (const list of out.values()) list.push(messageOf(diagnostic))
      continue
    }
    const line = diagnostic.start === undefined
      ? 0
      : diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start).line + 1
    out.get(file.name)!.push(`${line}: ${messageOf(diagnostic)}`)
  }
  return out
}

/** The package a loaded file belongs to: `effect`, `undici`, or a workspace package by its folder. */
export const packageOf = (file: string): string => {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)
  if (match) return match[1]!
  const workspace = /\/packages\/([^/]+)\//.exec(file)
  return workspace ? `packages/${workspace[1]}` : file
}
