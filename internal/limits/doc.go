// Package limits bounds what one run of contractlint may consume, so that a
// hostile or accidental input in a pull request cannot hang or kill a CI
// runner: the size of each input file, the total size of the files one
// comparison reads, the nesting depth of a schema document, and the
// process's memory; and the time and response size of calls to services
// such as the GitHub API.
//
// Limits travel in a [context.Context]: the CLI reads them once from the
// environment ([FromEnv]) and attaches them ([With]); loaders read files
// through [ReadFile] and ask [From] for the depth. A context without limits
// gets the [Defaults]. Exceeding a limit yields an [*Error] that names the
// limit, the file and the environment variable that raises it; the CLI turns
// it into exit code 2.
//
// The environment variables (sizes accept B, KB, KiB, MB, MiB, GB, GiB; 0 or
// "off" lifts a size limit; the depth is 1 to [DepthCeiling]):
//
//	CONTRACTLINT_MAX_FILE_SIZE   one input file (default 16 MiB)
//	CONTRACTLINT_MAX_TOTAL_SIZE  all files one comparison reads, both sides (default 1 GiB)
//	CONTRACTLINT_MAX_DEPTH       nesting of a schema document (default 2,500)
//	CONTRACTLINT_MEMORY_LIMIT    the process's memory (default 75% of the machine's or cgroup's)
//	CONTRACTLINT_HTTP_TIMEOUT       one request to GitHub or a schema registry (default 30s)
//	CONTRACTLINT_MAX_RESPONSE_SIZE  one response body from such a service (default 32 MiB)
//	CONTRACTLINT_PUBLISH_TIMEOUT    all of check's publishing on GitHub (default 2m)
//
// Package internal/httplimit enforces the last three on an HTTP transport.
package limits
