// SPDX-License-Identifier: GPL-2.0-only
/*
 * json-strict: the key an object holds twice, found in text json-c has
 * already parsed.  So only what json-c accepts needs handling: strings in
 * double or single quotes, comments, and bare scalars, which hold no
 * structure and are stepped over a byte at a time.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>

#include "json-strict.h"

struct key {
	size_t off; /* into the decoded key bytes */
	size_t len;
	size_t at;	  /* where the key starts in the text */
	const char *text; /* valid only while its object is checked */
};

struct frame {
	bool object;
	bool want_key;
	size_t first_key;
	size_t used; /* decoded key bytes before the object's first key */
};

struct scan {
	const char *buf;
	size_t len, pos;
	struct key *keys;
	size_t nkeys, keys_alloc;
	/* a key never decodes longer than it is written: len bytes suffice */
	char *bytes;
	size_t used;
	/* json-c refused the text had it nested deeper than this */
	struct frame stack[JSON_TOKENER_DEFAULT_DEPTH + 1];
	int depth;
};

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static bool read_hex4(const struct scan *s, size_t at, unsigned int *cp)
{
	int i, v;

	if (at > s->len || s->len - at < 4)
		return false;
	*cp = 0;
	for (i = 0; i < 4; i++) {
		v = hexval(s->buf[at + i]);
		if (v < 0)
			return false;
		*cp = *cp << 4 | (unsigned int)v;
	}
	return true;
}

static void put_utf8(struct scan *s, unsigned int cp)
{
	char *p = s->bytes + s->used;

	if (cp < 0x80) {
		p[0] = (char)cp;
		s->used += 1;
	} else if (cp < 0x800) {
		p[0] = (char)(0xc0 | cp >> 6);
		p[1] = (char)(0x80 | (cp & 0x3f));
		s->used += 2;
	} else if (cp < 0x10000) {
		p[0] = (char)(0xe0 | cp >> 12);
		p[1] = (char)(0x80 | (cp >> 6 & 0x3f));
		p[2] = (char)(0x80 | (cp & 0x3f));
		s->used += 3;
	} else {
		p[0] = (char)(0xf0 | cp >> 18);
		p[1] = (char)(0x80 | (cp >> 12 & 0x3f));
		p[2] = (char)(0x80 | (cp >> 6 & 0x3f));
		p[3] = (char)(0x80 | (cp & 0x3f));
		s->used += 4;
	}
}

/* After "\u": one code point, a surrogate pair joined as json-c joins it. */
static void read_unicode(struct scan *s, bool keep)
{
	unsigned int cp, low;

	if (!read_hex4(s, s->pos, &cp))
		return;
	s->pos += 4;
	if (cp >= 0xd800 && cp <= 0xdbff && s->pos + 2 <= s->len &&
	    s->buf[s->pos] == '\\' && s->buf[s->pos + 1] == 'u' &&
	    read_hex4(s, s->pos + 2, &low) && low >= 0xdc00 && low <= 0xdfff) {
		cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
		s->pos += 6;
	} else if (cp >= 0xd800 && cp <= 0xdfff) {
		cp = 0xfffd; /* an unpaired half */
	}
	if (keep)
		put_utf8(s, cp);
}

/* The string at s->pos, its decoded bytes appended when @keep. */
static void read_string(struct scan *s, bool keep)
{
	char quote = s->buf[s->pos++], c;

	while (s->pos < s->len && s->buf[s->pos] != quote) {
		c = s->buf[s->pos++];
		if (c == '\\' && s->pos < s->len) {
			c = s->buf[s->pos++];
			switch (c) {
			case 'b':
				c = '\b';
				break;
			case 'f':
				c = '\f';
				break;
			case 'n':
				c = '\n';
				break;
			case 'r':
				c = '\r';
				break;
			case 't':
				c = '\t';
				break;
			case 'u':
				read_unicode(s, keep);
				continue;
			default:
				break; /* \" \\ \/ stand for themselves */
			}
		}
		if (keep)
			s->bytes[s->used++] = c;
	}
	s->pos++;
}

static int add_key(struct scan *s)
{
	struct key *k;

	if (s->nkeys == s->keys_alloc) {
		size_t n = s->keys_alloc ? 2 * s->keys_alloc : 64;

		k = realloc(s->keys, n * sizeof(*k));
		if (!k)
			return -ENOMEM;
		s->keys = k;
		s->keys_alloc = n;
	}
	k = &s->keys[s->nkeys++];
	k->at = s->pos;
	k->off = s->used;
	read_string(s, true);
	/* json-c keeps a key as a C string */
	k->len = strnlen(s->bytes + k->off, s->used - k->off);
	return 0;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	int r = memcmp(x->text, y->text, x->len < y->len ? x->len : y->len);

	if (r)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	return x->at < y->at ? -1 : x->at > y->at;
}

static void fill_dup(const struct scan *s, const struct key *k,
		     struct json_dup_key *dup)
{
	size_t i, n = k->len < sizeof(dup->key) - 1 ? k->len
						    : sizeof(dup->key) - 1;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)k->text[i];

		dup->key[i] = c < 0x20 || c >= 0x7f ? '?' : (char)c;
	}
	dup->key[n] = '\0';
	dup->offset = k->at;
	dup->line = 1;
	for (i = 0; i < k->at; i++)
		dup->line += s->buf[i] == '\n';
}

/* The object on top of the stack closes: are its keys unique? */
static int close_object(struct scan *s, struct json_dup_key *dup)
{
	struct frame *f = &s->stack[s->depth - 1];
	struct key *keys, *first_dup = NULL;
	size_t i, n = s->nkeys - f->first_key;

	/* and s->keys is still NULL when no object so far had a key */
	if (n < 2)
		goto pop;
	keys = s->keys + f->first_key;
	for (i = 0; i < n; i++)
		keys[i].text = s->bytes + keys[i].off;
	qsort(keys, n, sizeof(*keys), cmp_key);
	/* equal keys sort by position: report the earliest repeat */
	for (i = 1; i < n; i++)
		if (keys[i].len == keys[i - 1].len &&
		    !memcmp(keys[i].text, keys[i - 1].text, keys[i].len) &&
		    (!first_dup || keys[i].at < first_dup->at))
			first_dup = &keys[i];
	if (first_dup) {
		fill_dup(s, first_dup, dup);
		return -EEXIST;
	}
pop:
	s->nkeys = f->first_key;
	s->used = f->used;
	return 0;
}

static void skip_comment(struct scan *s)
{
	const char *end;

	s->pos++;
	if (s->pos < s->len && s->buf[s->pos] == '*') {
		end = memmem(s->buf + s->pos + 1, s->len - s->pos - 1, "*/", 2);
		s->pos = end ? (size_t)(end - s->buf) + 2 : s->len;
	} else if (s->pos < s->len && s->buf[s->pos] == '/') {
		end = memchr(s->buf + s->pos, '\n', s->len - s->pos);
		s->pos = end ? (size_t)(end - s->buf) + 1 : s->len;
	}
}

static int scan_value(struct scan *s, struct json_dup_key *dup)
{
	struct frame *top;
	int rc;

	while (s->pos < s->len) {
		top = s->depth ? &s->stack[s->depth - 1] : NULL;
		switch (s->buf[s->pos]) {
		case '{':
		case '[':
			if (s->depth ==
			    (int)(sizeof(s->stack) / sizeof(s->stack[0])))
				return -EINVAL;
			s->stack[s->depth++] = (struct frame){
				.object = s->buf[s->pos] == '{',
				.want_key = s->buf[s->pos] == '{',
				.first_key = s->nkeys,
				.used = s->used,
			};
			s->pos++;
			break;
		case '}':
		case ']':
			if (!top)
				return 0;
			if (top->object) {
				rc = close_object(s, dup);
				if (rc)
					return rc;
			}
			s->depth--;
			s->pos++;
			/* what follows the value is not json-c's to read */
			if (!s->depth)
				return 0;
			break;
		case ',':
			if (top && top->object)
				top->want_key = true;
			s->pos++;
			break;
		case '"':
		case '\'':
			if (!top)
				return 0; /* a string alone holds no keys */
			if (top->object && top->want_key) {
				top->want_key = false;
				rc = add_key(s);
				if (rc)
					return rc;
			} else {
				read_string(s, false);
			}
			break;
		case '/':
			skip_comment(s);
			break;
		case ' ':
		case '\t':
		case '\n':
		case '\r':
			s->pos++;
			break;
		default:
			if (!top)
				return 0; /* a number or literal alone */
			s->pos++;
			break;
		}
	}
	return 0;
}

int json_find_dup_key(const char *buf, size_t len, struct json_dup_key *dup)
{
	struct scan s = {.buf = buf, .len = len};
	int rc;

	s.bytes = malloc(len ? len : 1);
	if (!s.bytes)
		return -ENOMEM;
	rc = scan_value(&s, dup);
	free(s.keys);
	free(s.bytes);
	return rc;
}
