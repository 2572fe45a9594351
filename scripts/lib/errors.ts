/** An error caused by the environment or the input: printed as one line, never a stack trace. */
export class UserFacingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserFacingError";
  }
}

/** Runs a command-line entry point: a UserFacingError prints one clear line and exits non-zero. */
export function runMain(main: () => Promise<void>) {
  main().catch((error: unknown) => {
    if (error instanceof UserFacingError) {
      console.error(`✖ ${error.message}`);
    } else {
      console.error("✖ Terjadi kesalahan tak terduga:", error instanceof Error ? error.message : error);
      if (process.env.DEBUG) console.error(error);
    }
    process.exit(1);
  });
}
