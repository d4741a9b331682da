package contract

import (
	"fmt"
	"regexp"
	"strings"
)

// tagPlaceholder finds what looks like a placeholder in a tag pattern.
var tagPlaceholder = regexp.MustCompile(`\{[^{}]*\}?|\}`)

// checkTagPattern says what is wrong with a tag pattern's placeholders:
// only {name} and {version} are known, so a typo ("{nam}") cannot turn
// into a pattern that matches no tag and makes every contract "new".
func checkTagPattern(tag string) string {
	for _, m := range tagPlaceholder.FindAllString(tag, -1) {
		switch m {
		case "{name}", "{version}":
			continue
		}
		if !strings.HasPrefix(m, "{") || !strings.HasSuffix(m, "}") {
			return fmt.Sprintf("unbalanced brace in %q; the placeholders are {name} and {version}", m)
		}
		msg := fmt.Sprintf("unknown placeholder %s; the placeholders are {name} and {version}", m)
		if s := suggest(strings.Trim(m, "{}"), []string{"name", "version"}); s != "" {
			msg += "; did you mean {" + s + "}?"
		}
		return msg
	}
	if strings.ContainsAny(tag, " ~^:?*[\\") || strings.Contains(tag, "..") || strings.Contains(tag, "@{") {
		return "a git tag name cannot contain spaces, ~ ^ : ? * [ \\, .. or @{"
	}
	return ""
}

// TagFor returns the tag that publishes version v of the contract.
func (c *Contract) TagFor(v Version) string {
	return strings.NewReplacer("{name}", c.Name, "{version}", v.String()).Replace(c.Tag)
}

// TagVersion returns the version a tag publishes, if the tag matches the
// contract's pattern.
func (c *Contract) TagVersion(tag string) (Version, bool) {
	before, after := c.tagAffixes()
	return tagVersion(tag, before, after)
}

// tagAffixes splits the contract's tag pattern around {version}.
func (c *Contract) tagAffixes() (before, after string) {
	before, after, _ = strings.Cut(strings.ReplaceAll(c.Tag, "{name}", c.Name), "{version}")
	return before, after
}

func tagVersion(tag, before, after string) (Version, bool) {
	rest, ok := strings.CutPrefix(tag, before)
	if !ok {
		return Version{}, false
	}
	vs, ok := strings.CutSuffix(rest, after)
	if !ok || strings.Contains(after, "{version}") {
		return Version{}, false
	}
	v, err := ParseVersion(vs)
	return v, err == nil
}
