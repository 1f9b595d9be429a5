/**
 * A POSIX sh loop over the lines of a variable with builtins only: `$(…)` output split without `cut`, `read`
 * from a pipe or a here-document (each of those costs a process or a temp file in some shells, and probe
 * fragments run on every audited host). Each turn sets `l` to the next line and consumes it from the variable.
 */
export function eachLineOf(variable: string): string[] {
  const v = variable;
  return ["nl='", "'", `while [ -n "$${v}" ]; do`, `  l=\${${v}%%"$nl"*}; case $${v} in *"$nl"*) ${v}=\${${v}#*"$nl"} ;; *) ${v}= ;; esac`];
}
