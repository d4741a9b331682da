package protogen

// foundation holds the shared files every product package builds on, in the
// shape of googleapis' google/api, google/longrunning, google/rpc,
// google/type, google/iam and google/cloud/location directories: custom
// options declared as extensions of descriptor.proto's option messages, and
// common messages. They are written here in a reduced form of our own; the
// well-known types (google/protobuf/*.proto) come from the compiler.
var foundation = []struct{ path, text string }{
	{"google/api/http.proto", `syntax = "proto3";

package google.api;

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_multiple_files = true;
option java_package = "com.google.api";

// Http configures the HTTP mapping of an API's RPCs.
message Http {
  // The rules, one per RPC.
  repeated HttpRule rules = 1;

  // Whether reserved characters in path expansions are fully decoded.
  bool fully_decode_reserved_expansion = 2;
}

// HttpRule maps one RPC to an HTTP method and path template.
message HttpRule {
  // The RPC the rule applies to.
  string selector = 1;

  // The method and path template.
  oneof pattern {
    string get = 2;
    string put = 3;
    string post = 4;
    string delete = 5;
    string patch = 6;
    CustomHttpPattern custom = 8;
  }

  // The request field mapped to the HTTP body, or "*".
  string body = 7;

  // The response field mapped to the HTTP body.
  string response_body = 12;

  // Further bindings of the same RPC.
  repeated HttpRule additional_bindings = 11;
}

// A custom HTTP method and path.
message CustomHttpPattern {
  string kind = 1;
  string path = 2;
}
`},
	{"google/api/annotations.proto", `syntax = "proto3";

package google.api;

import "google/api/http.proto";
import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_package = "com.google.api";

extend google.protobuf.MethodOptions {
  // The HTTP mapping of the RPC.
  HttpRule http = 72295728;
}
`},
	{"google/api/client.proto", `syntax = "proto3";

package google.api;

import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_package = "com.google.api";

extend google.protobuf.MethodOptions {
  // Flattened signatures client libraries generate for the RPC.
  repeated string method_signature = 1051;
}

extend google.protobuf.ServiceOptions {
  // The host name of the service.
  string default_host = 1049;

  // OAuth scopes the service needs, comma-separated.
  string oauth_scopes = 1050;

  // The API version the service implements.
  string api_version = 525000001;
}
`},
	{"google/api/field_behavior.proto", `syntax = "proto3";

package google.api;

import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_package = "com.google.api";

extend google.protobuf.FieldOptions {
  // How the field behaves in requests and responses.
  repeated FieldBehavior field_behavior = 1052 [packed = false];
}

// How a field behaves.
enum FieldBehavior {
  FIELD_BEHAVIOR_UNSPECIFIED = 0;
  OPTIONAL = 1;
  REQUIRED = 2;
  OUTPUT_ONLY = 3;
  INPUT_ONLY = 4;
  IMMUTABLE = 5;
  UNORDERED_LIST = 6;
  NON_EMPTY_DEFAULT = 7;
  IDENTIFIER = 8;
}
`},
	{"google/api/resource.proto", `syntax = "proto3";

package google.api;

import "google/protobuf/descriptor.proto";

option go_package = "google.golang.org/genproto/googleapis/api/annotations;annotations";
option java_package = "com.google.api";

extend google.protobuf.FieldOptions {
  // The resource the field refers to.
  ResourceReference resource_reference = 1055;
}

extend google.protobuf.FileOptions {
  // Resources defined outside any message of the file.
  repeated ResourceDescriptor resource_definition = 1053;
}

extend google.protobuf.MessageOptions {
  // The resource the message describes.
  ResourceDescriptor resource = 1053;
}

// Describes a resource type.
message ResourceDescriptor {
  // How the resource's name patterns evolved.
  enum History {
    HISTORY_UNSPECIFIED = 0;
    ORIGINALLY_SINGLE_PATTERN = 1;
    FUTURE_MULTI_PATTERN = 2;
  }

  // Style guides the resource follows.
  enum Style {
    STYLE_UNSPECIFIED = 0;
    DECLARATIVE_FRIENDLY = 1;
  }

  string type = 1;
  repeated string pattern = 2;
  string name_field = 3;
  History history = 4;
  string plural = 5;
  string singular = 6;
  repeated Style style = 10;
}

// A reference to a resource type.
message ResourceReference {
  string type = 1;
  string child_type = 2;
}
`},
	{"google/rpc/status.proto", `syntax = "proto3";

package google.rpc;

import "google/protobuf/any.proto";

option go_package = "google.golang.org/genproto/googleapis/rpc/status;status";
option java_package = "com.google.rpc";

// The status of a failed call.
message Status {
  // The status code, a value of google.rpc.Code.
  int32 code = 1;

  // A developer-facing error message, in English.
  string message = 2;

  // Details of the error.
  repeated google.protobuf.Any details = 3;
}
`},
	{"google/rpc/code.proto", `syntax = "proto3";

package google.rpc;

option go_package = "google.golang.org/genproto/googleapis/rpc/code;code";
option java_package = "com.google.rpc";

// Canonical error codes.
enum Code {
  OK = 0;
  CANCELLED = 1;
  UNKNOWN = 2;
  INVALID_ARGUMENT = 3;
  DEADLINE_EXCEEDED = 4;
  NOT_FOUND = 5;
  ALREADY_EXISTS = 6;
  PERMISSION_DENIED = 7;
  RESOURCE_EXHAUSTED = 8;
  FAILED_PRECONDITION = 9;
  ABORTED = 10;
  OUT_OF_RANGE = 11;
  UNIMPLEMENTED = 12;
  INTERNAL = 13;
  UNAVAILABLE = 14;
  DATA_LOSS = 15;
  UNAUTHENTICATED = 16;
}
`},
	{"google/longrunning/operations.proto", `syntax = "proto3";

package google.longrunning;

import "google/api/annotations.proto";
import "google/api/client.proto";
import "google/protobuf/any.proto";
import "google/protobuf/descriptor.proto";
import "google/protobuf/duration.proto";
import "google/protobuf/empty.proto";
import "google/rpc/status.proto";

option go_package = "cloud.google.com/go/longrunning/autogen/longrunningpb;longrunningpb";
option java_package = "com.google.longrunning";

extend google.protobuf.MethodOptions {
  // The types a long-running RPC resolves to.
  OperationInfo operation_info = 1049;
}

// Manages long-running operations.
service Operations {
  option (google.api.default_host) = "longrunning.googleapis.com";

  // Lists operations.
  rpc ListOperations(ListOperationsRequest) returns (ListOperationsResponse) {
    option (google.api.http) = {
      get: "/v1/{name=operations}"
    };
    option (google.api.method_signature) = "name,filter";
  }

  // Gets an operation.
  rpc GetOperation(GetOperationRequest) returns (Operation) {
    option (google.api.http) = {
      get: "/v1/{name=operations/**}"
    };
    option (google.api.method_signature) = "name";
  }

  // Deletes an operation.
  rpc DeleteOperation(DeleteOperationRequest) returns (google.protobuf.Empty) {
    option (google.api.http) = {
      delete: "/v1/{name=operations/**}"
    };
  }

  // Waits for an operation.
  rpc WaitOperation(WaitOperationRequest) returns (Operation);
}

// A long-running operation.
message Operation {
  string name = 1;
  google.protobuf.Any metadata = 2;
  bool done = 3;

  // The outcome, once done.
  oneof result {
    google.rpc.Status error = 4;
    google.protobuf.Any response = 5;
  }
}

message GetOperationRequest {
  string name = 1;
}

message ListOperationsRequest {
  string name = 4;
  string filter = 1;
  int32 page_size = 2;
  string page_token = 3;
}

message ListOperationsResponse {
  repeated Operation operations = 1;
  string next_page_token = 2;
}

message DeleteOperationRequest {
  string name = 1;
}

message WaitOperationRequest {
  string name = 1;
  google.protobuf.Duration timeout = 2;
}

// The response and metadata types of a long-running RPC.
message OperationInfo {
  string response_type = 1;
  string metadata_type = 2;
}
`},
	{"google/type/date.proto", `syntax = "proto3";

package google.type;

option go_package = "google.golang.org/genproto/googleapis/type/date;date";
option java_package = "com.google.type";

// A calendar date.
message Date {
  int32 year = 1;
  int32 month = 2;
  int32 day = 3;
}
`},
	{"google/type/money.proto", `syntax = "proto3";

package google.type;

option go_package = "google.golang.org/genproto/googleapis/type/money;money";
option java_package = "com.google.type";

// An amount of money in a currency.
message Money {
  string currency_code = 1;
  int64 units = 2;
  int32 nanos = 3;
}
`},
	{"google/type/latlng.proto", `syntax = "proto3";

package google.type;

option go_package = "google.golang.org/genproto/googleapis/type/latlng;latlng";
option java_package = "com.google.type";

// A latitude/longitude pair.
message LatLng {
  double latitude = 1;
  double longitude = 2;
}
`},
	{"google/type/interval.proto", `syntax = "proto3";

package google.type;

import "google/protobuf/timestamp.proto";

option go_package = "google.golang.org/genproto/googleapis/type/interval;interval";
option java_package = "com.google.type";

// A time interval, start inclusive, end exclusive.
message Interval {
  google.protobuf.Timestamp start_time = 1;
  google.protobuf.Timestamp end_time = 2;
}
`},
	{"google/type/expr.proto", `syntax = "proto3";

package google.type;

option go_package = "google.golang.org/genproto/googleapis/type/expr;expr";
option java_package = "com.google.type";

// An expression in Common Expression Language.
message Expr {
  string expression = 1;
  string title = 2;
  string description = 3;
  string location = 4;
}
`},
	{"google/iam/v1/policy.proto", `syntax = "proto3";

package google.iam.v1;

import "google/type/expr.proto";

option go_package = "cloud.google.com/go/iam/apiv1/iampb;iampb";
option java_package = "com.google.iam.v1";

// An access control policy.
message Policy {
  int32 version = 1;
  repeated Binding bindings = 4;
  bytes etag = 3;
}

// Binds members to a role.
message Binding {
  string role = 1;
  repeated string members = 2;
  google.type.Expr condition = 3;
}
`},
	{"google/iam/v1/iam_policy.proto", `syntax = "proto3";

package google.iam.v1;

import "google/api/field_behavior.proto";
import "google/iam/v1/policy.proto";
import "google/protobuf/field_mask.proto";

option go_package = "cloud.google.com/go/iam/apiv1/iampb;iampb";
option java_package = "com.google.iam.v1";

message SetIamPolicyRequest {
  string resource = 1 [(google.api.field_behavior) = REQUIRED];
  Policy policy = 2 [(google.api.field_behavior) = REQUIRED];
  google.protobuf.FieldMask update_mask = 3;
}

message GetIamPolicyRequest {
  string resource = 1 [(google.api.field_behavior) = REQUIRED];
}

message TestIamPermissionsRequest {
  string resource = 1 [(google.api.field_behavior) = REQUIRED];
  repeated string permissions = 2 [(google.api.field_behavior) = REQUIRED];
}

message TestIamPermissionsResponse {
  repeated string permissions = 1;
}
`},
	{"google/cloud/location/locations.proto", `syntax = "proto3";

package google.cloud.location;

import "google/protobuf/any.proto";

option go_package = "google.golang.org/genproto/googleapis/cloud/location;location";
option java_package = "com.google.cloud.location";

// A resource that represents a Google Cloud location.
message Location {
  string name = 1;
  string location_id = 4;
  string display_name = 5;
  map<string, string> labels = 2;
  google.protobuf.Any metadata = 3;
}

message ListLocationsRequest {
  string name = 1;
  string filter = 2;
  int32 page_size = 3;
  string page_token = 4;
}

message ListLocationsResponse {
  repeated Location locations = 1;
  string next_page_token = 2;
}
`},
}
