/*
 * ignore.c - gitignore patterns: parsing and matching (git's dir.c rules).
 *
 * Each line becomes a struct pattern with the flags git computes in
 * parse_path_pattern(): negation, directory-only, "no slash" (match the
 * basename) and the length of the literal prefix, so that most patterns
 * ("node_modules", "*.o", "/build") are decided with one memcmp and only
 * real globs reach rc_glob_match_n().
 */
#include "../core/common.h"
#include "ignore.h"
#include "glob.h"
#include "../core/alloc.h"
#include "../core/arena.h"
#include "../core/vec.h"

enum {
	PAT_NEGATIVE = 1 << 0,	/* "!pattern" */
	PAT_MUSTBEDIR = 1 << 1, /* "pattern/" */
	PAT_NODIR = 1 << 2,	/* no '/': matches the basename */
	PAT_ENDSWITH = 1 << 3,	/* "*literal" */
	PAT_LITERAL = 1 << 4,	/* no wildcard, no escape */
};

struct pattern {
	const char *text; /* without '!', trailing '/', anchoring '/' */
	size_t len;
	size_t nowild; /* bytes before the first "*?[\" */
	unsigned flags;
};

struct rc_ignore {
	char *base; /* "" or "dir/sub", no trailing '/' */
	size_t baselen;
	struct rc_arena arena;
	RC_VEC(struct pattern) pats;
};

static bool special(char c)
{
	return c == '*' || c == '?' || c == '[' || c == '\\';
}

/* git's trim_trailing_spaces(): the new length. */
static size_t trim_spaces(const char *s, size_t len)
{
	size_t i, cut = len;
	bool in_spaces = false;

	for (i = 0; i < len; i++) {
		if (s[i] == ' ') {
			if (!in_spaces)
				cut = i;
			in_spaces = true;
			continue;
		}
		if (s[i] == '\\' && ++i >= len)
			return len; /* a trailing '\' keeps everything */
		in_spaces = false;
	}
	return in_spaces ? cut : len;
}

static int add_line(struct rc_ignore *ig, const char *s, size_t len)
{
	struct pattern p = { NULL, 0, 0, 0 };
	const char *nul = memchr(s, '\0', len);
	char *copy;
	size_t i;

	if (nul)
		len = (size_t)(nul - s);
	if (!len || s[0] == '#')
		return 0;
	len = trim_spaces(s, len);
	if (len && s[0] == '!') {
		p.flags |= PAT_NEGATIVE;
		s++;
		len--;
	}
	if (len && s[len - 1] == '/') {
		p.flags |= PAT_MUSTBEDIR;
		len--;
	}
	if (!memchr(s, '/', len))
		p.flags |= PAT_NODIR;
	else if (s[0] == '/') {
		s++;
		len--;
	}
	if (!len)
		return 0; /* "", "!", "/": match nothing */
	for (i = 0; i < len && !special(s[i]); i++)
		;
	p.nowild = i;
	if (i == len)
		p.flags |= PAT_LITERAL;
	if (s[0] == '*') {
		for (i = 1; i < len && !special(s[i]); i++)
			;
		if (i == len)
			p.flags |= PAT_ENDSWITH;
	}
	copy = rc_arena_strndup(&ig->arena, s, len);
	if (!copy)
		return RC_ENOMEM;
	p.text = copy;
	p.len = len;
	return rc_vec_push(&ig->pats, p);
}

static int new_set(struct rc_ignore **out, const char *base)
{
	struct rc_ignore *ig = rc_calloc(1, sizeof(*ig));

	*out = NULL;
	if (!ig)
		return RC_ENOMEM;
	rc_arena_init(&ig->arena);
	ig->base = rc_strdup(base ? base : "");
	if (!ig->base) {
		rc_free(ig);
		return RC_ENOMEM;
	}
	ig->baselen = strlen(ig->base);
	*out = ig;
	return 0;
}

int rc_ignore_parse(struct rc_ignore **out, const char *buf, size_t len,
		    const char *base)
{
	struct rc_ignore *ig;
	const char *end = buf + len, *nl;
	size_t n;
	int e;

	if ((e = new_set(&ig, base)))
		return e;
	if (len >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
		buf += 3;
	while (buf < end) {
		nl = memchr(buf, '\n', (size_t)(end - buf));
		n = (size_t)((nl ? nl : end) - buf);
		if (n && buf[n - 1] == '\r')
			n--; /* git drops it on the last line too */
		if ((e = add_line(ig, buf, n))) {
			rc_ignore_free(ig);
			return e;
		}
		buf = nl ? nl + 1 : end;
	}
	*out = ig;
	return 0;
}

int rc_ignore_add(struct rc_ignore *ig, const char *pattern)
{
	return add_line(ig, pattern, strlen(pattern));
}

void rc_ignore_free(struct rc_ignore *ig)
{
	if (!ig)
		return;
	rc_vec_free(&ig->pats);
	rc_arena_release(&ig->arena);
	rc_free(ig->base);
	rc_free(ig);
}

size_t rc_ignore_count(const struct rc_ignore *ig)
{
	return ig ? ig->pats.n : 0;
}

static bool match_one(const struct pattern *p, const char *name, size_t namelen,
		      const char *bname, size_t blen)
{
	if (p->flags & PAT_NODIR) {
		if (p->flags & PAT_LITERAL)
			return blen == p->len && !memcmp(bname, p->text, blen);
		if (p->flags & PAT_ENDSWITH)
			return blen >= p->len - 1 &&
			       !memcmp(bname + blen - (p->len - 1), p->text + 1,
				       p->len - 1);
		return rc_glob_match_n(p->text, p->len, bname, blen, 0);
	}
	if (p->flags & PAT_LITERAL)
		return namelen == p->len && !memcmp(name, p->text, namelen);
	if (p->nowild > namelen || memcmp(name, p->text, p->nowild))
		return false;
	return rc_glob_match_n(p->text, p->len, name, namelen, 0);
}

enum rc_ignore_verdict rc_ignore_match_n(const struct rc_ignore *ig,
					 const char *path, size_t len,
					 bool is_dir)
{
	const char *name = path, *bname;
	size_t namelen = len, i;

	if (!ig || !len)
		return RC_IGNORE_NONE;
	if (ig->baselen) {
		if (len <= ig->baselen + 1 || path[ig->baselen] != '/' ||
		    memcmp(path, ig->base, ig->baselen))
			return RC_IGNORE_NONE;
		name = path + ig->baselen + 1;
		namelen = len - ig->baselen - 1;
	}
	for (bname = path + len; bname > name && bname[-1] != '/'; bname--)
		;
	for (i = ig->pats.n; i-- > 0;) {
		const struct pattern *p = &ig->pats.v[i];

		if ((p->flags & PAT_MUSTBEDIR) && !is_dir)
			continue;
		if (match_one(p, name, namelen, bname,
			      (size_t)(path + len - bname)))
			return p->flags & PAT_NEGATIVE ? RC_IGNORE_INCLUDE
						       : RC_IGNORE_EXCLUDE;
	}
	return RC_IGNORE_NONE;
}

enum rc_ignore_verdict rc_ignore_match(const struct rc_ignore *ig,
				       const char *path, bool is_dir)
{
	return rc_ignore_match_n(ig, path, strlen(path), is_dir);
}

static enum rc_ignore_verdict verdict(const struct rc_ignore *const *sets,
				      size_t n, const char *path, size_t len,
				      bool is_dir)
{
	enum rc_ignore_verdict v;
	size_t i;

	for (i = 0; i < n; i++)
		if ((v = rc_ignore_match_n(sets[i], path, len, is_dir)))
			return v;
	return RC_IGNORE_NONE;
}

bool rc_ignore_is_excluded(const struct rc_ignore *const *sets, size_t n,
			   const char *path, bool is_dir)
{
	size_t len = strlen(path), i;

	for (i = 0; i < len; i++)
		if (path[i] == '/' && i &&
		    verdict(sets, n, path, i, true) == RC_IGNORE_EXCLUDE)
			return true;
	return verdict(sets, n, path, len, is_dir) == RC_IGNORE_EXCLUDE;
}
