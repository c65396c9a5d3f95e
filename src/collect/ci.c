/*
 * ci.c - facts from CI configuration files.
 *
 * YAML-based systems are read with rc_yaml_parse() and walked as documents.
 * The document model gives each node the position of its value; a fact
 * about a key (a job, a `run:` block scalar whose text starts on the next
 * line) is given the line of the key instead, found by looking back from
 * the value in the source text (key_line()).
 *
 * Aliases are resolved by the YAML reader into copies of the anchored node,
 * so a GitLab script anchored once and used by ten jobs would be seen ten
 * times: value facts are deduplicated by source position (struct posset).
 */
#include "../core/common.h"
#include "ci.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/vec.h"
#include "../parse/yaml.h"

#include <stdio.h>

#define MAX_DEPTH      64   /* nested lists and generic walks */
#define KEY_LOOKBACK   100  /* lines searched back for a key */
#define KEY_SCAN_BYTES 4096 /* bytes searched for a key */
#define MAX_TRIGGERS   64   /* distinct triggers kept per file */
#define SCALAR_COL_MAX 1024 /* raw text of non-string scalars up to here */

enum kind { K_RUN, K_USES, K_IMAGE, K_INCLUDE, K_RUNNER, K_TARGET };

/* Open-addressing set of (line, column, kind) already turned into facts. */
struct posset {
	uint64_t *v;
	size_t n, cap; /* cap is 0 or a power of two */
};

struct ctx {
	struct rc_facts *f;
	const char *path;
	const char *buf;
	size_t len;
	RC_VEC(size_t) lines;	       /* offset of each line's start */
	RC_VEC(const char *) triggers; /* static strings, this file */
	struct posset seen;
	struct rc_buf val; /* composed values */
};

/* ---- systems ------------------------------------------------------------ */

static bool yaml_name(const char *s)
{
	return rc_str_ends_with(s, ".yml") || rc_str_ends_with(s, ".yaml");
}

/* path is `dir/<name>.yml|yaml` with no further directory. */
static bool direct_yaml(const char *path, const char *dir)
{
	size_t n = strlen(dir);

	return !strncmp(path, dir, n) && path[n] && !strchr(path + n, '/') &&
	       yaml_name(path + n) && path[n] != '.';
}

const char *rc_collect_ci_system(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (direct_yaml(path, ".github/workflows/"))
		return "github";
	if (!strcmp(path, ".gitlab-ci.yml") || !strcmp(path, ".gitlab-ci.yaml"))
		return "gitlab";
	if (!strcmp(path, ".circleci/config.yml") ||
	    !strcmp(path, ".circleci/config.yaml"))
		return "circleci";
	if (!strcmp(path, "azure-pipelines.yml") ||
	    !strcmp(path, "azure-pipelines.yaml") ||
	    direct_yaml(path, ".azure-pipelines/"))
		return "azure";
	if (direct_yaml(path, ".buildkite/"))
		return "buildkite";
	if (!strcmp(path, ".travis.yml"))
		return "travis";
	if (!strcmp(base, "Jenkinsfile"))
		return "jenkins";
	return NULL;
}

/* ---- source positions --------------------------------------------------- */

static int index_lines(struct ctx *c)
{
	const char *p = c->buf, *end = c->buf + c->len;

	if (rc_vec_push(&c->lines, (size_t)0))
		return RC_ENOMEM;
	while ((p = memchr(p, '\n', (size_t)(end - p)))) {
		p++;
		if (rc_vec_push(&c->lines, (size_t)(p - c->buf)))
			return RC_ENOMEM;
	}
	return 0;
}

/* The text of line `line` (1-based) without its line end. */
static bool line_text(const struct ctx *c, unsigned line, const char **p,
		      size_t *n)
{
	size_t s, e;

	if (!line || line > c->lines.n)
		return false;
	s = c->lines.v[line - 1];
	e = line < c->lines.n ? c->lines.v[line] - 1 : c->len;
	if (e > s && c->buf[e - 1] == '\r')
		e--;
	*p = c->buf + s;
	*n = e - s;
	return true;
}

/*
 * Does the line hold `key:` (plain or quoted) as a mapping key? Looks at no
 * more than *budget bytes and takes them off the budget.
 */
static bool line_has_key(const struct ctx *c, unsigned line, const char *key,
			 size_t *budget)
{
	size_t n, k = strlen(key), i;
	const char *p;

	if (!k || !line_text(c, line, &p, &n))
		return false;
	if (n > *budget)
		n = *budget;
	*budget -= n;
	for (i = 0; i + k <= n; i++) {
		size_t j;
		bool quoted = false;

		if (i && !strchr(" \t{,-?", p[i - 1]))
			continue;
		if ((p[i] == '"' || p[i] == '\'') && i + k + 2 <= n &&
		    !memcmp(p + i + 1, key, k) && p[i + k + 1] == p[i]) {
			j = i + k + 2;
			quoted = true;
		} else if (!memcmp(p + i, key, k)) {
			j = i + k;
		} else {
			continue;
		}
		while (j < n && (p[j] == ' ' || p[j] == '\t'))
			j++;
		if (j < n && p[j] == ':' &&
		    (quoted || j + 1 == n || p[j + 1] == ' ' ||
		     p[j + 1] == '\t'))
			return true;
	}
	return false;
}

/*
 * The line of a table child's key: the value's line or a little before
 * (block scalars and collections start after their key). The search is
 * bounded in lines and bytes; a key on the value's own line past the byte
 * budget (long flow-style lines) gives the value's line, which is right.
 */
static unsigned key_line(const struct ctx *c, const struct rc_node *n)
{
	size_t budget = KEY_SCAN_BYTES;
	unsigned l, stop;

	if (!n->key || !n->line)
		return n->line;
	stop = n->line > KEY_LOOKBACK ? n->line - KEY_LOOKBACK : 1;
	for (l = n->line; l >= stop && budget; l--)
		if (line_has_key(c, l, n->key, &budget))
			return l;
	return n->line;
}

/*
 * Append a scalar's text to b: a string as is; a number or boolean as
 * written in the source ("1.10" stays "1.10"). False for non-scalars.
 */
static bool scalar_add(const struct ctx *c, const struct rc_node *n,
		       struct rc_buf *b)
{
	const char *p;
	size_t len, i = 0, e;
	unsigned col;
	char tmp[64];

	if (!n || n->type == RC_NODE_NULL || n->type == RC_NODE_ARRAY ||
	    n->type == RC_NODE_TABLE)
		return false;
	if (n->type == RC_NODE_STRING) {
		rc_buf_add(b, n->u.s.ptr, strnlen(n->u.s.ptr, n->u.s.len));
		return true;
	}
	if (n->col <= SCALAR_COL_MAX && line_text(c, n->line, &p, &len)) {
		/* columns count characters */
		for (col = 1; col < n->col && i < len; col++)
			for (i++;
			     i < len && ((unsigned char)p[i] & 0xc0) == 0x80;
			     i++)
				;
		for (e = i;
		     e < len && e - i < sizeof(tmp) && !strchr(" \t,]}#", p[e]);
		     e++)
			;
		if (e > i && e - i < sizeof(tmp)) {
			rc_buf_add(b, p + i, e - i);
			return true;
		}
	}
	rc_buf_adds(b, rc_node_text(n, tmp, sizeof(tmp)));
	return true;
}

/* ---- facts -------------------------------------------------------------- */

static uint64_t mix(uint64_t x)
{
	x ^= x >> 33;
	x *= 0xff51afd7ed558ccdULL;
	x ^= x >> 33;
	return x;
}

/* Insert; 1 when new, 0 when present, RC_ENOMEM. */
static int posset_add(struct posset *s, uint64_t key)
{
	size_t i;

	if ((s->n + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64, k;
		uint64_t *v = rc_calloc(cap, sizeof(*v));

		if (!v)
			return RC_ENOMEM;
		for (k = 0; k < s->cap; k++) {
			if (!s->v[k])
				continue;
			for (i = mix(s->v[k]) & (cap - 1); v[i];
			     i = (i + 1) & (cap - 1))
				;
			v[i] = s->v[k];
		}
		rc_free(s->v);
		s->v = v;
		s->cap = cap;
	}
	for (i = mix(key) & (s->cap - 1); s->v[i]; i = (i + 1) & (s->cap - 1))
		if (s->v[i] == key)
			return 0;
	s->v[i] = key;
	s->n++;
	return 1;
}

/* Never 0 (the empty slot): line numbers stay below 1 << 31. */
static uint64_t pos_key(const struct rc_node *n, enum kind kind)
{
	return (1ULL << 63) | ((uint64_t)n->line << 32) |
	       ((uint64_t)(n->col & 0x3fffffff) << 2) | (uint64_t)kind;
}

static int add_fact(struct ctx *c, const char *name, const char *value,
		    unsigned line, const char *note)
{
	if (note)
		return rc_facts_add_note(c->f, name, value, c->path, line,
					 note);
	return rc_facts_add_str(c->f, name, value, c->path, line);
}

/*
 * A fact whose value is the scalar n, at `line`, once per source position
 * of n. Non-scalars are ignored.
 */
static int value_fact(struct ctx *c, const char *name, enum kind kind,
		      const struct rc_node *n, unsigned line, const char *note)
{
	uint64_t key;
	int e;

	if (!n || n->type == RC_NODE_NULL || n->type == RC_NODE_ARRAY ||
	    n->type == RC_NODE_TABLE)
		return 0;
	key = pos_key(n, kind);
	if ((e = posset_add(&c->seen, key)) <= 0)
		return e;
	rc_buf_reset(&c->val);
	scalar_add(c, n, &c->val);
	if (rc_buf_err(&c->val))
		return RC_ENOMEM;
	return add_fact(c, name, c->val.ptr, line, note);
}

/* ci.trigger, once per file; name must be a static string. */
static int trigger(struct ctx *c, const char *name, unsigned line)
{
	size_t i;

	for (i = 0; i < c->triggers.n; i++)
		if (!strcmp(c->triggers.v[i], name))
			return 0;
	if (c->triggers.n >= MAX_TRIGGERS)
		return 0;
	if (rc_vec_push(&c->triggers, name))
		return RC_ENOMEM;
	return rc_facts_add_str(c->f, "ci.trigger", name, c->path, line);
}

/* The static copy of a trigger name, NULL for an unknown one. */
static const char *github_event(const char *name)
{
	static const char *const events[] = {
		"branch_protection_rule",
		"check_run",
		"check_suite",
		"create",
		"delete",
		"deployment",
		"deployment_status",
		"discussion",
		"discussion_comment",
		"fork",
		"gollum",
		"issue_comment",
		"issues",
		"label",
		"merge_group",
		"milestone",
		"page_build",
		"project",
		"project_card",
		"project_column",
		"public",
		"pull_request",
		"pull_request_comment",
		"pull_request_review",
		"pull_request_review_comment",
		"pull_request_target",
		"push",
		"registry_package",
		"release",
		"repository_dispatch",
		"schedule",
		"status",
		"watch",
		"workflow_call",
		"workflow_dispatch",
		"workflow_run",
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(events); i++)
		if (!strcmp(name, events[i]))
			return events[i];
	return NULL;
}

static bool is_scalar_str(const struct rc_node *n, const char *s)
{
	const char *v = rc_node_str(n);

	return v && !strcmp(v, s);
}

/* ---- GitHub Actions ----------------------------------------------------- */

static int gh_on(struct ctx *c, const struct rc_node *on)
{
	const char *ev;
	size_t i;
	int e = 0;

	if (rc_node_is(on, RC_NODE_STRING)) {
		ev = github_event(rc_node_str(on));
		return ev ? trigger(c, ev, on->line) : 0;
	}
	for (i = 0; i < rc_node_count(on) && !e; i++) {
		const struct rc_node *k = rc_node_at(on, i);
		const struct rc_node *tags;

		ev = github_event(on->type == RC_NODE_TABLE ? k->key
							    : rc_node_str(k));
		if (!ev)
			continue;
		e = trigger(c, ev,
			    on->type == RC_NODE_TABLE ? key_line(c, k)
						      : k->line);
		if (!e && !strcmp(ev, "push") &&
		    (tags = rc_node_get(k, "tags")))
			e = trigger(c, "tag", key_line(c, tags));
	}
	return e;
}

static int gh_permissions(struct ctx *c, const struct rc_node *p,
			  const char *job)
{
	char note[160], scope[256];
	const char *nt = NULL;
	size_t i;
	int e;

	if (!p)
		return 0;
	if (job) {
		snprintf(note, sizeof(note), "job '%s'", job);
		nt = note;
	}
	e = add_fact(c, "ci.permissions",
		     is_scalar_str(p, "write-all") ? "write-all" : "declared",
		     key_line(c, p), nt);
	for (i = 0; i < rc_node_count(p) && !e && p->type == RC_NODE_TABLE;
	     i++) {
		const struct rc_node *k = rc_node_at(p, i);
		const char *level = rc_node_str(k);

		if (!k->key || !level)
			continue;
		snprintf(scope, sizeof(scope), "%s: %s", k->key, level);
		e = add_fact(c, "ci.permission", scope, k->line, nt);
	}
	return e;
}

/* `image: x` or `{image: x}` (container:), or a services map. */
static int gh_image(struct ctx *c, const struct rc_node *n)
{
	if (rc_node_is(n, RC_NODE_TABLE))
		n = rc_node_get(n, "image");
	return value_fact(c, "ci.image", K_IMAGE, n, n ? n->line : 0, NULL);
}

/* The workflow runs on pull_request_target (its triggers come first). */
static bool pr_target(const struct ctx *c)
{
	size_t i;

	for (i = 0; i < c->triggers.n; i++)
		if (!strcmp(c->triggers.v[i], "pull_request_target"))
			return true;
	return false;
}

/* A literal value (not a ${{ }} expression): a runner label or a target. */
static int gh_platform(struct ctx *c, const char *name, enum kind kind,
		       const struct rc_node *n)
{
	size_t i;
	int e;

	if (rc_node_is(n, RC_NODE_ARRAY)) {
		for (i = 0; i < rc_node_count(n); i++)
			if ((e = gh_platform(c, name, kind, rc_node_at(n, i))))
				return e;
		return 0;
	}
	if (!n || !rc_node_str(n) || strstr(rc_node_str(n), "${{"))
		return 0;
	return value_fact(c, name, kind, n, n->line, NULL);
}

/* Matrix axes that name runners or build targets, in the axis lists and
 * in include: entries. */
static int gh_matrix_axes(struct ctx *c, const struct rc_node *m)
{
	static const char *const runners[] = { "os", "runner", "runs-on",
					       "runs_on", "host" };
	static const char *const targets[] = { "target", "targets", "arch",
					       "platform", "triple" };
	size_t i;
	int e;

	for (i = 0; i < RC_ARRAY_SIZE(runners); i++)
		if ((e = gh_platform(c, "ci.runner", K_RUNNER,
				     rc_node_get(m, runners[i]))))
			return e;
	for (i = 0; i < RC_ARRAY_SIZE(targets); i++)
		if ((e = gh_platform(c, "ci.target", K_TARGET,
				     rc_node_get(m, targets[i]))))
			return e;
	return 0;
}

static int gh_strategy(struct ctx *c, const struct rc_node *j)
{
	const struct rc_node *m =
		rc_node_get(rc_node_get(j, "strategy"), "matrix");
	const struct rc_node *inc;
	size_t i;
	int e;

	if (!rc_node_is(m, RC_NODE_TABLE))
		return 0;
	if ((e = gh_matrix_axes(c, m)))
		return e;
	inc = rc_node_get(m, "include");
	for (i = 0; rc_node_is(inc, RC_NODE_ARRAY) && i < rc_node_count(inc);
	     i++)
		if ((e = gh_matrix_axes(c, rc_node_at(inc, i))))
			return e;
	return 0;
}

static int gh_job(struct ctx *c, const struct rc_node *j)
{
	const struct rc_node *steps, *svcs, *u;
	size_t i;
	int e;

	if ((e = add_fact(c, "ci.job", j->key, key_line(c, j), NULL)))
		return e;
	if (j->type != RC_NODE_TABLE)
		return 0;
	if ((e = gh_permissions(c, rc_node_get(j, "permissions"), j->key)))
		return e;
	u = rc_node_get(j, "uses"); /* a reusable workflow */
	if (u &&
	    (e = value_fact(c, "ci.uses", K_USES, u, key_line(c, u), NULL)))
		return e;
	if ((e = gh_image(c, rc_node_get(j, "container"))) ||
	    (e = gh_platform(c, "ci.runner", K_RUNNER,
			     rc_node_get(j, "runs-on"))) ||
	    (e = gh_strategy(c, j)))
		return e;
	svcs = rc_node_get(j, "services");
	for (i = 0; i < rc_node_count(svcs) && svcs->type == RC_NODE_TABLE; i++)
		if ((e = gh_image(c, rc_node_at(svcs, i))))
			return e;
	steps = rc_node_get(j, "steps");
	for (i = 0; i < rc_node_count(steps) && steps->type == RC_NODE_ARRAY;
	     i++) {
		const struct rc_node *s = rc_node_at(steps, i), *r;

		if ((u = rc_node_get(s, "uses")) &&
		    (e = value_fact(c, "ci.uses", K_USES, u, key_line(c, u),
				    NULL)))
			return e;
		if (u && pr_target(c) && rc_node_str(u) &&
		    rc_str_starts_with(rc_node_str(u), "actions/checkout@") &&
		    (e = add_fact(c, "ci.pr_target_checkout", rc_node_str(u),
				  key_line(c, u), NULL)))
			return e;
		if ((e = gh_platform(
			     c, "ci.target", K_TARGET,
			     rc_node_get(rc_node_get(s, "with"), "target"))))
			return e;
		if ((r = rc_node_get(s, "run")) &&
		    (e = value_fact(c, "ci.run", K_RUN, r, key_line(c, r),
				    NULL)))
			return e;
	}
	return 0;
}

static int github(struct ctx *c, const struct rc_node *root)
{
	const struct rc_node *on, *jobs;
	size_t i;
	int e;

	on = rc_node_get(root, "on");
	if (!on)
		on = rc_node_get(root, "true"); /* YAML 1.1 readers */
	if ((e = gh_on(c, on)))
		return e;
	if ((e = gh_permissions(c, rc_node_get(root, "permissions"), NULL)))
		return e;
	jobs = rc_node_get(root, "jobs");
	for (i = 0; i < rc_node_count(jobs) && jobs->type == RC_NODE_TABLE; i++)
		if ((e = gh_job(c, rc_node_at(jobs, i))))
			return e;
	return 0;
}

/* ---- GitLab CI ---------------------------------------------------------- */

static bool gl_reserved(const char *key)
{
	static const char *const words[] = {
		"stages",	 "variables",	 "default",  "include",
		"workflow",	 "image",	 "services", "cache",
		"before_script", "after_script", "types",    "spec",
	};
	size_t i;

	for (i = 0; i < RC_ARRAY_SIZE(words); i++)
		if (!strcmp(key, words[i]))
			return true;
	return false;
}

/* script lines: a string, or a list of strings and nested lists. */
static int gl_script(struct ctx *c, const struct rc_node *n, int depth)
{
	size_t i;
	int e = 0;

	if (!n || depth > MAX_DEPTH)
		return 0;
	if (n->type != RC_NODE_ARRAY)
		return value_fact(c, "ci.run", K_RUN, n,
				  n->key ? key_line(c, n) : n->line, NULL);
	for (i = 0; i < rc_node_count(n) && !e; i++)
		e = gl_script(c, rc_node_at(n, i), depth + 1);
	return e;
}

/* `image: x` or `image: {name: x}`; services are lists of those. */
static int gl_image(struct ctx *c, const struct rc_node *n)
{
	if (rc_node_is(n, RC_NODE_TABLE))
		n = rc_node_get(n, "name");
	return value_fact(c, "ci.image", K_IMAGE, n, n ? n->line : 0, NULL);
}

static int gl_services(struct ctx *c, const struct rc_node *n)
{
	size_t i;
	int e = 0;

	if (!rc_node_is(n, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(n) && !e; i++)
		e = gl_image(c, rc_node_at(n, i));
	return e;
}

struct word_map {
	const char *word, *trigger;
};

static const char *map_word(const struct word_map *m, size_t n, const char *s,
			    size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(m[i].word) == len && !memcmp(m[i].word, s, len))
			return m[i].trigger;
	return NULL;
}

static const struct word_map gl_sources[] = {
	{ "merge_request_event", "merge_request" },
	{ "external_pull_request_event", "pull_request" },
	{ "schedule", "schedule" },
	{ "push", "push" },
	{ "web", "web" },
	{ "api", "api" },
	{ "trigger", "trigger" },
	{ "pipeline", "pipeline" },
	{ "parent_pipeline", "parent_pipeline" },
};

static bool name_char(char ch)
{
	return ch == '_' || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
}

static const char *skip_sp(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/*
 * Find the variable `name` in a rules expression used as "is set":
 * `$X`, `$X != null`, `$X =~ /re/`, but not `$X == null` or `$X == ""`.
 * Sets *after to the text after the name of the first use found.
 */
static bool var_set(const char *s, const char *name, const char **after)
{
	size_t n = strlen(name);
	const char *p = s;

	while ((p = strchr(p, '$'))) {
		const char *q = p + 1;
		bool brace = *q == '{';

		p++;
		if (brace)
			q++;
		if (strncmp(q, name, n) || name_char(q[n]))
			continue;
		q += n;
		if (brace && *q == '}')
			q++;
		*after = q;
		q = skip_sp(q);
		if (q[0] == '=' && q[1] == '=') {
			q = skip_sp(q + 2);
			if (!strncmp(q, "null", 4) || !strncmp(q, "\"\"", 2) ||
			    !strncmp(q, "''", 2))
				continue;
			if (*q == '"' || *q == '\'')
				return true; /* compared with a value */
			continue;
		}
		return true;
	}
	return false;
}

static int gl_if(struct ctx *c, const char *s, unsigned line)
{
	const char *p = s, *after;
	const char *t;
	size_t i;
	int e = 0;

	while (!e && var_set(p, "CI_PIPELINE_SOURCE", &after)) {
		const char *q = skip_sp(after);

		p = after;
		if (q[0] == '=' && q[1] == '=') {
			char quote;
			const char *v = skip_sp(q + 2), *ve;

			quote = *v;
			if (quote != '"' && quote != '\'')
				continue;
			ve = strchr(v + 1, quote);
			if (!ve)
				break;
			t = map_word(gl_sources, RC_ARRAY_SIZE(gl_sources),
				     v + 1, (size_t)(ve - v - 1));
			if (t)
				e = trigger(c, t, line);
		} else if (q[0] == '=' && q[1] == '~') {
			const char *re = skip_sp(q + 2), *rend;

			if (*re != '/')
				continue;
			rend = strchr(re + 1, '/');
			if (!rend)
				break;
			for (i = 0; i < RC_ARRAY_SIZE(gl_sources) && !e; i++) {
				const char *w = gl_sources[i].word;
				const char *hit = re + 1;
				size_t wn = strlen(w);

				while (hit < rend &&
				       (hit = rc_str_find(hit,
							  (size_t)(rend - hit),
							  w, wn))) {
					if (!name_char(hit[-1]) &&
					    !name_char(hit[wn])) {
						e = trigger(
							c,
							gl_sources[i].trigger,
							line);
						break;
					}
					hit++;
				}
			}
		}
	}
	if (!e && var_set(s, "CI_COMMIT_TAG", &after))
		e = trigger(c, "tag", line);
	if (!e && (var_set(s, "CI_MERGE_REQUEST_IID", &after) ||
		   var_set(s, "CI_MERGE_REQUEST_ID", &after)))
		e = trigger(c, "merge_request", line);
	return e;
}

static int gl_rules(struct ctx *c, const struct rc_node *rules)
{
	size_t i;
	int e = 0;

	if (!rc_node_is(rules, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(rules) && !e; i++) {
		const struct rc_node *r = rc_node_at(rules, i);
		const struct rc_node *cond = rc_node_get(r, "if");

		if (is_scalar_str(rc_node_get(r, "when"), "never") ||
		    !rc_node_str(cond))
			continue;
		e = gl_if(c, rc_node_str(cond), cond->line);
	}
	return e;
}

static const struct word_map gl_only_words[] = {
	{ "tags", "tag" },
	{ "merge_requests", "merge_request" },
	{ "schedules", "schedule" },
	{ "pushes", "push" },
	{ "web", "web" },
	{ "api", "api" },
	{ "triggers", "trigger" },
	{ "pipelines", "pipeline" },
	{ "external_pull_requests", "pull_request" },
};

static int gl_only(struct ctx *c, const struct rc_node *n)
{
	const char *s, *t;
	size_t i;
	int e = 0;

	if (rc_node_is(n, RC_NODE_TABLE))
		n = rc_node_get(n, "refs");
	if ((s = rc_node_str(n))) {
		t = map_word(gl_only_words, RC_ARRAY_SIZE(gl_only_words), s,
			     strlen(s));
		return t ? trigger(c, t, n->line) : 0;
	}
	if (!rc_node_is(n, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(n) && !e; i++) {
		const struct rc_node *k = rc_node_at(n, i);

		if (!(s = rc_node_str(k)))
			continue;
		t = map_word(gl_only_words, RC_ARRAY_SIZE(gl_only_words), s,
			     strlen(s));
		if (t)
			e = trigger(c, t, k->line);
	}
	return e;
}

/* One include entry: a string or a map. */
static int gl_include_one(struct ctx *c, const struct rc_node *n)
{
	static const char *const kinds[] = { "local", "remote", "template",
					     "component" };
	const struct rc_node *v, *ref;
	const char *s;
	size_t i;
	uint64_t key;
	int e;

	if ((s = rc_node_str(n)))
		return value_fact(c, "ci.include", K_INCLUDE, n, n->line,
				  strstr(s, "://") ? "remote" : "local");
	if (!rc_node_is(n, RC_NODE_TABLE))
		return 0;
	if ((v = rc_node_get(n, "project"))) {
		key = pos_key(v, K_INCLUDE);
		if ((e = posset_add(&c->seen, key)) <= 0)
			return e;
		rc_buf_reset(&c->val);
		if (!scalar_add(c, v, &c->val))
			return 0;
		ref = rc_node_get(n, "ref");
		if (ref && ref->type != RC_NODE_NULL) {
			rc_buf_addc(&c->val, '@');
			scalar_add(c, ref, &c->val);
		}
		if (rc_buf_err(&c->val))
			return RC_ENOMEM;
		return add_fact(c, "ci.include", c->val.ptr, v->line,
				"project");
	}
	for (i = 0; i < RC_ARRAY_SIZE(kinds); i++)
		if ((v = rc_node_get(n, kinds[i])))
			return value_fact(c, "ci.include", K_INCLUDE, v,
					  v->line, kinds[i]);
	return 0;
}

static int gl_include(struct ctx *c, const struct rc_node *n)
{
	size_t i;
	int e = 0;

	if (!rc_node_is(n, RC_NODE_ARRAY))
		return gl_include_one(c, n);
	for (i = 0; i < rc_node_count(n) && !e; i++)
		e = gl_include_one(c, rc_node_at(n, i));
	return e;
}

/* Settings shared by jobs, `default:` and the top level. */
static int gl_settings(struct ctx *c, const struct rc_node *j)
{
	int e;

	if ((e = gl_script(c, rc_node_get(j, "before_script"), 0)) ||
	    (e = gl_script(c, rc_node_get(j, "script"), 0)) ||
	    (e = gl_script(c, rc_node_get(j, "after_script"), 0)) ||
	    (e = gl_image(c, rc_node_get(j, "image"))) ||
	    (e = gl_services(c, rc_node_get(j, "services"))) ||
	    (e = gl_rules(c, rc_node_get(j, "rules"))))
		return e;
	return gl_only(c, rc_node_get(j, "only"));
}

static int gitlab(struct ctx *c, const struct rc_node *root)
{
	size_t i;
	int e;

	if ((e = gl_include(c, rc_node_get(root, "include"))) ||
	    (e = gl_rules(c, rc_node_path(root, "workflow.rules"))) ||
	    (e = gl_settings(c, rc_node_get(root, "default"))))
		return e;
	/* deprecated global image, services, before_script, after_script */
	if ((e = gl_script(c, rc_node_get(root, "before_script"), 0)) ||
	    (e = gl_script(c, rc_node_get(root, "after_script"), 0)) ||
	    (e = gl_image(c, rc_node_get(root, "image"))) ||
	    (e = gl_services(c, rc_node_get(root, "services"))))
		return e;
	for (i = 0; i < rc_node_count(root); i++) {
		const struct rc_node *j = rc_node_at(root, i);

		if (!j->key || gl_reserved(j->key) || j->type != RC_NODE_TABLE)
			continue;
		/* hidden jobs (.name) are templates: their scripts and images
		 * run in the jobs that extend them, but they are not jobs */
		if (j->key[0] != '.' &&
		    (e = add_fact(c, "ci.job", j->key, key_line(c, j), NULL)))
			return e;
		if ((e = gl_settings(c, j)))
			return e;
	}
	return 0;
}

/* ---- CircleCI, Azure Pipelines, Buildkite, Travis CI -------------------- */

struct generic {
	const char *const *run; /* keys whose strings are commands */
	const char *const *image;
	const char *const *job; /* keys whose string value names a job */
};

static bool in_list(const char *const *list, const char *key)
{
	for (; list && *list; list++)
		if (!strcmp(*list, key))
			return true;
	return false;
}

static int walk(struct ctx *c, const struct rc_node *n, const struct generic *g,
		int depth)
{
	size_t i, k;
	int e = 0;

	if (depth > MAX_DEPTH)
		return 0;
	for (i = 0; i < rc_node_count(n) && !e; i++) {
		const struct rc_node *x = rc_node_at(n, i);
		bool keyed = n->type == RC_NODE_TABLE && x->key;

		if (keyed && in_list(g->run, x->key) &&
		    x->type != RC_NODE_TABLE) {
			if (x->type != RC_NODE_ARRAY) {
				e = value_fact(c, "ci.run", K_RUN, x,
					       key_line(c, x), NULL);
				continue;
			}
			for (k = 0; k < rc_node_count(x) && !e; k++)
				e = value_fact(c, "ci.run", K_RUN,
					       rc_node_at(x, k),
					       rc_node_at(x, k)->line, NULL);
			continue;
		}
		if (keyed && in_list(g->image, x->key) &&
		    x->type == RC_NODE_STRING) {
			e = value_fact(c, "ci.image", K_IMAGE, x, x->line,
				       NULL);
			continue;
		}
		if (keyed && in_list(g->job, x->key) &&
		    x->type == RC_NODE_STRING) {
			e = add_fact(c, "ci.job", rc_node_str(x), x->line,
				     NULL);
			continue;
		}
		e = walk(c, x, g, depth + 1);
	}
	return e;
}

static int circleci(struct ctx *c, const struct rc_node *root)
{
	static const char *const run[] = { "run", "command", NULL };
	static const char *const image[] = { "image", NULL };
	static const struct generic g = { run, image, NULL };
	const struct rc_node *jobs = rc_node_get(root, "jobs");
	const struct rc_node *wf = rc_node_get(root, "workflows");
	size_t i, k;
	int e;

	for (i = 0; i < rc_node_count(jobs) && jobs->type == RC_NODE_TABLE;
	     i++) {
		const struct rc_node *j = rc_node_at(jobs, i);
		if ((e = add_fact(c, "ci.job", j->key, key_line(c, j), NULL)))
			return e;
	}
	/* workflows: <name>: triggers: - schedule: ... */
	for (i = 0; i < rc_node_count(wf) && wf->type == RC_NODE_TABLE; i++) {
		const struct rc_node *t =
			rc_node_get(rc_node_at(wf, i), "triggers");
		for (k = 0; k < rc_node_count(t); k++) {
			const struct rc_node *s;
			s = rc_node_get(rc_node_at(t, k), "schedule");
			if (s && (e = trigger(c, "schedule", key_line(c, s))))
				return e;
		}
	}
	return walk(c, root, &g, 0);
}

static int azure(struct ctx *c, const struct rc_node *root)
{
	static const char *const run[] = { "script", "bash", "pwsh",
					   "powershell", NULL };
	static const char *const job[] = { "job", "deployment", NULL };
	static const struct generic g = { run, NULL, job };
	const struct rc_node *t;
	int e;

	t = rc_node_get(root, "trigger");
	if (t && !is_scalar_str(t, "none") &&
	    (e = trigger(c, "push", key_line(c, t))))
		return e;
	if (t && rc_node_get(t, "tags") &&
	    (e = trigger(c, "tag", key_line(c, rc_node_get(t, "tags")))))
		return e;
	t = rc_node_get(root, "pr");
	if (t && !is_scalar_str(t, "none") &&
	    (e = trigger(c, "pull_request", key_line(c, t))))
		return e;
	t = rc_node_get(root, "schedules");
	if (t && (e = trigger(c, "schedule", key_line(c, t))))
		return e;
	return walk(c, root, &g, 0);
}

static int buildkite(struct ctx *c, const struct rc_node *root)
{
	static const char *const run[] = { "command", "commands", NULL };
	static const char *const image[] = { "image", NULL };
	static const struct generic g = { run, image, NULL };

	return walk(c, root, &g, 0);
}

static int travis(struct ctx *c, const struct rc_node *root)
{
	static const char *const run[] = {
		"script",
		"install",
		"before_install",
		"before_script",
		"after_script",
		"after_success",
		"after_failure",
		"before_deploy",
		"after_deploy",
		"before_cache",
		NULL,
	};
	static const struct generic g = { run, NULL, NULL };

	return walk(c, root, &g, 0);
}

/* ---- Jenkins (Groovy, scanned) ------------------------------------------ */

struct scan {
	const char *p, *end;
	unsigned line;
};

static bool id_start(char ch)
{
	return ch == '_' || ch == '$' || (ch >= 'A' && ch <= 'Z') ||
	       (ch >= 'a' && ch <= 'z');
}

static bool id_char(char ch)
{
	return id_start(ch) || (ch >= '0' && ch <= '9');
}

static void advance(struct scan *s, size_t n)
{
	for (; n && s->p < s->end; n--, s->p++)
		if (*s->p == '\n')
			s->line++;
}

static bool at(const struct scan *s, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(s->end - s->p) >= n && !memcmp(s->p, lit, n);
}

/* Skip blanks, newlines and comments. */
static void skip_ws(struct scan *s)
{
	while (s->p < s->end) {
		if (*s->p == ' ' || *s->p == '\t' || *s->p == '\r' ||
		    *s->p == '\n') {
			advance(s, 1);
		} else if (at(s, "//")) {
			while (s->p < s->end && *s->p != '\n')
				s->p++;
		} else if (at(s, "/*")) {
			advance(s, 2);
			while (s->p < s->end && !at(s, "*/"))
				advance(s, 1);
			advance(s, 2);
		} else {
			break;
		}
	}
}

/*
 * At a quote: read a Groovy string literal ('...', "...", '''...''',
 * """..."""), setting its raw contents. False when not at a quote.
 */
static bool read_string(struct scan *s, const char **body, size_t *n)
{
	char q;
	bool triple;
	const char *b;

	if (s->p >= s->end || (*s->p != '\'' && *s->p != '"'))
		return false;
	q = *s->p;
	triple = at(s, q == '\'' ? "'''" : "\"\"\"");
	advance(s, triple ? 3 : 1);
	b = s->p;
	while (s->p < s->end) {
		if (*s->p == '\\') {
			advance(s, 2);
			continue;
		}
		if (triple ? at(s, q == '\'' ? "'''" : "\"\"\"")
			   : *s->p == q || *s->p == '\n')
			break;
		advance(s, 1);
	}
	*body = b;
	*n = (size_t)(s->p - b);
	if (s->p < s->end && *s->p != '\n')
		advance(s, triple ? 3 : 1);
	return true;
}

static int add_text(struct ctx *c, const char *name, const char *p, size_t n,
		    unsigned line)
{
	rc_buf_reset(&c->val);
	if (rc_buf_add(&c->val, p, n))
		return rc_buf_err(&c->val) == RC_ENOMEM ? RC_ENOMEM : 0;
	return add_fact(c, name, c->val.ptr, line, NULL);
}

/*
 * After `sh`: `sh 'cmd'`, `sh("cmd")`, `sh script: 'cmd', label: 'x'`,
 * `sh(returnStdout: true, script: """cmd""")`.
 */
static int jenkins_step(struct ctx *c, struct scan *s, unsigned line)
{
	const char *body;
	size_t n;
	bool paren = false;

	while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
		s->p++;
	if (s->p < s->end && *s->p == '(') {
		paren = true;
		advance(s, 1);
		skip_ws(s);
	}
	if (read_string(s, &body, &n))
		return add_text(c, "ci.run", body, n, line);
	while (s->p < s->end && id_start(*s->p)) {
		const char *name = s->p;
		size_t nn;

		while (s->p < s->end && id_char(*s->p))
			s->p++;
		nn = (size_t)(s->p - name);
		while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
			s->p++;
		if (s->p >= s->end || *s->p != ':')
			return 0;
		advance(s, 1);
		skip_ws(s);
		if (read_string(s, &body, &n)) {
			if (nn == 6 && !memcmp(name, "script", 6))
				return add_text(c, "ci.run", body, n, line);
		} else {
			while (s->p < s->end && id_char(*s->p))
				s->p++;
		}
		while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
			s->p++;
		if (s->p >= s->end || *s->p != ',')
			return 0;
		advance(s, 1);
		if (paren)
			skip_ws(s);
		else
			while (s->p < s->end && (*s->p == ' ' || *s->p == '\t'))
				s->p++;
	}
	return 0;
}

static int jenkins(struct ctx *c)
{
	struct scan s = { c->buf, c->buf + c->len, 1 };
	const char *body;
	size_t n;
	int e = 0;

	while (!e && s.p < s.end) {
		const char *id;
		size_t idn;
		unsigned line;

		skip_ws(&s);
		if (s.p >= s.end)
			break;
		if (read_string(&s, &body, &n))
			continue;
		if (!id_start(*s.p)) {
			advance(&s, 1);
			continue;
		}
		id = s.p;
		line = s.line;
		while (s.p < s.end && id_char(*s.p))
			s.p++;
		idn = (size_t)(s.p - id);
		if ((idn == 2 && !memcmp(id, "sh", 2)) ||
		    (idn == 3 && !memcmp(id, "bat", 3)) ||
		    (idn == 10 && !memcmp(id, "powershell", 10))) {
			e = jenkins_step(c, &s, line);
		} else if (idn == 5 && !memcmp(id, "stage", 5)) {
			skip_ws(&s);
			if (s.p < s.end && *s.p == '(') {
				advance(&s, 1);
				skip_ws(&s);
				if (read_string(&s, &body, &n))
					e = add_text(c, "ci.job", body, n,
						     line);
			}
		} else if (idn == 4 && !memcmp(id, "cron", 4)) {
			skip_ws(&s);
			if (s.p < s.end && *s.p == '(')
				e = trigger(c, "schedule", line);
		}
	}
	return e;
}

/* ---- entry -------------------------------------------------------------- */

/* GitLab files may start with a `spec:` header document. */
static const struct rc_node *gitlab_root(const struct rc_node *docs)
{
	const struct rc_node *first = rc_node_at(docs, 0);

	if (rc_node_get(first, "spec") && rc_node_count(first) == 1 &&
	    rc_node_count(docs) > 1)
		return rc_node_at(docs, 1);
	return first;
}

static int collect_yaml(struct ctx *c, struct rc_diags *d, const char *sys)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	const struct rc_node *root;
	bool gl = !strcmp(sys, "gitlab");
	int e;

	if (gl)
		e = rc_yaml_parse_all(&doc, c->buf, c->len, c->path, &err);
	else
		e = rc_yaml_parse(&doc, c->buf, c->len, c->path, &err);
	if (e == RC_EPARSE)
		return rc_diags_add(d, RC_DIAG_ERROR, c->path, err.line,
				    err.col, "%s", err.msg);
	if (e)
		return RC_ENOMEM;
	root = gl ? gitlab_root(doc->root) : doc->root;
	if (!rc_node_is(root, RC_NODE_TABLE)) {
		e = rc_diags_add(d, RC_DIAG_WARNING, c->path,
				 root ? root->line : 1, root ? root->col : 1,
				 "expected a mapping at the top of the file");
	} else if ((e = index_lines(c)) == 0) {
		if (!strcmp(sys, "github"))
			e = github(c, root);
		else if (gl)
			e = gitlab(c, root);
		else if (!strcmp(sys, "circleci"))
			e = circleci(c, root);
		else if (!strcmp(sys, "azure"))
			e = azure(c, root);
		else if (!strcmp(sys, "buildkite"))
			e = buildkite(c, root);
		else
			e = travis(c, root);
	}
	rc_doc_free(doc);
	return e;
}

int rc_collect_ci_file(struct rc_facts *f, struct rc_diags *d, const char *path,
		       const char *buf, size_t len)
{
	const char *sys = rc_collect_ci_system(path);
	struct ctx c;
	int e;

	if (!sys)
		return 0;
	if ((e = rc_facts_add_str_once(f, "ci.system", sys, path, 0)) ||
	    (e = rc_facts_add_str(f, "ci.workflow", path, path, 0)))
		return e;
	memset(&c, 0, sizeof(c));
	c.f = f;
	c.path = path;
	c.buf = buf;
	c.len = len;
	rc_buf_init(&c.val, RC_BUF_MAX_DEFAULT);
	if (!strcmp(sys, "jenkins"))
		e = jenkins(&c);
	else
		e = collect_yaml(&c, d, sys);
	rc_vec_free(&c.lines);
	rc_vec_free(&c.triggers);
	rc_free(c.seen.v);
	rc_buf_release(&c.val);
	return e ? RC_ENOMEM : 0;
}
