#include "../core/common.h"
#include "docker.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../core/str.h"
#include "../core/vec.h"
#include "../parse/dockerfile.h"

#include <ctype.h>
#include <stdio.h>
#include <strings.h>

/* Hostile input bounds: stages searched for a name, variables per image. */
#define MAX_STAGES 128
#define MAX_VARS   64

/* A build argument declared before the first FROM (usable in FROM). */
struct arg {
	const char *name; /* points into the model */
	size_t name_len;
	const char *value; /* default, NULL when none */
};

/* What the collector tracks per build stage. */
struct stage {
	const char *name;  /* `AS name`, or NULL */
	const char *image; /* base image of the stage (inherited through
			      stage references), as written */
	unsigned from_line;
	const char *user; /* last USER, inherited; NULL when none */
	unsigned user_line;
	const char *hc; /* last HEALTHCHECK text, inherited; NULL when none
			   or NONE */
	unsigned hc_line;
	const char *cmd; /* last CMD and ENTRYPOINT, inherited */
	unsigned cmd_line;
	const char *entry;
	unsigned entry_line;
};

struct ctx {
	struct rc_facts *f;
	const char *path;
	RC_VEC(struct arg) args;
	RC_VEC(struct stage) stages;
	struct rc_buf tmp;
};

bool rc_collect_is_dockerfile(const char *path)
{
	const char *base = strrchr(path, '/');

	base = base ? base + 1 : path;
	if (!strcmp(base, "Dockerfile") || !strcmp(base, "Containerfile") ||
	    !strcmp(base, "dockerfile"))
		return true;
	if (rc_str_starts_with(base, "Dockerfile.") ||
	    rc_str_starts_with(base, "Containerfile."))
		return true;
	return strlen(base) > 11 && (rc_str_ends_with(base, ".Dockerfile") ||
				     rc_str_ends_with(base, ".dockerfile"));
}

static const struct arg *find_arg(const struct ctx *c, const char *name,
				  size_t n)
{
	size_t i;

	for (i = c->args.n; i-- > 0;)
		if (c->args.v[i].name_len == n &&
		    !memcmp(c->args.v[i].name, name, n))
			return &c->args.v[i];
	return NULL;
}

static int note_args(struct ctx *c, const struct rc_dockerfile_instr *in)
{
	size_t k;

	for (k = 0; k < in->nwords; k++) {
		const char *w = in->words[k], *eq = strchr(w, '=');
		struct arg a = { w, eq ? (size_t)(eq - w) : strlen(w),
				 eq ? eq + 1 : NULL };

		if (a.name_len && rc_vec_push(&c->args, a))
			return RC_ENOMEM;
	}
	return 0;
}

static bool name_char(char ch, bool first)
{
	return ch == '_' || isalpha((unsigned char)ch) ||
	       (!first && isdigit((unsigned char)ch));
}

/*
 * Substitute global build arguments in s into c->tmp: $NAME, ${NAME},
 * ${NAME:-word}, ${NAME-word}, ${NAME:+word}, ${NAME+word}. Returns 1 when
 * every variable had a value, 0 when one did not, RC_ENOMEM.
 */
static int expand(struct ctx *c, const char *s)
{
	int resolved = 1;
	unsigned vars = 0;

	rc_buf_reset(&c->tmp);
	while (*s) {
		const char *name, *word = NULL, *close = NULL;
		const struct arg *a;
		size_t n = 0, wn = 0;
		char op = 0;
		bool colon = false, braced;

		if (*s == '\\' && s[1] == '$') {
			rc_buf_addc(&c->tmp, '$');
			s += 2;
			continue;
		}
		if (*s != '$') {
			rc_buf_addc(&c->tmp, *s++);
			continue;
		}
		braced = s[1] == '{';
		name = s + 1 + braced;
		while (name_char(name[n], n == 0))
			n++;
		if (!n) {
			rc_buf_addc(&c->tmp, *s++);
			continue;
		}
		if (++vars > MAX_VARS)
			return 0;
		if (braced) {
			const char *p = name + n;
			close = strchr(p, '}');
			if (!close) {
				resolved = 0; /* unterminated ${ */
				break;
			}
			if (*p == ':') {
				colon = true;
				p++;
			}
			if (*p == '-' || *p == '+') {
				op = *p++;
				word = p;
				wn = (size_t)(close - p);
			} else if (p != close) {
				resolved = 0; /* unsupported form */
			}
			s = close + 1;
		} else {
			s = name + n;
		}
		a = find_arg(c, name, n);
		if (op == '+') {
			if (a && a->value && (!colon || *a->value))
				rc_buf_add(&c->tmp, word, wn);
		} else if (a && a->value && (!colon || *a->value)) {
			rc_buf_adds(&c->tmp, a->value);
		} else if (op == '-') {
			rc_buf_add(&c->tmp, word, wn);
		} else {
			resolved = 0;
		}
	}
	if (rc_buf_err(&c->tmp) == RC_ENOMEM)
		return RC_ENOMEM;
	return rc_buf_err(&c->tmp) ? 0 : resolved;
}

static const struct stage *find_stage(const struct ctx *c, const char *name)
{
	size_t i,
		stop = c->stages.n > MAX_STAGES ? c->stages.n - MAX_STAGES : 0;

	for (i = c->stages.n; i-- > stop;)
		if (c->stages.v[i].name &&
		    !strcasecmp(c->stages.v[i].name, name))
			return &c->stages.v[i];
	return NULL;
}

static bool is_pinned(const char *image)
{
	const char *at = strchr(image, '@');

	return at && (rc_str_starts_with(at + 1, "sha256:") ||
		      rc_str_starts_with(at + 1, "sha384:") ||
		      rc_str_starts_with(at + 1, "sha512:"));
}

static int on_from(struct ctx *c, const struct rc_dockerfile_instr *in)
{
	struct stage st;
	const struct stage *ref;
	const char *image = in->nwords ? in->words[0] : "";
	const char *effective = image;
	char note[256];
	int e;

	memset(&st, 0, sizeof(st));
	st.from_line = in->line;
	if (in->nwords >= 3 && !strcasecmp(in->words[1], "AS"))
		st.name = in->words[2];
	if (!*image) /* `FROM --platform=x` alone: a stage, no image */
		return rc_vec_push(&c->stages, st);

	e = strchr(image, '$') ? expand(c, image) : 1;
	if (e < 0)
		return e;
	if (strchr(image, '$'))
		effective = e ? c->tmp.ptr : NULL;

	ref = effective ? find_stage(c, effective) : NULL;
	if (ref) {
		/* a stage built on an earlier one inherits its settings */
		st.image = ref->image;
		st.user = ref->user;
		st.user_line = ref->user_line;
		st.hc = ref->hc;
		st.hc_line = ref->hc_line;
		st.cmd = ref->cmd;
		st.cmd_line = ref->cmd_line;
		st.entry = ref->entry;
		st.entry_line = ref->entry_line;
		return rc_vec_push(&c->stages, st);
	}
	st.image = image;
	if (effective && effective != image) {
		snprintf(note, sizeof(note), "build argument resolves to '%s'",
			 effective);
	} else if (!effective) {
		snprintf(note, sizeof(note),
			 "set by a build argument without a default");
	}
	if (effective == image)
		e = rc_facts_add_str(c->f, "docker.from", image, c->path,
				     in->line);
	else
		e = rc_facts_add_note(c->f, "docker.from", image, c->path,
				      in->line, note);
	if (e)
		return e;
	if (!(effective &&
	      (!strcasecmp(effective, "scratch") || is_pinned(effective)))) {
		e = effective == image
			    ? rc_facts_add_str(c->f, "docker.from.unpinned",
					       image, c->path, in->line)
			    : rc_facts_add_note(c->f, "docker.from.unpinned",
						image, c->path, in->line, note);
		if (e)
			return e;
	}
	return rc_vec_push(&c->stages, st);
}

static bool root_user(const char *user)
{
	size_t n = strcspn(user, ":");

	return (n == 4 && !strncmp(user, "root", 4)) ||
	       (n == 1 && user[0] == '0');
}

static int finish(struct ctx *c)
{
	const struct stage *st;
	int e;

	e = rc_facts_add_num(c->f, "docker.stages", (double)c->stages.n,
			     c->path, 0);
	if (e || !c->stages.n)
		return e;
	st = &c->stages.v[c->stages.n - 1];
	if (st->hc && (e = rc_facts_add_str(c->f, "docker.healthcheck", st->hc,
					    c->path, st->hc_line)))
		return e;
	if (st->entry &&
	    (e = rc_facts_add_note(c->f, "docker.cmd", st->entry, c->path,
				   st->entry_line, "ENTRYPOINT")))
		return e;
	if (st->cmd && (e = rc_facts_add_note(c->f, "docker.cmd", st->cmd,
					      c->path, st->cmd_line, "CMD")))
		return e;
	if (st->user) {
		if ((e = rc_facts_add_str(c->f, "docker.user", st->user,
					  c->path, st->user_line)))
			return e;
		if (root_user(st->user))
			return rc_facts_add_str(c->f, "docker.user.root",
						st->user, c->path,
						st->user_line);
		return 0;
	}
	if (st->image &&
	    rc_str_icase_find(st->image, strlen(st->image), "nonroot"))
		/* distroless-style images that run as a non-root user */
		return rc_facts_add_note(c->f, "docker.user", "nonroot",
					 c->path, st->from_line,
					 "set by the base image");
	return rc_facts_add_note(c->f, "docker.user.root", "root", c->path,
				 st->from_line,
				 "no USER instruction in the final stage");
}

static int collect(struct ctx *c, const struct rc_dockerfile *df)
{
	size_t i, k;
	int e = 0;

	for (i = 0; i < df->n && !e; i++) {
		const struct rc_dockerfile_instr *in = &df->instrs[i];
		struct stage *st =
			c->stages.n ? &c->stages.v[c->stages.n - 1] : NULL;

		if (!strcmp(in->cmd, "FROM")) {
			e = on_from(c, in);
		} else if (!strcmp(in->cmd, "ARG")) {
			if (!st)
				e = note_args(c, in);
		} else if (!strcmp(in->cmd, "USER")) {
			if (st) {
				st->user = in->args;
				st->user_line = in->line;
			}
		} else if (!strcmp(in->cmd, "HEALTHCHECK")) {
			if (st) {
				bool none = in->nwords &&
					    !strcasecmp(in->words[0], "NONE");
				st->hc = none ? NULL : in->args;
				st->hc_line = in->line;
			}
		} else if (!strcmp(in->cmd, "CMD") ||
			   !strcmp(in->cmd, "ENTRYPOINT")) {
			bool cmd = !strcmp(in->cmd, "CMD");

			if (st && cmd) {
				st->cmd = in->args;
				st->cmd_line = in->line;
			} else if (st) {
				st->entry = in->args;
				st->entry_line = in->line;
			}
		} else if (!strcmp(in->cmd, "EXPOSE")) {
			for (k = 0; k < in->nwords && !e; k++)
				e = rc_facts_add_str(c->f, "docker.expose",
						     in->words[k], c->path,
						     in->line);
		}
	}
	return e ? e : finish(c);
}

int rc_collect_dockerfile(struct rc_facts *f, struct rc_diags *d,
			  const char *path, const char *buf, size_t len)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_dockerfile *df = NULL;
	struct ctx c;
	int e;

	if ((e = rc_facts_add_str(f, "docker.file", path, path, 0)))
		return e;
	e = rc_dockerfile_parse(&df, buf, len, path, &err);
	if (e == RC_EPARSE) {
		if (err.hint[0])
			return rc_diags_add(d, RC_DIAG_ERROR, path, err.line,
					    err.col, "%s (did you mean '%s'?)",
					    err.msg, err.hint);
		return rc_diags_add(d, RC_DIAG_ERROR, path, err.line, err.col,
				    "%s", err.msg);
	}
	if (e)
		return RC_ENOMEM;
	memset(&c, 0, sizeof(c));
	c.f = f;
	c.path = path;
	rc_buf_init(&c.tmp, 64 * 1024);
	e = collect(&c, df);
	rc_vec_free(&c.args);
	rc_vec_free(&c.stages);
	rc_buf_release(&c.tmp);
	rc_dockerfile_free(df);
	return e ? RC_ENOMEM : 0;
}
