/*
 * A minimal JSON reader for the C tests: parses a document into a tree so the
 * tests can read libindy's error JSON and the fixture manifest. Not fast, not
 * strict about everything, never freed (test programs are short-lived).
 */
#ifndef INDY_TEST_JSON_H
#define INDY_TEST_JSON_H

#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef enum { JSON_NULL, JSON_BOOL, JSON_NUMBER, JSON_STRING, JSON_ARRAY, JSON_OBJECT } json_type;

typedef struct json_value {
    json_type type;
    bool boolean;
    char *text;                 /* JSON_STRING: decoded UTF-8; JSON_NUMBER: the literal */
    size_t count;               /* JSON_ARRAY / JSON_OBJECT: number of members */
    char **keys;                /* JSON_OBJECT: member names */
    struct json_value **items;  /* JSON_ARRAY / JSON_OBJECT: member values */
} json_value;

typedef struct {
    const char *p;
    int depth;
} json_cursor;

static inline json_value *json__parse_value(json_cursor *c);

static inline void json__ws(json_cursor *c) {
    while (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r') c->p++;
}

static inline json_value *json__new(json_type t) {
    json_value *v = calloc(1, sizeof *v);
    if (v) v->type = t;
    return v;
}

static inline bool json__append(json_value *v, char *key, json_value *item) {
    char **keys = v->keys;
    if (v->type == JSON_OBJECT) {
        keys = realloc(v->keys, (v->count + 1) * sizeof *keys);
        if (!keys) return false;
        v->keys = keys;
        keys[v->count] = key;
    }
    json_value **items = realloc(v->items, (v->count + 1) * sizeof *items);
    if (!items) return false;
    v->items = items;
    items[v->count++] = item;
    return true;
}

static inline int json__hex4(const char *p) {
    int n = 0;
    for (int i = 0; i < 4; i++) {
        char ch = p[i];
        n <<= 4;
        if (ch >= '0' && ch <= '9') n |= ch - '0';
        else if (ch >= 'a' && ch <= 'f') n |= ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F') n |= ch - 'A' + 10;
        else return -1;
    }
    return n;
}

static inline size_t json__utf8(uint32_t cp, char *out) {
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) { out[0] = (char)(0xC0 | (cp >> 6)); out[1] = (char)(0x80 | (cp & 0x3F)); return 2; }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12)); out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F)); return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18)); out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F)); out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Parses a string literal at c->p (which points at the opening quote). */
static inline char *json__parse_string(json_cursor *c) {
    if (*c->p != '"') return NULL;
    c->p++;
    size_t cap = 64, len = 0;
    char *out = malloc(cap);
    if (!out) return NULL;
    for (;;) {
        if (len + 8 > cap) {
            cap *= 2;
            char *n = realloc(out, cap);
            if (!n) { free(out); return NULL; }
            out = n;
        }
        char ch = *c->p;
        if (ch == '\0' || (unsigned char)ch < 0x20) { free(out); return NULL; }
        c->p++;
        if (ch == '"') break;
        if (ch != '\\') { out[len++] = ch; continue; }
        char e = *c->p++;
        switch (e) {
        case '"': out[len++] = '"'; break;
        case '\\': out[len++] = '\\'; break;
        case '/': out[len++] = '/'; break;
        case 'b': out[len++] = '\b'; break;
        case 'f': out[len++] = '\f'; break;
        case 'n': out[len++] = '\n'; break;
        case 'r': out[len++] = '\r'; break;
        case 't': out[len++] = '\t'; break;
        case 'u': {
            int hi = json__hex4(c->p);
            if (hi < 0) { free(out); return NULL; }
            c->p += 4;
            uint32_t cp = (uint32_t)hi;
            if (hi >= 0xD800 && hi <= 0xDBFF && c->p[0] == '\\' && c->p[1] == 'u') {
                int lo = json__hex4(c->p + 2);
                if (lo >= 0xDC00 && lo <= 0xDFFF) {
                    cp = 0x10000 + (((uint32_t)hi - 0xD800) << 10) + ((uint32_t)lo - 0xDC00);
                    c->p += 6;
                }
            }
            len += json__utf8(cp, out + len);
            break;
        }
        default: free(out); return NULL;
        }
    }
    out[len] = '\0';
    return out;
}

static inline json_value *json__parse_container(json_cursor *c, bool object) {
    json_value *v = json__new(object ? JSON_OBJECT : JSON_ARRAY);
    if (!v) return NULL;
    c->p++; /* '[' or '{' */
    json__ws(c);
    char close = object ? '}' : ']';
    if (*c->p == close) { c->p++; return v; }
    for (;;) {
        char *key = NULL;
        json__ws(c);
        if (object) {
            key = json__parse_string(c);
            if (!key) return NULL;
            json__ws(c);
            if (*c->p != ':') return NULL;
            c->p++;
        }
        json_value *item = json__parse_value(c);
        if (!item || !json__append(v, key, item)) return NULL;
        json__ws(c);
        if (*c->p == ',') { c->p++; continue; }
        if (*c->p == close) { c->p++; return v; }
        return NULL;
    }
}

static inline json_value *json__parse_value(json_cursor *c) {
    if (++c->depth > 200) return NULL;
    json_value *v = NULL;
    json__ws(c);
    const char *p = c->p;
    if (*p == '{' || *p == '[') {
        v = json__parse_container(c, *p == '{');
    } else if (*p == '"') {
        char *s = json__parse_string(c);
        if (s && (v = json__new(JSON_STRING)) != NULL) v->text = s;
    } else if (strncmp(p, "true", 4) == 0 || strncmp(p, "false", 5) == 0) {
        if ((v = json__new(JSON_BOOL)) != NULL) v->boolean = (*p == 't');
        c->p += (*p == 't') ? 4 : 5;
    } else if (strncmp(p, "null", 4) == 0) {
        v = json__new(JSON_NULL);
        c->p += 4;
    } else if (*p == '-' || isdigit((unsigned char)*p)) {
        const char *q = p + 1;
        while (isdigit((unsigned char)*q) || *q == '.' || *q == 'e' || *q == 'E' || *q == '+' || *q == '-') q++;
        if ((v = json__new(JSON_NUMBER)) != NULL) {
            v->text = strndup(p, (size_t)(q - p));
        }
        c->p = q;
    }
    c->depth--;
    return v;
}

/* Parses a whole document; NULL when it is not valid JSON. */
static inline json_value *json_parse(const char *text) {
    if (!text) return NULL;
    json_cursor c = { text, 0 };
    json_value *v = json__parse_value(&c);
    if (!v) return NULL;
    json__ws(&c);
    return *c.p == '\0' ? v : NULL;
}

/* Member `key` of an object, or NULL. */
static inline json_value *json_get(const json_value *obj, const char *key) {
    if (!obj || obj->type != JSON_OBJECT) return NULL;
    for (size_t i = 0; i < obj->count; i++)
        if (strcmp(obj->keys[i], key) == 0) return obj->items[i];
    return NULL;
}

/* Element `i` of an array, or NULL. */
static inline json_value *json_at(const json_value *arr, size_t i) {
    if (!arr || arr->type != JSON_ARRAY || i >= arr->count) return NULL;
    return arr->items[i];
}

/* The text of a string value, or NULL. */
static inline const char *json_str(const json_value *v) {
    return (v && v->type == JSON_STRING) ? v->text : NULL;
}

/* Shortcut: string member `key` of an object, or NULL. */
static inline const char *json_get_str(const json_value *obj, const char *key) {
    return json_str(json_get(obj, key));
}

#endif /* INDY_TEST_JSON_H */
