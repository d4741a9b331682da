package schemaregistry

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
)

// Fetcher reads registry versions with their references, each (subject,
// version) once.
type Fetcher struct {
	// Client talks to the registry.
	Client *Client

	mu    sync.Mutex
	cache map[string]*Schema
}

// Get returns version v of subject (v ≤ 0: the latest; not cached).
func (f *Fetcher) Get(ctx context.Context, subject string, v int) (*Schema, error) {
	key := subject + "\x00" + strconv.Itoa(v)
	if v > 0 {
		f.mu.Lock()
		s, ok := f.cache[key]
		f.mu.Unlock()
		if ok {
			return s, nil
		}
	}
	s, err := f.Client.Version(ctx, subject, v)
	if err != nil {
		return nil, err
	}
	f.mu.Lock()
	if f.cache == nil {
		f.cache = map[string]*Schema{}
	}
	f.cache[subject+"\x00"+strconv.Itoa(s.Version)] = s
	f.mu.Unlock()
	return s, nil
}

// Bundle returns a registered schema and, transitively, the schemas its
// references name, with the root at rootPath and the references placed by
// l.
func (f *Fetcher) Bundle(ctx context.Context, s *Schema, rootPath string, l *Layout) (*Bundle, error) {
	n := 0
	var visit func(s *Schema, name, p string, stack []string) (*Bundle, error)
	visit = func(s *Schema, name, p string, stack []string) (*Bundle, error) {
		id := fmt.Sprintf("%s v%d", s.Subject, s.Version)
		for _, x := range stack {
			if x == id {
				return nil, fmt.Errorf("schema registry: references of %s form a cycle: %s", stack[0], strings.Join(append(stack, id), " → "))
			}
		}
		if n++; n > maxRefs {
			return nil, fmt.Errorf("schema registry: %s has more than %d references", stack[0], maxRefs)
		}
		b := &Bundle{Name: name, Path: p, Content: []byte(s.Schema)}
		for _, ref := range s.References {
			rs, err := f.Get(ctx, ref.Subject, ref.Version)
			if err != nil {
				return nil, fmt.Errorf("reference %s of %s (subject %s version %d): %w", ref.Name, id, ref.Subject, ref.Version, err)
			}
			child, err := visit(rs, ref.Name, l.Locate(ref.Name, p), append(stack, id))
			if err != nil {
				return nil, err
			}
			b.Refs = append(b.Refs, child)
		}
		sortRefs(b.Refs)
		return b, nil
	}
	return visit(s, "", rootPath, nil)
}

func sortRefs(refs []*Bundle) {
	for i := 1; i < len(refs); i++ {
		for j := i; j > 0 && refs[j].Name < refs[j-1].Name; j-- {
			refs[j], refs[j-1] = refs[j-1], refs[j]
		}
	}
}
