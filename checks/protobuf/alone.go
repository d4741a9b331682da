package protobuf

import (
	"context"
	"hash/maphash"

	"github.com/contractlint/contractlint/checks"
)

// loadAlone compiles a side on its own, not compared with another (its
// elements, its examples' messages): its module roots are those of the
// options opts, else a buf.yaml's, else those its imports need, as in a
// comparison. With want, only the files it accepts are compiled (their
// imports still resolve); want is asked with a file's side path and with
// its module-relative name.
func loadAlone(ctx context.Context, side checks.Side, opts checks.EngineOptions, want func(string) bool) (*Snapshot, error) {
	ic, err := importConfigFrom(optionsOf(opts))
	if err != nil {
		return nil, &checks.InputError{Side: side.Label, Diagnostics: []checks.Diagnostic{configDiagnostic(err)}}
	}
	layout, err := sideLayout(ctx, side, protoFiles(side.Files), ic)
	if err != nil {
		return nil, &checks.InputError{Side: side.Label, Diagnostics: []checks.Diagnostic{configDiagnostic(err)}}
	}
	in, err := listSide(side, layout)
	if err != nil {
		return nil, err
	}
	if want != nil {
		sub := &sideFiles{layout: in.layout, names: map[string]string{}, mods: map[string]*Module{}}
		for name, p := range in.names {
			if want(p) || want(name) {
				sub.names[name], sub.mods[name] = p, in.mods[name]
			}
		}
		in = sub
	}
	// Nothing is stable (or shared) when a side is read on its own.
	return loadSide(ctx, side, in, &stableSet{pkgs: map[string]string{}, imports: map[string][]string{}}, nil, newAccessor(ctx, side.FS, in.layout, maphash.MakeSeed(), nil, nil), sidePreparsed{})
}
