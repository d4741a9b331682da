package protobuf

import (
	"sync"

	"github.com/bufbuild/protocompile/protoutil"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Editions features, resolved the way protoc does: the element's own
// features, then those of its enclosing elements, then the edition's
// default (proto2 and proto3 files have fixed defaults).

var featureSetFields = (*descriptorpb.FeatureSet)(nil).ProtoReflect().Descriptor().Fields()

// resolveFeature resolves a standard feature (a field of FeatureSet by name)
// of element. It falls back to the zero value when resolution fails, which
// only happens for editions this compiler does not know (it would have
// refused to compile them).
func resolveFeature(element protoreflect.Descriptor, name protoreflect.Name) protoreflect.EnumNumber {
	if s := element.ParentFile().Syntax(); s == protoreflect.Proto2 || s == protoreflect.Proto3 {
		// Such files cannot set features: the edition's default holds.
		return syntaxDefault(editionOf(element), name)
	}
	v, err := protoutil.ResolveFeature(element, featureSetFields.ByName(name))
	if err != nil {
		return 0
	}
	return v.Enum()
}

type featureKey struct {
	edition descriptorpb.Edition
	name    protoreflect.Name
}

// featureDefaults caches the defaults of proto2 and proto3: the library
// parses a default from its text form each time it is asked.
var featureDefaults sync.Map // featureKey -> protoreflect.EnumNumber

func syntaxDefault(edition descriptorpb.Edition, name protoreflect.Name) protoreflect.EnumNumber {
	k := featureKey{edition, name}
	if v, ok := featureDefaults.Load(k); ok {
		return v.(protoreflect.EnumNumber)
	}
	var n protoreflect.EnumNumber
	if v, err := protoutil.GetFeatureDefault(edition, featureSetFields.ByName(name)); err == nil {
		n = v.Enum()
	}
	featureDefaults.Store(k, n)
	return n
}

func utf8Validation(fd protoreflect.FieldDescriptor) descriptorpb.FeatureSet_Utf8Validation {
	return descriptorpb.FeatureSet_Utf8Validation(resolveFeature(fd, "utf8_validation"))
}

func jsonFormat(d protoreflect.Descriptor) descriptorpb.FeatureSet_JsonFormat {
	return descriptorpb.FeatureSet_JsonFormat(resolveFeature(d, "json_format"))
}

type hasEdition interface{ Edition() int32 }

// editionOf returns the edition of the element's file (proto2 and proto3 map
// to their pseudo-editions).
func editionOf(d protoreflect.Descriptor) descriptorpb.Edition {
	switch d.ParentFile().Syntax() {
	case protoreflect.Proto2:
		return descriptorpb.Edition_EDITION_PROTO2
	case protoreflect.Proto3:
		return descriptorpb.Edition_EDITION_PROTO3
	}
	if e, ok := d.ParentFile().(hasEdition); ok {
		return descriptorpb.Edition(e.Edition())
	}
	return descriptorpb.Edition_EDITION_UNKNOWN
}

// customFeature resolves field number field of the language-specific
// feature message that extends FeatureSet with number ext (1000 pb.cpp, 1001
// pb.java) for element, searching the element and its ancestors. ok is false
// when nothing sets it (the caller applies the default).
func customFeature(element protoreflect.Descriptor, ext, field protowire.Number) (uint64, bool) {
	if element.ParentFile().Syntax() != protoreflect.Editions {
		return 0, false
	}
	for d := element; d != nil; d = featureParent(d) {
		if v, ok := customFeatureOf(d, ext, field); ok {
			return v, true
		}
	}
	return 0, false
}

// featureParent is the element features are inherited from: a field's
// oneof, else the lexical parent.
func featureParent(d protoreflect.Descriptor) protoreflect.Descriptor {
	if fd, ok := d.(protoreflect.FieldDescriptor); ok && !fd.IsExtension() {
		if o := fd.ContainingOneof(); o != nil {
			return o
		}
	}
	if _, ok := d.(protoreflect.FileDescriptor); ok {
		return nil
	}
	return d.Parent()
}

func customFeatureOf(d protoreflect.Descriptor, ext, field protowire.Number) (uint64, bool) {
	opts := d.Options()
	if opts == nil {
		return 0, false
	}
	m := opts.ProtoReflect()
	ff := m.Descriptor().Fields().ByName("features")
	if ff == nil || !m.Has(ff) {
		return 0, false
	}
	data, err := proto.MarshalOptions{Deterministic: true}.Marshal(m.Get(ff).Message().Interface())
	if err != nil {
		return 0, false
	}
	var val uint64
	found := false
	scan(data, func(num protowire.Number, typ protowire.Type, b []byte) {
		if num != ext || typ != protowire.BytesType {
			return
		}
		scan(b, func(n protowire.Number, t protowire.Type, vb []byte) {
			if n == field && t == protowire.VarintType {
				if v, k := protowire.ConsumeVarint(vb); k > 0 {
					val, found = v, true
				}
			}
		})
	})
	return val, found
}

// scan calls fn for every field of a serialized message: for varints, b
// holds the varint; for length-delimited fields, the payload.
func scan(data []byte, fn func(protowire.Number, protowire.Type, []byte)) {
	for len(data) > 0 {
		num, typ, n := protowire.ConsumeTag(data)
		if n < 0 {
			return
		}
		data = data[n:]
		switch typ {
		case protowire.BytesType:
			v, m := protowire.ConsumeBytes(data)
			if m < 0 {
				return
			}
			fn(num, typ, v)
			data = data[m:]
		default:
			m := protowire.ConsumeFieldValue(num, typ, data)
			if m < 0 {
				return
			}
			fn(num, typ, data[:m])
			data = data[m:]
		}
	}
}
