package protogen

// products are the product names of generated packages, in the style of
// googleapis' google/cloud/<product> directories.
var products = []string{
	"accessapproval", "aiplatform", "alloydb", "apigateway", "apigeeconnect", "apikeys",
	"appengine", "artifactregistry", "asset", "assuredworkloads", "automl", "backupdr",
	"baremetalsolution", "batch", "beyondcorp", "bigquery", "bigtable", "billing",
	"binaryauthorization", "certificatemanager", "channel", "cloudbuild", "clouddms",
	"commerce", "compute", "confidentialcomputing", "config", "contactcenterinsights",
	"container", "datacatalog", "dataflow", "dataform", "datafusion", "datalabeling",
	"dataplex", "dataproc", "datastream", "deploy", "dialogflow", "discoveryengine",
	"documentai", "domains", "edgecontainer", "edgenetwork", "essentialcontacts",
	"eventarc", "filestore", "functions", "gkebackup", "gkehub", "gkemulticloud",
	"gsuiteaddons", "iap", "ids", "kms", "language", "lifesciences", "managedidentities",
	"memcache", "metastore", "migrationcenter", "netapp", "networkconnectivity",
	"networkmanagement", "networksecurity", "networkservices", "notebooks", "optimization",
	"orchestration", "orgpolicy", "osconfig", "oslogin", "parallelstore",
	"policysimulator", "policytroubleshooter", "privatecatalog", "pubsub",
	"rapidmigrationassessment", "recaptchaenterprise", "recommender", "redis",
	"resourcemanager", "retail", "run", "scheduler", "secretmanager", "securesourcemanager",
	"security", "securitycenter", "servicedirectory", "servicehealth", "shell", "speech",
	"sql", "storageinsights", "storagetransfer", "support", "talent", "tasks",
	"telcoautomation", "texttospeech", "tpu", "translate", "video", "videointelligence",
	"vision", "vmmigration", "vmwareengine", "vpcaccess", "webrisk", "websecurityscanner",
	"workflows", "workstations",
}

// versions are package versions, most common first.
var versions = []string{"v1", "v1beta1", "v2", "v1alpha1", "v1beta2", "v2beta", "v1p1beta1", "v3", "v2alpha", "v3beta1"}

// nouns name resources; each is one word so that derived names stay unique.
var nouns = []string{
	"Dataset", "Model", "Endpoint", "Job", "Instance", "Cluster", "Backup", "Snapshot",
	"Policy", "Connection", "Repository", "Workflow", "Execution", "Trigger", "Channel",
	"Topic", "Subscription", "Key", "Secret", "Certificate", "Domain", "Network", "Gateway",
	"Route", "Volume", "Pool", "Node", "Schedule", "Task", "Queue", "Index", "Document",
	"Entry", "Tag", "Template", "Deployment", "Release", "Rollout", "Target", "Asset",
	"Feed", "Finding", "Source", "Report", "Rule", "Zone", "Site", "Device", "Registry",
	"Catalog", "Product", "Environment", "Workspace", "Notebook", "Pipeline", "Artifact",
	"Annotation", "Assessment", "Attachment", "Authority", "Bucket", "Build", "Budget",
	"Campaign", "Collection", "Conversation", "Crawler", "Database", "Delivery", "Engine",
	"Evaluation", "Experiment", "Export", "Fleet", "Folder", "Glossary", "Group",
	"Hub", "Image", "Insight", "Integration", "Interconnect", "Inventory", "Invoice",
	"Lake", "Lease", "Listing", "Membership", "Metric", "Migration", "Namespace",
	"Occurrence", "Offer", "Order", "Patch", "Peering", "Perimeter", "Playbook", "Profile",
	"Project", "Provider", "Quota", "Recommendation", "Reservation", "Revision", "Runtime",
	"Scan", "Session", "Shard", "Sink", "Slot", "Spoke", "Stream", "Study", "Table",
	"Tenant", "Transfer", "Trial", "Tunnel", "Version", "View", "Vulnerability", "Webhook",
	"Account", "Agent", "Alert", "Application", "Approval", "Batch", "Bundle", "Capacity",
}

// suffixes name auxiliary messages next to a resource; none is a noun.
var suffixes = []string{"Config", "Spec", "Status", "Summary", "Info", "Details", "Options", "Settings", "Stats", "Properties", "Reference", "Condition", "Window", "Limit"}

// enumSuffixes name top-level enums next to a resource.
var enumSuffixes = []string{"Type", "Mode", "Tier", "Kind", "Phase", "Level"}

// states are the values of the State enums of resources.
var states = []string{"CREATING", "ACTIVE", "UPDATING", "DELETING", "FAILED", "SUSPENDED", "REPAIRING", "STOPPED", "PENDING", "READY", "ERROR", "DISABLED"}

// enumWords are the values of other enums.
var enumWords = []string{"STANDARD", "PREMIUM", "BASIC", "ENTERPRISE", "AUTOMATIC", "MANUAL", "REGIONAL", "ZONAL", "GLOBAL", "INTERNAL", "EXTERNAL", "PUBLIC", "PRIVATE", "PRIMARY", "SECONDARY", "READ_ONLY", "READ_WRITE", "FULL", "INCREMENTAL", "DAILY", "WEEKLY", "MONTHLY", "LOW", "MEDIUM", "HIGH", "CRITICAL"}

// qualifiers and heads compose field names ("max_node_count").
var qualifiers = []string{"max", "min", "default", "primary", "source", "target", "network", "service", "kms", "display", "total", "last", "next", "current", "desired", "effective", "requested", "reserved", "allowed", "encryption", "retention", "replica", "storage", "compute", "maintenance", "backup", "network_tier", "ip", "dns", "peer", "parent", "child", "external", "internal", "client", "server", "auto", "custom", "local", "remote"}

var heads = []string{"count", "size_gb", "uri", "id", "name", "version", "config", "policy", "region", "zone", "address", "port", "duration", "window", "limit", "ratio", "threshold", "key", "account", "endpoint", "path", "prefix", "format", "mode", "tier", "type", "labels", "tags", "hash", "score", "priority", "quota", "capacity", "bytes", "timeout", "interval", "state", "reason", "message", "enabled"}

// words fill comments.
var words = []string{
	"the", "resource", "a", "of", "to", "is", "for", "in", "when", "this", "field", "value",
	"service", "request", "must", "be", "and", "an", "that", "if", "not", "set", "used",
	"which", "by", "with", "are", "format", "output", "only", "may", "returned", "name",
	"identifier", "project", "location", "user", "specified", "default", "should", "will",
	"each", "can", "on", "from", "as", "or", "maximum", "number", "results", "page",
	"token", "list", "operation", "created", "updated", "deleted", "time", "state",
	"current", "labels", "metadata", "configuration", "network", "instance", "cluster",
	"version", "enabled", "disabled", "required", "optional", "unique", "server",
	"client", "policy", "access", "customer", "managed", "encryption", "key", "storage",
	"data", "backup", "region", "zone", "endpoint", "status", "error", "message", "details",
}
