package jsonschema

import (
	"net/url"
	"path"
	"strings"
)

// normalURL returns the form of an http(s) URL that allowlist matching and
// fetching use: scheme and host lowercased, default port dropped,
// percent-encoding of the path decoded and dot segments resolved
// (http://host/allowed/%2e%2e/secret/y.json is http://host/secret/y.json),
// no fragment. ok is false for what is not an http(s) URL with a host, for
// credentials in the URL, and for an encoded slash or backslash in the path
// (servers disagree on what it means).
func normalURL(s string) (string, bool) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil || u.Opaque != "" {
		return "", false
	}
	esc := strings.ToLower(u.EscapedPath())
	if strings.Contains(esc, "%2f") || strings.Contains(esc, "%5c") || strings.Contains(u.Path, `\`) {
		return "", false
	}
	p := u.Path
	clean := path.Clean("/" + p)
	if strings.HasSuffix(p, "/") && clean != "/" {
		clean += "/"
	}
	host := strings.ToLower(u.Hostname())
	port := u.Port()
	if (u.Scheme == "http" && port == "80") || (u.Scheme == "https" && port == "443") {
		port = ""
	}
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if port != "" {
		host += ":" + port
	}
	out := &url.URL{Scheme: u.Scheme, Host: host, Path: clean, RawQuery: u.RawQuery}
	return out.String(), true
}

// allowedBy reports whether URL u lies under one of the allowed prefixes,
// both normalised: a prefix matches what starts with it, and a prefix
// without a path covers the whole host (never a longer host name).
func allowedBy(allow []string, u string) bool {
	nu, ok := normalURL(u)
	if !ok {
		return false
	}
	for _, p := range allow {
		np, ok := normalURL(p)
		if ok && strings.HasPrefix(nu, np) {
			return true
		}
	}
	return false
}
