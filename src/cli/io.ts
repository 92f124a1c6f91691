/** The terminal the command line talks to (the process's own, or a test's). */
export interface CliIO {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdin: NodeJS.ReadableStream;
  readonly stdoutIsTTY: boolean;
  write(text: string): void;
  writeError(text: string): void;
}
