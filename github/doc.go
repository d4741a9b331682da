// Package github publishes a contractlint report where a pull request's
// reviewers meet it: one sticky comment on the pull request, an optional
// check run with annotations, and the job summary of the GitHub Actions step.
//
// All REST traffic goes through the small [API] interface; [REST] implements
// it with github.com/google/go-github/v60 over an HTTP client whose
// [Transport] honours rate limits (Retry-After, capped) and retries server
// errors with jittered backoff, with an injectable sleep so tests run fast.
// [Env] and [ReadPullRequest] read what GitHub Actions tells a step about its
// run. Publishing trouble never loses the report: [Publisher] turns a fork
// pull request or a token without write access into a warning and keeps
// going.
//
// The token is only ever sent in the Authorization header; it never appears
// in any message this package produces.
package github
