#include "../core/common.h"
#include "k8s.h"
#include "../core/alloc.h"
#include "../core/buf.h"
#include "../core/err.h"
#include "../parse/doc.h"
#include "../parse/yaml.h"
#include "manifest_util.h"

/* Longest name part or image reference kept as it is. */
#define NAME_MAX_LEN 512

/* `kind: List` nesting we follow. */
#define LIST_DEPTH 4

struct ctx {
	struct rc_facts *f;
	const char *path;
	bool helm;
	/* Helm only: the template and the YAML made of it, and line starts */
	const char *orig, *yaml;
	size_t len;
	size_t *lines;
	size_t nlines;
	struct rc_buf tmp; /* fact values */
};

static bool starts_line(const char *buf, size_t len, const char *key)
{
	size_t m = strlen(key), i = 0;

	while (i < len) {
		const char *nl = memchr(buf + i, '\n', len - i);
		size_t end = nl ? (size_t)(nl - buf) : len;

		if (end - i >= m && !memcmp(buf + i, key, m))
			return true;
		i = end + 1;
	}
	return false;
}

static bool has_text(const char *buf, size_t len, const char *s)
{
	size_t m = strlen(s), i;

	for (i = 0; i + m <= len; i++)
		if (buf[i] == s[0] && !memcmp(buf + i, s, m))
			return true;
	return false;
}

static bool is_helm_path(const char *path)
{
	return !strncmp(path, "templates/", 10) || strstr(path, "/templates/");
}

/*
 * The YAML of a Helm template: actions replaced by '~' (newlines inside an
 * action kept), lines made only of actions and blanks turned into spaces.
 * *out is a new NUL-terminated buffer of len bytes.
 */
static int helm_to_yaml(char **out, const char *buf, size_t len)
{
	char *y = rc_malloc(len + 1);
	unsigned char *act; /* 1 for bytes inside an action */
	size_t i, bol;

	act = rc_calloc(len + 1, 1);
	if (!y || !act) {
		rc_free(y);
		rc_free(act);
		return RC_ENOMEM;
	}
	memcpy(y, buf, len);
	y[len] = '\0';
	for (i = 0; i + 1 < len; i++) {
		size_t j;

		if (buf[i] != '{' || buf[i + 1] != '{')
			continue;
		for (j = i + 2; j + 1 < len; j++)
			if (buf[j] == '}' && buf[j + 1] == '}')
				break;
		if (j + 1 >= len)
			break; /* unclosed: left as it is */
		memset(act + i, 1, j + 2 - i);
		i = j + 1;
	}
	for (bol = 0; bol < len;) {
		const char *nl = memchr(buf + bol, '\n', len - bol);
		size_t eol = nl ? (size_t)(nl - buf) : len;
		bool only = false, other = false;

		for (i = bol; i < eol; i++) {
			if (act[i])
				only = true;
			else if (buf[i] != ' ' && buf[i] != '\t' &&
				 buf[i] != '\r')
				other = true;
		}
		for (i = bol; i < eol; i++)
			if (only && !other)
				y[i] = ' ';
			else if (act[i])
				y[i] = '~';
		bol = eol + 1;
	}
	rc_free(act);
	*out = y;
	return 0;
}

static int index_lines(struct ctx *c)
{
	size_t i, n = 1;

	for (i = 0; i < c->len; i++)
		if (c->yaml[i] == '\n')
			n++;
	c->lines = rc_malloc(n * sizeof(*c->lines));
	if (!c->lines)
		return RC_ENOMEM;
	c->lines[0] = 0;
	for (i = 0, n = 1; i < c->len; i++)
		if (c->yaml[i] == '\n')
			c->lines[n++] = i + 1;
	c->nlines = n;
	return 0;
}

/* A STRING that came (in part) from a template action. */
static bool templated(const struct ctx *c, const struct rc_node *n)
{
	return c->helm && rc_node_is(n, RC_NODE_STRING) &&
	       memchr(n->u.s.ptr, '~', n->u.s.len);
}

/* A value a template decides: a templated string, or a key left empty
 * because its value was a line of actions. */
static bool unknown(const struct ctx *c, const struct rc_node *n)
{
	return c->helm && n && (templated(c, n) || n->type == RC_NODE_NULL);
}

/*
 * The template text of a templated scalar: found at its line and column
 * when the scalar is written there as it is (no escapes, one line). NULL
 * when it cannot be found.
 */
static const char *template_text(const struct ctx *c, const struct rc_node *n,
				 size_t *out_len)
{
	size_t off, len = n->u.s.len;
	unsigned col;

	if (!c->lines || n->line == 0 || n->line > c->nlines || n->col == 0)
		return NULL;
	off = c->lines[n->line - 1];
	for (col = 1; col < n->col && off < c->len; off++) {
		if (c->yaml[off] == '\n')
			return NULL;
		if (((unsigned char)c->yaml[off + 1] & 0xc0) != 0x80)
			col++;
	}
	if (off < c->len && (c->yaml[off] == '"' || c->yaml[off] == '\''))
		off++;
	if (off > c->len || len > c->len - off ||
	    memcmp(c->yaml + off, n->u.s.ptr, len))
		return NULL;
	*out_len = len;
	return c->orig + off;
}

/* Append a name part: the string, its template text, or a placeholder. */
static void add_name(struct ctx *c, struct rc_buf *b, const struct rc_node *n)
{
	const char *s = NULL;
	size_t len = 0, i;
	char num[32];

	if (templated(c, n)) {
		s = template_text(c, n, &len);
		if (!s) {
			rc_buf_adds(b, "(templated)");
			return;
		}
	} else if (rc_node_is(n, RC_NODE_STRING)) {
		s = n->u.s.ptr;
		len = n->u.s.len;
	} else if (rc_node_is(n, RC_NODE_INT)) {
		s = rc_node_text(n, num, sizeof(num));
		len = strlen(s);
	}
	if (!s || !len) {
		rc_buf_adds(b, "(unnamed)");
		return;
	}
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			break;
	if (i < len || len > NAME_MAX_LEN) {
		rc_buf_adds(b, "(invalid)");
		return;
	}
	rc_buf_add(b, s, len);
}

static int add(struct ctx *c, const char *name, const char *value,
	       unsigned line, const char *note)
{
	return rc_facts_add_note(c->f, name, value, c->path, line, note);
}

/* Add name with value c->tmp + suffix. */
static int add_tmp(struct ctx *c, const char *name, size_t base,
		   const char *suffix, unsigned line, const char *note)
{
	rc_buf_truncate(&c->tmp, base);
	rc_buf_adds(&c->tmp, suffix);
	if (rc_buf_err(&c->tmp))
		return RC_ENOMEM;
	return add(c, name, c->tmp.ptr, line, note);
}

/* "no tag", "tag latest" or NULL for a pinned image reference. */
static const char *unpinned(const char *img, size_t len)
{
	const char *slash, *colon;
	size_t i;

	if (has_text(img, len, "@sha256:"))
		return NULL;
	slash = NULL;
	for (i = 0; i < len; i++)
		if (img[i] == '/')
			slash = img + i;
	slash = slash ? slash + 1 : img;
	colon = memchr(slash, ':', len - (size_t)(slash - img));
	if (!colon || colon + 1 == img + len)
		return "no tag";
	if (rc_manifest_eq(colon + 1, len - (size_t)(colon + 1 - img),
			   "latest"))
		return "tag latest";
	return NULL;
}

/*
 * A setting at dotted path below node: 1 set, 0 missing, and 1 when a
 * template decides it (unknown).
 */
static bool present(const struct ctx *c, const struct rc_node *n,
		    const char *const *keys, size_t nkeys)
{
	size_t i;

	for (i = 0; i < nkeys; i++) {
		if (unknown(c, n))
			return true;
		n = rc_node_get(n, keys[i]);
		if (!n)
			return false;
	}
	return unknown(c, n) || !rc_node_is(n, RC_NODE_NULL);
}

/* Is the boolean at key of security context sc want? -1 when absent. */
static int sc_bool(const struct ctx *c, const struct rc_node *sc,
		   const char *key, bool want)
{
	const struct rc_node *v;

	if (unknown(c, sc))
		return 1;
	v = rc_node_get(sc, key);
	if (!v)
		return -1;
	if (unknown(c, v))
		return 1;
	return rc_node_is(v, RC_NODE_BOOL) && v->u.b == want;
}

static int container(struct ctx *c, const struct rc_node *pod,
		     const struct rc_node *ct, bool init, bool long_running,
		     size_t base)
{
	static const char *const res[][2] = {
		{ "requests", "cpu" },
		{ "requests", "memory" },
		{ "limits", "memory" },
	};
	static const char *const res_name[] = {
		": requests.cpu",
		": requests.memory",
		": limits.memory",
	};
	const struct rc_node *img = rc_node_get(ct, "image");
	const struct rc_node *sc = rc_node_get(ct, "securityContext");
	const struct rc_node *psc = rc_node_get(pod, "securityContext");
	unsigned line = ct->line;
	size_t cbase;
	int e, v;
	size_t i;

	rc_buf_truncate(&c->tmp, base);
	rc_buf_addc(&c->tmp, '/');
	add_name(c, &c->tmp, rc_node_get(ct, "name"));
	if (rc_buf_err(&c->tmp))
		return RC_ENOMEM;
	cbase = c->tmp.len;
	if ((e = add(c, "k8s.container", c->tmp.ptr, line,
		     init ? "init" : NULL)))
		return e;
	if (rc_node_is(img, RC_NODE_STRING) && img->u.s.len) {
		struct rc_buf ib = RC_BUF_INIT;
		const char *why = NULL;

		add_name(c, &ib, img);
		if (templated(c, img))
			why = NULL; /* the tag is decided by values */
		else
			why = unpinned(img->u.s.ptr, img->u.s.len);
		if (rc_buf_err(&ib))
			e = RC_ENOMEM;
		else if (!(e = add(c, "k8s.image", ib.ptr, img->line, NULL)) &&
			 why)
			e = add(c, "k8s.image.unpinned", ib.ptr, img->line,
				why);
		rc_buf_release(&ib);
		if (e)
			return e;
	}
	if (long_running && !init) {
		if (!present(c, ct, (const char *const[]){ "livenessProbe" },
			     1) &&
		    (e = add_tmp(c, "k8s.probe.missing", cbase, ": liveness",
				 line, NULL)))
			return e;
		if (!present(c, ct, (const char *const[]){ "readinessProbe" },
			     1) &&
		    (e = add_tmp(c, "k8s.probe.missing", cbase, ": readiness",
				 line, NULL)))
			return e;
	}
	for (i = 0; i < RC_ARRAY_SIZE(res); i++) {
		const char *const keys[] = { "resources", res[i][0],
					     res[i][1] };

		if (!present(c, ct, keys, 3) &&
		    (e = add_tmp(c, "k8s.resources.missing", cbase, res_name[i],
				 line, NULL)))
			return e;
	}
	v = sc_bool(c, sc, "runAsNonRoot", true);
	if (v < 0)
		v = sc_bool(c, psc, "runAsNonRoot", true);
	if (v <= 0 && (e = add_tmp(c, "k8s.security.missing", cbase,
				   ": runAsNonRoot", line, NULL)))
		return e;
	if (sc_bool(c, sc, "readOnlyRootFilesystem", true) <= 0 &&
	    (e = add_tmp(c, "k8s.security.missing", cbase,
			 ": readOnlyRootFilesystem", line, NULL)))
		return e;
	if (sc_bool(c, sc, "allowPrivilegeEscalation", false) <= 0 &&
	    (e = add_tmp(c, "k8s.security.missing", cbase,
			 ": allowPrivilegeEscalation", line, NULL)))
		return e;
	return 0;
}

static int containers(struct ctx *c, const struct rc_node *pod, const char *key,
		      bool init, bool long_running, size_t base)
{
	const struct rc_node *list = rc_node_get(pod, key);
	size_t i;
	int e;

	if (!rc_node_is(list, RC_NODE_ARRAY))
		return 0;
	for (i = 0; i < rc_node_count(list); i++) {
		const struct rc_node *ct = rc_node_at(list, i);

		if (rc_node_is(ct, RC_NODE_TABLE) &&
		    (e = container(c, pod, ct, init, long_running, base)))
			return e;
	}
	return 0;
}

static const char *const workload_kinds[][2] = {
	/* kind, path of the pod spec */
	{ "Deployment", "spec.template.spec" },
	{ "StatefulSet", "spec.template.spec" },
	{ "DaemonSet", "spec.template.spec" },
	{ "ReplicaSet", "spec.template.spec" },
	{ "Rollout", "spec.template.spec" },
	{ "Job", "spec.template.spec" },
	{ "CronJob", "spec.jobTemplate.spec.template.spec" },
	{ "Pod", "spec" },
};

static int workload(struct ctx *c, const struct rc_node *doc, const char *kind,
		    const char *pod_path, unsigned line)
{
	const struct rc_node *pod = rc_node_path(doc, pod_path);
	bool long_running = strcmp(kind, "Job") && strcmp(kind, "CronJob");
	size_t base;
	int e;

	rc_buf_reset(&c->tmp);
	rc_buf_adds(&c->tmp, kind);
	rc_buf_addc(&c->tmp, '/');
	add_name(c, &c->tmp, rc_node_path(doc, "metadata.name"));
	if (rc_buf_err(&c->tmp))
		return RC_ENOMEM;
	base = c->tmp.len;
	if ((e = add(c, "k8s.workload", c->tmp.ptr, line, NULL)))
		return e;
	if (!strcmp(kind, "Deployment") || !strcmp(kind, "StatefulSet") ||
	    !strcmp(kind, "Rollout")) {
		const struct rc_node *r = rc_node_path(doc, "spec.replicas");

		if (!r)
			e = rc_facts_add_num(c->f, "k8s.replicas", 1, c->path,
					     line);
		else if (rc_node_is(r, RC_NODE_INT))
			e = rc_facts_add_num(c->f, "k8s.replicas",
					     (double)r->u.i, c->path, line);
		if (e)
			return e;
	}
	if (!rc_node_is(pod, RC_NODE_TABLE))
		return 0;
	if ((e = containers(c, pod, "containers", false, long_running, base)))
		return e;
	return containers(c, pod, "initContainers", true, long_running, base);
}

static int resource(struct ctx *c, const struct rc_node *doc, int depth)
{
	const struct rc_node *k = rc_node_get(doc, "kind");
	const char *kind = rc_node_str(k);
	size_t i;
	int e;

	if (!rc_node_is(doc, RC_NODE_TABLE) || !kind)
		return 0;
	if (!strcmp(kind, "List")) {
		const struct rc_node *items = rc_node_get(doc, "items");

		if (depth >= LIST_DEPTH)
			return 0;
		for (i = 0; i < rc_node_count(items); i++)
			if ((e = resource(c, rc_node_at(items, i), depth + 1)))
				return e;
		return 0;
	}
	for (i = 0; i < RC_ARRAY_SIZE(workload_kinds); i++)
		if (!strcmp(kind, workload_kinds[i][0]))
			return workload(c, doc, kind, workload_kinds[i][1],
					k->line);
	if (!strcmp(kind, "PodDisruptionBudget")) {
		rc_buf_reset(&c->tmp);
		add_name(c, &c->tmp, rc_node_path(doc, "metadata.name"));
		if (rc_buf_err(&c->tmp))
			return RC_ENOMEM;
		return add(c, "k8s.pdb", c->tmp.ptr, k->line, NULL);
	}
	if (!strcmp(kind, "HorizontalPodAutoscaler")) {
		const struct rc_node *ref =
			rc_node_path(doc, "spec.scaleTargetRef");

		if (!rc_node_is(ref, RC_NODE_TABLE))
			return 0;
		rc_buf_reset(&c->tmp);
		add_name(c, &c->tmp, rc_node_get(ref, "kind"));
		rc_buf_addc(&c->tmp, '/');
		add_name(c, &c->tmp, rc_node_get(ref, "name"));
		if (rc_buf_err(&c->tmp))
			return RC_ENOMEM;
		return add(c, "k8s.hpa", c->tmp.ptr, ref->line, NULL);
	}
	return 0;
}

static bool is_chart(const char *path)
{
	const char *base = strrchr(path, '/');

	return !strcmp(base ? base + 1 : path, "Chart.yaml");
}

static int chart(struct ctx *c, struct rc_diags *d, const char *buf, size_t len)
{
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	const struct rc_node *name;
	int e;

	e = rc_yaml_parse(&doc, buf, len, c->path, &err);
	if (e)
		return rc_manifest_parse_error(d, c->path, e, &err);
	name = rc_node_get(doc->root, "name");
	if (rc_node_is(name, RC_NODE_STRING) && name->u.s.len) {
		add_name(c, &c->tmp, name);
		e = rc_buf_err(&c->tmp) ? RC_ENOMEM
					: add(c, "helm.chart", c->tmp.ptr,
					      name->line, NULL);
	}
	rc_doc_free(doc);
	return e;
}

int rc_collect_k8s_workloads(struct rc_facts *f, struct rc_diags *d,
			     const char *path, const char *buf, size_t len)
{
	struct ctx c = { 0 };
	struct rc_err err = RC_ERR_INIT;
	struct rc_doc *doc = NULL;
	char *yaml = NULL;
	size_t i;
	int e;

	c.f = f;
	c.path = path;
	rc_buf_init(&c.tmp, RC_BUF_MAX_DEFAULT);
	if (is_chart(path)) {
		e = chart(&c, d, buf, len);
		rc_buf_release(&c.tmp);
		return e;
	}
	if (!starts_line(buf, len, "apiVersion:") ||
	    !starts_line(buf, len, "kind:"))
		return 0;
	c.helm = is_helm_path(path) || has_text(buf, len, "{{");
	if (c.helm) {
		if ((e = helm_to_yaml(&yaml, buf, len)))
			return e;
		c.orig = buf;
		c.yaml = yaml;
		c.len = len;
		if ((e = index_lines(&c)))
			goto out;
	}
	e = rc_yaml_parse_all(&doc, c.helm ? yaml : buf, len, path, &err);
	if (e == RC_ENOMEM)
		goto out;
	if (e) {
		if (c.helm)
			e = rc_diags_add(
				d, RC_DIAG_NOTE, path, err.line, err.col,
				"Helm template not parsed: %s",
				err.msg[0] ? err.msg : "malformed file");
		else
			e = rc_manifest_parse_error(d, path, e, &err);
		goto out;
	}
	for (i = 0; i < rc_node_count(doc->root); i++)
		if ((e = resource(&c, rc_node_at(doc->root, i), 0)))
			break;
out:
	rc_doc_free(doc);
	rc_free(yaml);
	rc_free(c.lines);
	rc_buf_release(&c.tmp);
	return e;
}
