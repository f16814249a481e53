/** The Electron executable's path, or undefined when the binary is not installed (never triggers a download). */
export function electronBinary(repoRoot: string): string | undefined;
