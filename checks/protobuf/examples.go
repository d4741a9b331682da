package protobuf

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/dynamicpb"

	"github.com/contractlint/contractlint/checks"
)

// ExampleSchema implements checks.ExampleValidator: examples are protobuf
// JSON (protojson, unknown fields rejected) instances of the message named
// target, declared in one of side.Files. The files are compiled by the
// engine's own loader, with the import roots of opts (roots:, -I), else a
// buf.yaml's or buf.work.yaml's, else those the imports need, and the
// dependencies a buf.lock pins: exactly as a comparison reads them.
func (*Engine) ExampleSchema(ctx context.Context, side checks.Side, opts checks.EngineOptions, target string) (checks.ExampleCheck, string, error) {
	snap, err := loadAlone(ctx, side, opts, nil)
	if err != nil {
		return nil, "", err
	}
	name := protoreflect.FullName(target)
	m := snap.Message(name)
	if m == nil {
		for _, f := range snap.Files {
			if r, ok := f.Desc.(interface {
				FindDescriptorByName(protoreflect.FullName) protoreflect.Descriptor
			}); ok && r.FindDescriptorByName(name) != nil {
				return nil, "", fmt.Errorf("%s is not a message", target)
			}
		}
		return nil, "", fmt.Errorf("message %s is not declared in the contract's files", target)
	}
	md := m.Desc
	file := m.File.SidePath
	return func(fsys fs.FS, name string) string { return validateProtoJSON(fsys, name, md) }, file, nil
}

// protoErrPrefix is the "proto: " protobuf-go puts before its errors, with a
// space it varies on purpose.
var protoErrPrefix = regexp.MustCompile(`^proto:[\s\x{00a0}]*`)

// validateProtoJSON returns why an example does not parse as the message in
// protobuf JSON, or "".
func validateProtoJSON(fsys fs.FS, name string, md protoreflect.MessageDescriptor) string {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err.Error()
	}
	if err := protojson.Unmarshal(data, dynamicpb.NewMessage(md)); err != nil {
		return protoErrPrefix.ReplaceAllString(err.Error(), "")
	}
	return ""
}
