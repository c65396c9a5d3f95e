/*
 * facts.h - the fact store: everything collectors learned about a repository.
 *
 * A fact is a named, typed value with provenance: ("dependency.rust",
 * "actix-web", Cargo.toml:14). Names are dotted and documented in
 * docs/internals/facts.md; many facts may share a name (one per dependency).
 * Besides named facts the store holds two indexes that predicates need:
 *  - the file list: every walked file with its size and flags;
 *  - content matches: for each content pattern id (see match.h), where the
 *    pattern was found (path, line, snippet), first RC_FACTS_MAX_HITS kept,
 *    all counted.
 *
 * Strings passed in are copied into the store's arena; pointers handed out
 * are borrowed and live until rc_facts_free(). Not thread-safe: workers
 * collect into their own store and the engine merges with rc_facts_merge()
 * in file order, so output does not depend on --jobs.
 */
#ifndef RC_FACTS_FACTS_H
#define RC_FACTS_FACTS_H

#include "../core/common.h"
#include "../core/buf.h"

enum rc_fact_type {
	RC_FACT_BOOL,
	RC_FACT_NUM,
	RC_FACT_STR,
};

struct rc_fact {
	const char *name;
	enum rc_fact_type type;
	bool b;
	double num;
	const char *str;  /* RC_FACT_STR value; "" for other types */
	const char *path; /* provenance; "" when repository-wide */
	unsigned line;	  /* 0 when not about a line */
	const char *note; /* optional explanation ("reason"), or NULL */
};

enum rc_file_flags {
	RC_FILE_BINARY = 1 << 0,
	RC_FILE_SKIPPED = 1 << 1, /* over the size limit or unreadable */
	RC_FILE_SYMLINK = 1 << 2, /* a symlink inside the root, not followed */
};

struct rc_file_entry {
	const char *path; /* relative to the root, '/'-separated */
	uint64_t size;
	unsigned flags;
	uint64_t lines; /* number of lines for text files, 0 otherwise */
};

struct rc_hit {
	const char *path;
	unsigned line;
	const char *snippet; /* the matching line, trimmed to 200 bytes */
};

#define RC_FACTS_MAX_HITS 5

struct rc_facts;

int rc_facts_new(struct rc_facts **out);
void rc_facts_free(struct rc_facts *f);

/* Adders: 0 or RC_ENOMEM. path may be NULL (repository-wide). */
int rc_facts_add_str(struct rc_facts *f, const char *name, const char *value,
		     const char *path, unsigned line);
int rc_facts_add_num(struct rc_facts *f, const char *name, double value,
		     const char *path, unsigned line);
int rc_facts_add_bool(struct rc_facts *f, const char *name, bool value,
		      const char *path, unsigned line);
/* Like add_str with a note (the reason for a derived fact). */
int rc_facts_add_note(struct rc_facts *f, const char *name, const char *value,
		      const char *path, unsigned line, const char *note);

/* Set a string value only if (name, value) is not already present. */
int rc_facts_add_str_once(struct rc_facts *f, const char *name,
			  const char *value, const char *path, unsigned line);

/* Number of facts and the i-th (insertion order). */
size_t rc_facts_count(const struct rc_facts *f);
const struct rc_fact *rc_facts_at(const struct rc_facts *f, size_t i);

/*
 * Iterate facts with a name: start with *iter = 0; returns the next fact
 * named `name` or NULL at the end. A name ending in ".*" matches a prefix
 * ("dependency.*" finds dependency.rust, dependency.python, ...).
 */
const struct rc_fact *rc_facts_next(const struct rc_facts *f, const char *name,
				    size_t *iter);
/* First fact named name, NULL when none. */
const struct rc_fact *rc_facts_get(const struct rc_facts *f, const char *name);
/* First fact named name whose string value equals value (case-sensitive). */
const struct rc_fact *rc_facts_find(const struct rc_facts *f, const char *name,
				    const char *value);

/* File list. */
int rc_facts_add_file(struct rc_facts *f, const char *path, uint64_t size,
		      unsigned flags, uint64_t lines);
size_t rc_facts_file_count(const struct rc_facts *f);
const struct rc_file_entry *rc_facts_file_at(const struct rc_facts *f,
					     size_t i);
/* The entry for an exact path, or NULL (binary search after sort). */
const struct rc_file_entry *rc_facts_file(const struct rc_facts *f,
					  const char *path);

/* Content matches, by pattern id (0-based, dense). */
int rc_facts_add_hit(struct rc_facts *f, unsigned pattern, const char *path,
		     unsigned line, const char *snippet, size_t snippet_len);
/* Hits recorded for pattern (at most RC_FACTS_MAX_HITS), and total count. */
size_t rc_facts_hits(const struct rc_facts *f, unsigned pattern,
		     const struct rc_hit **out, uint64_t *total);

/*
 * Move everything of src (a worker's batch) into dst, appending in order.
 * src is left empty and reusable.
 */
int rc_facts_merge(struct rc_facts *dst, struct rc_facts *src);

/* Sort the file list by path (call once after the walk). */
void rc_facts_sort_files(struct rc_facts *f);

/*
 * Dump as JSON: {"schema":"readycheck/facts/v1","facts":[...],"files":{
 * "count":N,...},"patterns":[...]}. Keys in stable order. Errors are the
 * buffer's sticky error.
 */
int rc_facts_to_json(const struct rc_facts *f, struct rc_buf *out);

#endif
