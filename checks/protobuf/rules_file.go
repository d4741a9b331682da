package protobuf

import (
	"strconv"

	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/types/descriptorpb"
)

// Rules about a file present on both sides: its syntax, package and file
// options.

// fileOptionRule declares a FILE_SAME_* rule for one file option: value
// reads it (with descriptor.proto's default when unset), number is the
// option's field number in FileOptions.
func fileOptionRule(id, option string, number int32, value func(*descriptorpb.FileOptions) string, oldValue, newValue string) *rule {
	return &rule{
		Rule: bufRule(id, "FILE PACKAGE", "File changed option "+option,
			doc("Reports a file whose `"+option+"` option changed (unset counts as the option's default). Located at the option in the new file, or at the file without a line when the new file does not set it.",
				"The option decides where and under which names code is generated; changing it moves or renames the generated code and breaks its users.",
				"option "+option+" = "+oldValue+";",
				"option "+option+" = "+newValue+";")),
		file: func(d *Diff, of, nf *File) {
			ov, nv := value(fileOptions(of)), value(fileOptions(nf))
			if ov != nv {
				d.ReportChange(nf.Loc(protoreflect.SourcePath{fileOptionsPath, number}), of, nf.Path, ov, nv,
					"file option %s changed from %q to %q", option, ov, nv)
			}
		},
	}
}

func fileOptions(f *File) *descriptorpb.FileOptions {
	o, _ := f.Desc.Options().(*descriptorpb.FileOptions)
	return o // nil getters return defaults
}

var (
	ruleFileSameCcEnableArenas = fileOptionRule("FILE_SAME_CC_ENABLE_ARENAS", "cc_enable_arenas", 31,
		func(o *descriptorpb.FileOptions) string { return strconv.FormatBool(o.GetCcEnableArenas()) }, "true", "false")
	ruleFileSameCcGenericServices = fileOptionRule("FILE_SAME_CC_GENERIC_SERVICES", "cc_generic_services", 16,
		func(o *descriptorpb.FileOptions) string { return strconv.FormatBool(o.GetCcGenericServices()) }, "false", "true")
	ruleFileSameCsharpNamespace = fileOptionRule("FILE_SAME_CSHARP_NAMESPACE", "csharp_namespace", 37,
		func(o *descriptorpb.FileOptions) string { return o.GetCsharpNamespace() }, `"Foo.V1"`, `"Foo.Api.V1"`)
	ruleFileSameGoPackage = fileOptionRule("FILE_SAME_GO_PACKAGE", "go_package", 11,
		func(o *descriptorpb.FileOptions) string { return o.GetGoPackage() }, `"example.com/foo/v1;foov1"`, `"example.com/foo/api/v1;foov1"`)
	ruleFileSameJavaGenericServices = fileOptionRule("FILE_SAME_JAVA_GENERIC_SERVICES", "java_generic_services", 17,
		func(o *descriptorpb.FileOptions) string { return strconv.FormatBool(o.GetJavaGenericServices()) }, "false", "true")
	ruleFileSameJavaMultipleFiles = fileOptionRule("FILE_SAME_JAVA_MULTIPLE_FILES", "java_multiple_files", 10,
		func(o *descriptorpb.FileOptions) string { return strconv.FormatBool(o.GetJavaMultipleFiles()) }, "true", "false")
	ruleFileSameJavaOuterClassname = fileOptionRule("FILE_SAME_JAVA_OUTER_CLASSNAME", "java_outer_classname", 8,
		func(o *descriptorpb.FileOptions) string { return o.GetJavaOuterClassname() }, `"UserProto"`, `"UserProtos"`)
	ruleFileSameJavaPackage = fileOptionRule("FILE_SAME_JAVA_PACKAGE", "java_package", 1,
		func(o *descriptorpb.FileOptions) string { return o.GetJavaPackage() }, `"com.example.foo.v1"`, `"com.example.api.foo.v1"`)
	ruleFileSameObjcClassPrefix = fileOptionRule("FILE_SAME_OBJC_CLASS_PREFIX", "objc_class_prefix", 36,
		func(o *descriptorpb.FileOptions) string { return o.GetObjcClassPrefix() }, `"FXX"`, `"FOO"`)
	ruleFileSameOptimizeFor = fileOptionRule("FILE_SAME_OPTIMIZE_FOR", "optimize_for", 9,
		func(o *descriptorpb.FileOptions) string { return o.GetOptimizeFor().String() }, "SPEED", "LITE_RUNTIME")
	ruleFileSamePhpClassPrefix = fileOptionRule("FILE_SAME_PHP_CLASS_PREFIX", "php_class_prefix", 40,
		func(o *descriptorpb.FileOptions) string { return o.GetPhpClassPrefix() }, `"Foo"`, `"Bar"`)
	ruleFileSamePhpMetadataNamespace = fileOptionRule("FILE_SAME_PHP_METADATA_NAMESPACE", "php_metadata_namespace", 44,
		func(o *descriptorpb.FileOptions) string { return o.GetPhpMetadataNamespace() }, `"Foo\\V1\\Meta"`, `"Foo\\Meta"`)
	ruleFileSamePhpNamespace = fileOptionRule("FILE_SAME_PHP_NAMESPACE", "php_namespace", 41,
		func(o *descriptorpb.FileOptions) string { return o.GetPhpNamespace() }, `"Foo\\V1"`, `"Foo\\Api\\V1"`)
	ruleFileSamePyGenericServices = fileOptionRule("FILE_SAME_PY_GENERIC_SERVICES", "py_generic_services", 18,
		func(o *descriptorpb.FileOptions) string { return strconv.FormatBool(o.GetPyGenericServices()) }, "false", "true")
	ruleFileSameRubyPackage = fileOptionRule("FILE_SAME_RUBY_PACKAGE", "ruby_package", 45,
		func(o *descriptorpb.FileOptions) string { return o.GetRubyPackage() }, `"Foo::V1"`, `"Foo::Api::V1"`)
	ruleFileSameSwiftPrefix = fileOptionRule("FILE_SAME_SWIFT_PREFIX", "swift_prefix", 39,
		func(o *descriptorpb.FileOptions) string { return o.GetSwiftPrefix() }, `"FOO"`, `"BAR"`)
)

var ruleFileSameSyntax = &rule{
	Rule: bufRule("FILE_SAME_SYNTAX", "CSR FILE PACKAGE", "File changed syntax",
		doc(`Reports a file whose syntax changed between proto2, proto3 and editions (a file without a syntax statement is proto2). Located at the syntax (or edition) statement, else at the file.`,
			`Syntax decides field presence, enum openness, default values and UTF-8 validation; generated code and encoding change with it.`,
			`syntax = "proto2";`,
			`syntax = "proto3";`)),
	file: func(d *Diff, of, nf *File) {
		os, ns := syntaxOf(of), syntaxOf(nf)
		if os != ns {
			d.ReportChange(nf.Loc(protoreflect.SourcePath{fileSyntax}, protoreflect.SourcePath{fileEdition}), of, nf.Path, os, ns,
				"file syntax changed from %q to %q", os, ns)
		}
	},
}

func syntaxOf(f *File) string {
	switch f.Desc.Syntax() {
	case protoreflect.Proto3:
		return "proto3"
	case protoreflect.Editions:
		return "editions"
	}
	return "proto2"
}

var ruleFileSamePackage = &rule{
	Rule: bufRule("FILE_SAME_PACKAGE", "CSR FILE PACKAGE WIRE_JSON WIRE", "File changed package",
		doc(`Reports a file whose package changed. Located at the package statement, else at the file.`,
			`Every element of the file gets a new full name: generated code moves, Any type URLs and RPC paths change.`,
			`package foo.v1;`,
			`package foo.v2;`)),
	file: func(d *Diff, of, nf *File) {
		if op, np := of.Package(), nf.Package(); op != np {
			d.ReportChange(nf.Loc(protoreflect.SourcePath{filePackage}), of, nf.Path, op, np,
				"file package changed from %q to %q", op, np)
		}
	},
}
