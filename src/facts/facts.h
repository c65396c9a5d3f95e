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
 * Strings passed in are copied into the store's arena (names, values, paths
 * and notes are interned: each distinct string is stored once). Pointers
 * handed out (facts, file entries, hits and their strings) are borrowed and
 * live until rc_facts_free(), or, for a merged batch, until the merge.
 * Not thread-safe: workers collect into their own store and the engine
 * merges with rc_facts_merge() in file order, so output does not depend on
 * --jobs.
 *
 * Cost: adding a fact is O(1) amortised; lookup by exact name is a hash
 * probe plus a binary search in that name's list of fact indexes; a
 * "prefix.*" query also scans the list of distinct names (a few dozen).
 * Content hits past the first RC_FACTS_MAX_HITS of a pattern only count.
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

/*
 * Adders: 0 or RC_ENOMEM. path may be NULL (repository-wide); a NULL string
 * value is stored as "".
 */
int rc_facts_add_str(struct rc_facts *f, const char *name, const char *value,
		     const char *path, unsigned line);
int rc_facts_add_num(struct rc_facts *f, const char *name, double value,
		     const char *path, unsigned line);
int rc_facts_add_bool(struct rc_facts *f, const char *name, bool value,
		      const char *path, unsigned line);
/* Like add_str with a note (the reason for a derived fact). */
int rc_facts_add_note(struct rc_facts *f, const char *name, const char *value,
		      const char *path, unsigned line, const char *note);
/* A number with a note ("1234 test lines / 5678 source lines"). */
int rc_facts_add_num_note(struct rc_facts *f, const char *name, double value,
			  const char *path, unsigned line, const char *note);

/*
 * Set a string value only if (name, value) is not already present. The fact
 * remembers it was added this way: rc_facts_merge() drops it when the
 * destination already has (name, value), so batching does not change the
 * result.
 */
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
/*
 * The entry for an exact path, or NULL. Binary search while the list is
 * sorted (after rc_facts_sort_files(), or when files were added in path
 * order), a linear scan otherwise.
 */
const struct rc_file_entry *rc_facts_file(const struct rc_facts *f,
					  const char *path);

/*
 * Content matches, by pattern id (0-based, dense, below 1 << 20: larger ids
 * are a bug and give RC_ETOOBIG). The snippet is the matching line: leading
 * and trailing blanks are removed and it is cut to 200 bytes at a UTF-8
 * character boundary. Only the first RC_FACTS_MAX_HITS hits of a pattern are
 * kept (in insertion order); every hit is counted. snippet may be NULL.
 * 0, RC_ENOMEM or RC_ETOOBIG.
 */
int rc_facts_add_hit(struct rc_facts *f, unsigned pattern, const char *path,
		     unsigned line, const char *snippet, size_t snippet_len);
/*
 * Hits recorded for pattern (at most RC_FACTS_MAX_HITS; *out is NULL when
 * none), and the total count in *total (total may be NULL).
 */
size_t rc_facts_hits(const struct rc_facts *f, unsigned pattern,
		     const struct rc_hit **out, uint64_t *total);

/*
 * Hits grouped by where they are, for checks decided per package of a
 * monorepo. A group is (scope, flags): scope is the directory of the
 * innermost package candidate holding the file ("" for the root), flags say
 * whether the file is source code (RC_HIT_CODE) and whether the pattern's
 * globs matched only the path relative to scope (RC_HIT_RELONLY: such hits
 * are kept out of the repository-wide list of rc_facts_hits()). Each group
 * keeps its own first RC_FACTS_MAX_HITS and counts all.
 */
enum rc_hit_flags {
	RC_HIT_CODE = 1 << 0,
	RC_HIT_RELONLY = 1 << 1,
};

struct rc_hit_group {
	const char *scope;
	unsigned flags;
	struct rc_hit hits[RC_FACTS_MAX_HITS];
	size_t n;
	uint64_t total;
	struct rc_hit_group *next; /* in order of first hit */
};

/* Like rc_facts_add_hit, recording the hit in group (scope, flags) too;
 * scope NULL is "". */
int rc_facts_add_hit_in(struct rc_facts *f, unsigned pattern, const char *scope,
			unsigned flags, const char *path, unsigned line,
			const char *snippet, size_t snippet_len);
/* The first group of pattern's hits (follow ->next), or NULL. */
const struct rc_hit_group *rc_facts_hit_groups(const struct rc_facts *f,
					       unsigned pattern);

/*
 * Move everything of src (a worker's batch) into dst, appending in order:
 * facts (see rc_facts_add_str_once for the one exception), files, and hits
 * (dst keeps its first RC_FACTS_MAX_HITS per pattern, totals add up).
 * Strings are copied into dst. On success src is left empty and reusable
 * (pointers into it are invalid); on RC_ENOMEM dst may hold part of src and
 * src is unchanged.
 */
int rc_facts_merge(struct rc_facts *dst, struct rc_facts *src);

/* Sort the file list by path (call once after the walk). */
void rc_facts_sort_files(struct rc_facts *f);

/*
 * Append the store as JSON, one fact, hit list or section per line:
 *
 *   {"schema":"readycheck/facts/v1",
 *   "facts":[
 *   {"name":N,"type":"str|num|bool","value":V,"path":P,"line":L,"note":S},
 *   ...],
 *   "files":{"count":N,"bytes":N,"binary":N,"skipped":N},
 *   "patterns":[
 *   {"id":N,"hits":[{"path":P,"line":L,"snippet":S},...],"total":N},
 *   ...]}
 *
 * Keys in this order; "note" only when the fact has one; facts in insertion
 * order; patterns by id, only those with at least one hit. files.count is
 * every entry, files.bytes the size of text files scanned (neither binary,
 * skipped nor symlink). Numbers that are not finite are written as null.
 * Errors are the buffer's sticky error.
 */
int rc_facts_to_json(const struct rc_facts *f, struct rc_buf *out);

#endif
