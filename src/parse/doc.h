/*
 * doc.h - one document model for TOML, YAML and JSON.
 *
 * Readers (toml.c, yaml.c, json.c) turn bytes into a tree of struct rc_node;
 * collectors and the rules loader walk the tree without caring about the
 * syntax it came from. Every node records the line and column (1-based) where
 * it starts, so that a collector can give a fact its provenance and a loader
 * can say "file:line:col: expected a list".
 *
 * Ownership: all nodes and strings of a document live in the document's
 * arena; rc_doc_free() releases everything. Pointers returned by the
 * accessors are borrowed from the document.
 */
#ifndef RC_PARSE_DOC_H
#define RC_PARSE_DOC_H

#include "../core/common.h"
#include "../core/arena.h"
#include "../core/buf.h"
#include "../core/err.h"

enum rc_node_type {
	RC_NODE_NULL,
	RC_NODE_BOOL,
	RC_NODE_INT,
	RC_NODE_FLOAT,
	RC_NODE_STRING, /* also TOML dates/times, YAML scalars kept as text */
	RC_NODE_ARRAY,
	RC_NODE_TABLE, /* ordered key -> node; TOML table, YAML/JSON mapping */
};

struct rc_node {
	enum rc_node_type type;
	unsigned line, col;
	const char *key; /* key in the parent table, NULL otherwise */
	union {
		bool b;
		int64_t i;
		double f;
		struct {
			const char *ptr; /* NUL-terminated, may contain NUL */
			size_t len;
		} s;
		struct {
			struct rc_node **items; /* children in source order */
			size_t n, cap;
		} kids; /* ARRAY and TABLE */
	} u;
};

struct rc_doc {
	struct rc_node *root; /* TABLE for TOML; any type for YAML/JSON */
	struct rc_arena arena;
	const char *path; /* in the arena: where it was read from */
};

/* Allocate an empty document (root NULL). 0 or RC_ENOMEM. */
int rc_doc_new(struct rc_doc **out, const char *path);
/* Free a document and all its nodes. Accepts NULL. */
void rc_doc_free(struct rc_doc *doc);

/* Builders for readers: nodes allocated in doc's arena; NULL on ENOMEM. */
struct rc_node *rc_doc_node(struct rc_doc *doc, enum rc_node_type type,
			    unsigned line, unsigned col);
struct rc_node *rc_doc_string(struct rc_doc *doc, const char *s, size_t len,
			      unsigned line, unsigned col);
/*
 * Append child to an ARRAY or TABLE. For a TABLE the key is copied into the
 * arena and stored in child->key (ignored for an ARRAY). Duplicate keys are
 * allowed in the model; readers that must reject them check first.
 * 0, RC_ENOMEM, or RC_EINTERNAL when parent is not an ARRAY or TABLE.
 */
int rc_node_append(struct rc_doc *doc, struct rc_node *parent, const char *key,
		   struct rc_node *child);
/* The same with a key of keylen bytes (not NUL-terminated). */
int rc_node_appendn(struct rc_doc *doc, struct rc_node *parent, const char *key,
		    size_t keylen, struct rc_node *child);

/* Accessors: all tolerate NULL node and return NULL/false/0 when absent. */
/* Child of a TABLE by key (first match), NULL when absent or not a table. */
const struct rc_node *rc_node_get(const struct rc_node *table, const char *key);
/*
 * Follow a dotted path of table keys: "tool.poetry.dependencies". Each
 * segment is looked up with rc_node_get(), so keys that themselves contain
 * a '.' cannot be reached this way (use rc_node_get()). "" is node itself.
 */
const struct rc_node *rc_node_path(const struct rc_node *node,
				   const char *dotted);
/* Number of children (ARRAY/TABLE), 0 otherwise. */
size_t rc_node_count(const struct rc_node *node);
/* i-th child of an ARRAY/TABLE, NULL out of range. */
const struct rc_node *rc_node_at(const struct rc_node *node, size_t i);
/* String value, or NULL when the node is not a STRING. */
const char *rc_node_str(const struct rc_node *node);
/*
 * Scalar rendered as text: bool "true"/"false", int in decimal, float in the
 * shortest form that reads back exactly ("1.0", "0.1", "inf", "nan") written
 * into buf (n bytes, truncated if short). A STRING returns its own text, not
 * a copy in buf. NULL for NULL/ARRAY/TABLE nodes.
 */
const char *rc_node_text(const struct rc_node *node, char *buf, size_t n);
bool rc_node_is(const struct rc_node *node, enum rc_node_type type);
/* "null", "boolean", "integer", "float", "string", "array", "table". */
const char *rc_node_type_name(enum rc_node_type type);

/*
 * A document packed into bytes, to be rebuilt without parsing: types,
 * values, keys and every node's line and column, in preorder. The build
 * packs the built-in rules this way (tools/embed.c), so that starting up
 * costs no YAML parsing while errors and "defined in" still name the
 * lines of the YAML files. rc_doc_unpack() checks every length and rejects
 * anything but rc_doc_pack()'s output (RC_EPARSE, offset in err->col);
 * documents nested deeper than RC_DOC_PACK_DEPTH are refused both ways.
 */
#define RC_DOC_PACK_DEPTH 512
int rc_doc_pack(const struct rc_doc *doc, struct rc_buf *out);
int rc_doc_unpack(struct rc_doc **out, const void *data, size_t len,
		  const char *path, struct rc_err *err);

#endif
