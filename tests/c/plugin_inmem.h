/*
 * An in-memory wallet storage plugin for indy_register_wallet_storage: all 24
 * callbacks, header-only (include it in one test program).
 *
 * It stores what libindy hands a plugin, as is: base64 of the encrypted record
 * type and id, the value bytes (encrypted value key followed by the encrypted
 * value), tags as {"<b64 name>": "<b64 value>", "~<b64 name>": "<clear value>"}
 * and the base64 metadata. Searches understand the encrypted WQL libindy sends:
 * {} , {"name": "value"}, {"name": {"$neq"|"$gt"|"$gte"|"$lt"|"$lte"|"$like": v}},
 * {"name": {"$in": [..]}}, {"$and": [..]}, {"$or": [..]}, {"$not": {..}} and
 * objects with several members (AND). Results are snapshots behind handles,
 * valid until their free_* callback.
 *
 * Thread-safe (one mutex): libindy may call it from several wallets' threads.
 * Wallets live until deleted or the process ends.
 *
 * Usage:
 *     inmem_plugin_register(indy_register_wallet_storage, h, "inmem", cb);
 * then wallets with {"id": .., "storage_type": "inmem"}.
 */
#ifndef INDY_TEST_PLUGIN_INMEM_H
#define INDY_TEST_PLUGIN_INMEM_H

/* strdup/strndup (json.h) in strict C11; only effective when included before any system header. */
#if !defined(_GNU_SOURCE) && !defined(_POSIX_C_SOURCE)
#define _POSIX_C_SOURCE 200809L
#endif

#include <ctype.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "indy_core.h"
#include "json.h"

/* indy_register_wallet_storage, as libindy 1.16 exports it (no header declares it). */
typedef indy_error_t (*inmem_register_wallet_storage_t)(
    indy_handle_t command_handle, const char *type_,
    indy_error_t (*create)(const char *name, const char *config, const char *credentials_json, const char *metadata),
    indy_error_t (*open)(const char *name, const char *config, const char *credentials_json, indy_handle_t *storage_handle_p),
    indy_error_t (*close)(indy_handle_t storage_handle),
    indy_error_t (*delete_)(const char *name, const char *config, const char *credentials_json),
    indy_error_t (*add_record)(indy_handle_t storage_handle, const char *type_, const char *id, const uint8_t *value,
                               size_t value_len, const char *tags_json),
    indy_error_t (*update_record_value)(indy_handle_t storage_handle, const char *type_, const char *id,
                                        const uint8_t *value, size_t value_len),
    indy_error_t (*update_record_tags)(indy_handle_t storage_handle, const char *type_, const char *id, const char *tags_json),
    indy_error_t (*add_record_tags)(indy_handle_t storage_handle, const char *type_, const char *id, const char *tags_json),
    indy_error_t (*delete_record_tags)(indy_handle_t storage_handle, const char *type_, const char *id,
                                       const char *tag_names_json),
    indy_error_t (*delete_record)(indy_handle_t storage_handle, const char *type_, const char *id),
    indy_error_t (*get_record)(indy_handle_t storage_handle, const char *type_, const char *id, const char *options_json,
                               indy_handle_t *record_handle_p),
    indy_error_t (*get_record_id)(indy_handle_t storage_handle, indy_handle_t record_handle, const char **record_id_p),
    indy_error_t (*get_record_type)(indy_handle_t storage_handle, indy_handle_t record_handle, const char **record_type_p),
    indy_error_t (*get_record_value)(indy_handle_t storage_handle, indy_handle_t record_handle,
                                     const uint8_t **record_value_p, size_t *record_value_len_p),
    indy_error_t (*get_record_tags)(indy_handle_t storage_handle, indy_handle_t record_handle, const char **record_tags_p),
    indy_error_t (*free_record)(indy_handle_t storage_handle, indy_handle_t record_handle),
    indy_error_t (*get_storage_metadata)(indy_handle_t storage_handle, const char **metadata_p, indy_handle_t *metadata_handle),
    indy_error_t (*set_storage_metadata)(indy_handle_t storage_handle, const char *metadata_p),
    indy_error_t (*free_storage_metadata)(indy_handle_t storage_handle, indy_handle_t metadata_handle),
    indy_error_t (*search_records)(indy_handle_t storage_handle, const char *type_, const char *query_json,
                                   const char *options_json, int32_t *search_handle_p),
    indy_error_t (*search_all_records)(indy_handle_t storage_handle, int32_t *search_handle_p),
    indy_error_t (*get_search_total_count)(indy_handle_t storage_handle, int32_t search_handle, size_t *total_count_p),
    indy_error_t (*fetch_search_next_record)(indy_handle_t storage_handle, int32_t search_handle,
                                             indy_handle_t *record_handle_p),
    indy_error_t (*free_search)(indy_handle_t storage_handle, int32_t search_handle),
    void (*cb)(indy_handle_t command_handle_, indy_error_t err));

/* ------------------------------------------------------------------ state */

typedef struct {
    char *name;   /* "<b64>" or "~<b64>" */
    char *value;
} inmem_tag;

typedef struct {
    char *type;   /* base64 */
    char *id;     /* base64 */
    uint8_t *value;
    size_t value_len;
    inmem_tag *tags;
    size_t ntags;
} inmem_record;

typedef struct {
    char *name;
    char *metadata;   /* base64, as libindy sends it */
    char *config;     /* storage_config JSON or NULL */
    char *credentials;
    inmem_record *records;
    size_t nrecords;
} inmem_wallet;

typedef enum { INMEM_FREE, INMEM_STORAGE, INMEM_RECORD, INMEM_METADATA, INMEM_SEARCH } inmem_kind;

/* What a handle stands for. Snapshots are copies: they stay valid whatever happens to the wallet. */
typedef struct {
    char *type, *id, *tags_json;
    uint8_t *value;
    size_t value_len;
} inmem_snapshot;

typedef struct {
    inmem_kind kind;
    indy_handle_t owner;      /* the storage handle a record/metadata/search belongs to */
    char *wallet;             /* INMEM_STORAGE: the wallet's name */
    char *metadata;           /* INMEM_METADATA */
    inmem_snapshot record;    /* INMEM_RECORD */
    inmem_snapshot *found;    /* INMEM_SEARCH */
    size_t nfound, next;
} inmem_slot;

static pthread_mutex_t inmem_mu = PTHREAD_MUTEX_INITIALIZER;
static inmem_wallet *inmem_wallets;
static size_t inmem_nwallets;
static inmem_slot *inmem_slots;   /* handle h is inmem_slots[h - 1] */
static size_t inmem_nslots;

static inline char *inmem__dup(const char *s) {
    return s ? strdup(s) : NULL;
}

static inline inmem_wallet *inmem__wallet(const char *name) {
    for (size_t i = 0; i < inmem_nwallets; i++)
        if (strcmp(inmem_wallets[i].name, name) == 0) return &inmem_wallets[i];
    return NULL;
}

static inline indy_handle_t inmem__new_slot(inmem_kind kind, indy_handle_t owner) {
    inmem_slot *slots = realloc(inmem_slots, (inmem_nslots + 1) * sizeof *slots);
    if (!slots) return -1;
    inmem_slots = slots;
    memset(&slots[inmem_nslots], 0, sizeof slots[0]);
    slots[inmem_nslots].kind = kind;
    slots[inmem_nslots].owner = owner;
    inmem_nslots++;
    return (indy_handle_t)inmem_nslots;
}

static inline inmem_slot *inmem__slot(indy_handle_t h, inmem_kind kind, indy_handle_t owner) {
    if (h <= 0 || (size_t)h > inmem_nslots) return NULL;
    inmem_slot *s = &inmem_slots[h - 1];
    if (s->kind != kind || (kind != INMEM_STORAGE && s->owner != owner)) return NULL;
    return s;
}

/* The wallet open under storage handle h, or NULL. */
static inline inmem_wallet *inmem__open_wallet(indy_handle_t h) {
    inmem_slot *s = inmem__slot(h, INMEM_STORAGE, 0);
    return s ? inmem__wallet(s->wallet) : NULL;
}

static inline inmem_record *inmem__record(inmem_wallet *w, const char *type, const char *id) {
    for (size_t i = 0; i < w->nrecords; i++)
        if (strcmp(w->records[i].type, type) == 0 && strcmp(w->records[i].id, id) == 0) return &w->records[i];
    return NULL;
}

static inline inmem_tag *inmem__tag(const inmem_record *r, const char *name) {
    for (size_t i = 0; i < r->ntags; i++)
        if (strcmp(r->tags[i].name, name) == 0) return &r->tags[i];
    return NULL;
}

static inline void inmem__json_free(json_value *v) {
    if (!v) return;
    for (size_t i = 0; i < v->count; i++) {
        if (v->keys) free(v->keys[i]);
        inmem__json_free(v->items[i]);
    }
    free(v->keys);
    free(v->items);
    free(v->text);
    free(v);
}

/* Sets (adds or replaces) tag name = value. */
static inline bool inmem__set_tag(inmem_record *r, const char *name, const char *value) {
    inmem_tag *t = inmem__tag(r, name);
    if (t) {
        char *v = strdup(value);
        if (!v) return false;
        free(t->value);
        t->value = v;
        return true;
    }
    inmem_tag *tags = realloc(r->tags, (r->ntags + 1) * sizeof *tags);
    if (!tags) return false;
    r->tags = tags;
    tags[r->ntags].name = strdup(name);
    tags[r->ntags].value = strdup(value);
    r->ntags++;
    return true;
}

static inline void inmem__clear_tags(inmem_record *r) {
    for (size_t i = 0; i < r->ntags; i++) {
        free(r->tags[i].name);
        free(r->tags[i].value);
    }
    free(r->tags);
    r->tags = NULL;
    r->ntags = 0;
}

/* Adds the tags of a JSON object of strings (libindy never sends others); false when it is not one. */
static inline bool inmem__add_tags_json(inmem_record *r, const char *tags_json) {
    if (!tags_json) return true; /* NULL means no tags */
    json_value *j = json_parse(tags_json);
    bool ok = j && j->type == JSON_OBJECT;
    for (size_t i = 0; ok && i < j->count; i++) {
        const char *value = json_str(j->items[i]);
        ok = value && inmem__set_tag(r, j->keys[i], value);
    }
    inmem__json_free(j);
    return ok;
}

/* A growing string. */
typedef struct {
    char *p;
    size_t len, cap;
    bool failed;
} inmem_buf;

static inline void inmem__put(inmem_buf *b, const char *s, size_t n) {
    if (b->failed) return;
    if (b->len + n + 1 > b->cap) {
        size_t cap = (b->len + n + 1) * 2;
        char *p = realloc(b->p, cap);
        if (!p) { b->failed = true; return; }
        b->p = p;
        b->cap = cap;
    }
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

/* Appends s as a JSON string. */
static inline void inmem__put_json_string(inmem_buf *b, const char *s) {
    inmem__put(b, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        char esc[8];
        if (*c == '"' || *c == '\\') { esc[0] = '\\'; esc[1] = (char)*c; inmem__put(b, esc, 2); }
        else if (*c < 0x20) { snprintf(esc, sizeof esc, "\\u%04x", *c); inmem__put(b, esc, 6); }
        else inmem__put(b, (const char *)c, 1);
    }
    inmem__put(b, "\"", 1);
}

/* The record's tags as libindy reads them back: a JSON object of strings (malloc'd). */
static inline char *inmem__tags_to_json(const inmem_record *r) {
    inmem_buf b = { NULL, 0, 0, false };
    inmem__put(&b, "{", 1);
    for (size_t i = 0; i < r->ntags; i++) {
        if (i) inmem__put(&b, ",", 1);
        inmem__put_json_string(&b, r->tags[i].name);
        inmem__put(&b, ":", 1);
        inmem__put_json_string(&b, r->tags[i].value);
    }
    inmem__put(&b, "}", 1);
    if (b.failed) { free(b.p); return NULL; }
    return b.p;
}

static inline inmem_snapshot inmem__snapshot(const inmem_record *r) {
    inmem_snapshot s;
    s.type = strdup(r->type);
    s.id = strdup(r->id);
    s.tags_json = inmem__tags_to_json(r);
    s.value_len = r->value_len;
    s.value = malloc(r->value_len ? r->value_len : 1);
    if (s.value && r->value_len) memcpy(s.value, r->value, r->value_len);
    return s;
}

static inline void inmem__free_snapshot(inmem_snapshot *s) {
    free(s->type);
    free(s->id);
    free(s->tags_json);
    free(s->value);
    memset(s, 0, sizeof *s);
}

static inline void inmem__free_record(inmem_record *r) {
    free(r->type);
    free(r->id);
    free(r->value);
    inmem__clear_tags(r);
}

/* SQL LIKE: % any run, _ one byte, ASCII case-insensitive. */
static inline bool inmem__like(const char *s, const char *p) {
    if (!*p) return !*s;
    if (*p == '%') {
        for (;; s++) {
            if (inmem__like(s, p + 1)) return true;
            if (!*s) return false;
        }
    }
    if (!*s) return false;
    if (*p != '_' && tolower((unsigned char)*p) != tolower((unsigned char)*s)) return false;
    return inmem__like(s + 1, p + 1);
}

/* Whether record r matches the (encrypted) WQL query q. */
static inline bool inmem__match(const json_value *q, const inmem_record *r) {
    if (!q || q->type != JSON_OBJECT) return false;
    for (size_t i = 0; i < q->count; i++) {
        const char *key = q->keys[i];
        const json_value *v = q->items[i];
        if (strcmp(key, "$and") == 0 || strcmp(key, "$or") == 0) {
            if (!v || v->type != JSON_ARRAY) return false;
            bool and_ = key[1] == 'a', any = false, all = true;
            for (size_t k = 0; k < v->count; k++) {
                bool m = inmem__match(v->items[k], r);
                any = any || m;
                all = all && m;
            }
            if (and_ ? !all : !any) return false;
        } else if (strcmp(key, "$not") == 0) {
            if (inmem__match(v, r)) return false;
        } else {
            const inmem_tag *t = inmem__tag(r, key);
            if (!t) return false; /* a condition on a tag holds only where the tag is */
            if (v->type == JSON_STRING) {
                if (strcmp(t->value, v->text) != 0) return false;
            } else if (v->type == JSON_OBJECT && v->count == 1) {
                const char *op = v->keys[0];
                const json_value *target = v->items[0];
                if (strcmp(op, "$in") == 0) {
                    bool in = false;
                    for (size_t k = 0; target->type == JSON_ARRAY && k < target->count; k++)
                        in = in || (json_str(target->items[k]) && strcmp(json_str(target->items[k]), t->value) == 0);
                    if (!in) return false;
                    continue;
                }
                const char *want = json_str(target);
                if (!want) return false;
                int c = strcmp(t->value, want);
                bool ok = strcmp(op, "$neq") == 0   ? c != 0
                          : strcmp(op, "$gt") == 0  ? c > 0
                          : strcmp(op, "$gte") == 0 ? c >= 0
                          : strcmp(op, "$lt") == 0  ? c < 0
                          : strcmp(op, "$lte") == 0 ? c <= 0
                          : strcmp(op, "$like") == 0 ? inmem__like(t->value, want)
                                                     : false;
                if (!ok) return false;
            } else {
                return false;
            }
        }
    }
    return true;
}

/* --------------------------------------------------------------- callbacks */

#define INMEM_LOCK() pthread_mutex_lock(&inmem_mu)
#define INMEM_RETURN(code) do { indy_error_t rc_ = (code); pthread_mutex_unlock(&inmem_mu); return rc_; } while (0)

static inline indy_error_t inmem_create(const char *name, const char *config, const char *credentials_json,
                                        const char *metadata) {
    if (!name || !*name || !metadata) return CommonInvalidStructure;
    INMEM_LOCK();
    if (inmem__wallet(name)) INMEM_RETURN(WalletAlreadyExistsError);
    inmem_wallet *ws = realloc(inmem_wallets, (inmem_nwallets + 1) * sizeof *ws);
    if (!ws) INMEM_RETURN(CommonInvalidState);
    inmem_wallets = ws;
    inmem_wallet *w = &ws[inmem_nwallets++];
    memset(w, 0, sizeof *w);
    w->name = strdup(name);
    w->metadata = strdup(metadata);
    w->config = inmem__dup(config);
    w->credentials = inmem__dup(credentials_json);
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_open(const char *name, const char *config, const char *credentials_json,
                                      indy_handle_t *storage_handle_p) {
    (void)config;
    (void)credentials_json;
    if (!name || !storage_handle_p) return CommonInvalidStructure;
    INMEM_LOCK();
    if (!inmem__wallet(name)) INMEM_RETURN(WalletNotFoundError);
    indy_handle_t h = inmem__new_slot(INMEM_STORAGE, 0);
    if (h < 0) INMEM_RETURN(CommonInvalidState);
    inmem_slots[h - 1].wallet = strdup(name);
    *storage_handle_p = h;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_close(indy_handle_t storage_handle) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(storage_handle, INMEM_STORAGE, 0);
    if (!s) INMEM_RETURN(CommonInvalidState);
    free(s->wallet);
    s->wallet = NULL;
    s->kind = INMEM_FREE;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_delete(const char *name, const char *config, const char *credentials_json) {
    (void)config;
    (void)credentials_json;
    if (!name) return CommonInvalidStructure;
    INMEM_LOCK();
    inmem_wallet *w = inmem__wallet(name);
    if (!w) INMEM_RETURN(WalletNotFoundError);
    for (size_t i = 0; i < w->nrecords; i++) inmem__free_record(&w->records[i]);
    free(w->records);
    free(w->name);
    free(w->metadata);
    free(w->config);
    free(w->credentials);
    *w = inmem_wallets[--inmem_nwallets];
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_add_record(indy_handle_t storage_handle, const char *type_, const char *id,
                                            const uint8_t *value, size_t value_len, const char *tags_json) {
    if (!type_ || !id || (!value && value_len)) return CommonInvalidStructure;
    INMEM_LOCK();
    inmem_wallet *w = inmem__open_wallet(storage_handle);
    if (!w) INMEM_RETURN(CommonInvalidState);
    if (inmem__record(w, type_, id)) INMEM_RETURN(WalletItemAlreadyExists);
    inmem_record r;
    memset(&r, 0, sizeof r);
    if (!inmem__add_tags_json(&r, tags_json)) {
        inmem__clear_tags(&r);
        INMEM_RETURN(CommonInvalidStructure);
    }
    inmem_record *rs = realloc(w->records, (w->nrecords + 1) * sizeof *rs);
    if (!rs) {
        inmem__clear_tags(&r);
        INMEM_RETURN(CommonInvalidState);
    }
    w->records = rs;
    r.type = strdup(type_);
    r.id = strdup(id);
    r.value = malloc(value_len ? value_len : 1);
    if (value_len) memcpy(r.value, value, value_len);
    r.value_len = value_len;
    rs[w->nrecords++] = r;
    INMEM_RETURN(Success);
}

/* Finds record (type_, id) of the wallet open under storage_handle, locked; sets *code when none. */
static inline inmem_record *inmem__find(indy_handle_t storage_handle, const char *type_, const char *id,
                                        indy_error_t *code) {
    inmem_wallet *w = inmem__open_wallet(storage_handle);
    if (!w) { *code = CommonInvalidState; return NULL; }
    inmem_record *r = (type_ && id) ? inmem__record(w, type_, id) : NULL;
    if (!r) *code = WalletItemNotFound;
    return r;
}

static inline indy_error_t inmem_update_record_value(indy_handle_t storage_handle, const char *type_, const char *id,
                                                     const uint8_t *value, size_t value_len) {
    if (!value && value_len) return CommonInvalidStructure;
    indy_error_t code = Success;
    INMEM_LOCK();
    inmem_record *r = inmem__find(storage_handle, type_, id, &code);
    if (!r) INMEM_RETURN(code);
    uint8_t *copy = malloc(value_len ? value_len : 1);
    if (!copy) INMEM_RETURN(CommonInvalidState);
    if (value_len) memcpy(copy, value, value_len);
    free(r->value);
    r->value = copy;
    r->value_len = value_len;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_update_record_tags(indy_handle_t storage_handle, const char *type_, const char *id,
                                                    const char *tags_json) {
    indy_error_t code = Success;
    INMEM_LOCK();
    inmem_record *r = inmem__find(storage_handle, type_, id, &code);
    if (!r) INMEM_RETURN(code);
    inmem_record fresh;
    memset(&fresh, 0, sizeof fresh);
    if (!inmem__add_tags_json(&fresh, tags_json)) {
        inmem__clear_tags(&fresh);
        INMEM_RETURN(CommonInvalidStructure);
    }
    inmem__clear_tags(r);
    r->tags = fresh.tags;
    r->ntags = fresh.ntags;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_add_record_tags(indy_handle_t storage_handle, const char *type_, const char *id,
                                                 const char *tags_json) {
    indy_error_t code = Success;
    INMEM_LOCK();
    inmem_record *r = inmem__find(storage_handle, type_, id, &code);
    if (!r) INMEM_RETURN(code);
    INMEM_RETURN(inmem__add_tags_json(r, tags_json) ? Success : CommonInvalidStructure);
}

static inline indy_error_t inmem_delete_record_tags(indy_handle_t storage_handle, const char *type_, const char *id,
                                                    const char *tag_names_json) {
    indy_error_t code = Success;
    INMEM_LOCK();
    inmem_record *r = inmem__find(storage_handle, type_, id, &code);
    if (!r) INMEM_RETURN(code);
    if (!tag_names_json) INMEM_RETURN(Success);
    json_value *names = json_parse(tag_names_json);
    if (!names || names->type != JSON_ARRAY) {
        inmem__json_free(names);
        INMEM_RETURN(CommonInvalidStructure);
    }
    for (size_t i = 0; i < names->count; i++) {
        inmem_tag *t = json_str(names->items[i]) ? inmem__tag(r, json_str(names->items[i])) : NULL;
        if (!t) continue;
        free(t->name);
        free(t->value);
        *t = r->tags[--r->ntags];
    }
    inmem__json_free(names);
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_delete_record(indy_handle_t storage_handle, const char *type_, const char *id) {
    indy_error_t code = Success;
    INMEM_LOCK();
    inmem_record *r = inmem__find(storage_handle, type_, id, &code);
    if (!r) INMEM_RETURN(code);
    inmem_wallet *w = inmem__open_wallet(storage_handle);
    inmem__free_record(r);
    *r = w->records[--w->nrecords];
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_get_record(indy_handle_t storage_handle, const char *type_, const char *id,
                                            const char *options_json, indy_handle_t *record_handle_p) {
    (void)options_json; /* everything is always there */
    if (!record_handle_p) return CommonInvalidStructure;
    indy_error_t code = Success;
    INMEM_LOCK();
    inmem_record *r = inmem__find(storage_handle, type_, id, &code);
    if (!r) INMEM_RETURN(code);
    inmem_snapshot snap = inmem__snapshot(r);
    indy_handle_t h = inmem__new_slot(INMEM_RECORD, storage_handle);
    if (h < 0) {
        inmem__free_snapshot(&snap);
        INMEM_RETURN(CommonInvalidState);
    }
    inmem_slots[h - 1].record = snap;
    *record_handle_p = h;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_get_record_id(indy_handle_t storage_handle, indy_handle_t record_handle,
                                               const char **record_id_p) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(record_handle, INMEM_RECORD, storage_handle);
    if (!s || !record_id_p) INMEM_RETURN(CommonInvalidState);
    *record_id_p = s->record.id;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_get_record_type(indy_handle_t storage_handle, indy_handle_t record_handle,
                                                 const char **record_type_p) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(record_handle, INMEM_RECORD, storage_handle);
    if (!s || !record_type_p) INMEM_RETURN(CommonInvalidState);
    *record_type_p = s->record.type;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_get_record_value(indy_handle_t storage_handle, indy_handle_t record_handle,
                                                  const uint8_t **record_value_p, size_t *record_value_len_p) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(record_handle, INMEM_RECORD, storage_handle);
    if (!s || !record_value_p || !record_value_len_p) INMEM_RETURN(CommonInvalidState);
    *record_value_p = s->record.value;
    *record_value_len_p = s->record.value_len;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_get_record_tags(indy_handle_t storage_handle, indy_handle_t record_handle,
                                                 const char **record_tags_p) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(record_handle, INMEM_RECORD, storage_handle);
    if (!s || !record_tags_p) INMEM_RETURN(CommonInvalidState);
    *record_tags_p = s->record.tags_json;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_free_record(indy_handle_t storage_handle, indy_handle_t record_handle) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(record_handle, INMEM_RECORD, storage_handle);
    if (!s) INMEM_RETURN(CommonInvalidState);
    inmem__free_snapshot(&s->record);
    s->kind = INMEM_FREE;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_get_storage_metadata(indy_handle_t storage_handle, const char **metadata_p,
                                                      indy_handle_t *metadata_handle) {
    if (!metadata_p || !metadata_handle) return CommonInvalidStructure;
    INMEM_LOCK();
    inmem_wallet *w = inmem__open_wallet(storage_handle);
    if (!w) INMEM_RETURN(CommonInvalidState);
    indy_handle_t h = inmem__new_slot(INMEM_METADATA, storage_handle);
    if (h < 0) INMEM_RETURN(CommonInvalidState);
    inmem_slots[h - 1].metadata = strdup(w->metadata);
    *metadata_p = inmem_slots[h - 1].metadata;
    *metadata_handle = h;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_set_storage_metadata(indy_handle_t storage_handle, const char *metadata_p) {
    if (!metadata_p) return CommonInvalidStructure;
    INMEM_LOCK();
    inmem_wallet *w = inmem__open_wallet(storage_handle);
    if (!w) INMEM_RETURN(CommonInvalidState);
    char *copy = strdup(metadata_p);
    if (!copy) INMEM_RETURN(CommonInvalidState);
    free(w->metadata);
    w->metadata = copy;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_free_storage_metadata(indy_handle_t storage_handle, indy_handle_t metadata_handle) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(metadata_handle, INMEM_METADATA, storage_handle);
    if (!s) INMEM_RETURN(CommonInvalidState);
    free(s->metadata);
    s->metadata = NULL;
    s->kind = INMEM_FREE;
    INMEM_RETURN(Success);
}

/* Opens a search over the records of type_ (every type when NULL) matching query (all when NULL). Locked. */
static inline indy_error_t inmem__search(indy_handle_t storage_handle, const char *type_, const json_value *query,
                                         int32_t *search_handle_p) {
    inmem_wallet *w = inmem__open_wallet(storage_handle);
    if (!w) return CommonInvalidState;
    inmem_snapshot *found = calloc(w->nrecords + 1, sizeof *found);
    if (!found) return CommonInvalidState;
    size_t n = 0;
    for (size_t i = 0; i < w->nrecords; i++) {
        const inmem_record *r = &w->records[i];
        if (type_ && strcmp(r->type, type_) != 0) continue;
        if (query && !inmem__match(query, r)) continue;
        found[n++] = inmem__snapshot(r);
    }
    indy_handle_t h = inmem__new_slot(INMEM_SEARCH, storage_handle);
    if (h < 0) {
        for (size_t i = 0; i < n; i++) inmem__free_snapshot(&found[i]);
        free(found);
        return CommonInvalidState;
    }
    inmem_slots[h - 1].found = found;
    inmem_slots[h - 1].nfound = n;
    *search_handle_p = h;
    return Success;
}

static inline indy_error_t inmem_search_records(indy_handle_t storage_handle, const char *type_, const char *query_json,
                                                const char *options_json, int32_t *search_handle_p) {
    (void)options_json;
    if (!type_ || !query_json || !search_handle_p) return CommonInvalidStructure;
    json_value *query = json_parse(query_json);
    if (!query || query->type != JSON_OBJECT) {
        inmem__json_free(query);
        return WalletQueryError;
    }
    INMEM_LOCK();
    indy_error_t code = inmem__search(storage_handle, type_, query, search_handle_p);
    inmem__json_free(query);
    INMEM_RETURN(code);
}

static inline indy_error_t inmem_search_all_records(indy_handle_t storage_handle, int32_t *search_handle_p) {
    if (!search_handle_p) return CommonInvalidStructure;
    INMEM_LOCK();
    INMEM_RETURN(inmem__search(storage_handle, NULL, NULL, search_handle_p));
}

static inline indy_error_t inmem_get_search_total_count(indy_handle_t storage_handle, int32_t search_handle,
                                                        size_t *total_count_p) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(search_handle, INMEM_SEARCH, storage_handle);
    if (!s || !total_count_p) INMEM_RETURN(CommonInvalidState);
    *total_count_p = s->nfound;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_fetch_search_next_record(indy_handle_t storage_handle, int32_t search_handle,
                                                          indy_handle_t *record_handle_p) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(search_handle, INMEM_SEARCH, storage_handle);
    if (!s || !record_handle_p) INMEM_RETURN(CommonInvalidState);
    if (s->next >= s->nfound) INMEM_RETURN(WalletItemNotFound); /* the end */
    inmem_snapshot snap = s->found[s->next];
    indy_handle_t h = inmem__new_slot(INMEM_RECORD, storage_handle); /* may move the slots */
    if (h < 0) INMEM_RETURN(CommonInvalidState);
    s = &inmem_slots[search_handle - 1];
    memset(&s->found[s->next++], 0, sizeof snap);
    inmem_slots[h - 1].record = snap;
    *record_handle_p = h;
    INMEM_RETURN(Success);
}

static inline indy_error_t inmem_free_search(indy_handle_t storage_handle, int32_t search_handle) {
    INMEM_LOCK();
    inmem_slot *s = inmem__slot(search_handle, INMEM_SEARCH, storage_handle);
    if (!s) INMEM_RETURN(CommonInvalidState);
    for (size_t i = 0; i < s->nfound; i++) inmem__free_snapshot(&s->found[i]);
    free(s->found);
    s->found = NULL;
    s->nfound = s->next = 0;
    s->kind = INMEM_FREE;
    INMEM_RETURN(Success);
}

/* ------------------------------------------------------------ for tests */

/* Registers the plugin under type_name through `reg` (indy_register_wallet_storage). */
static inline indy_error_t inmem_plugin_register(inmem_register_wallet_storage_t reg, indy_handle_t command_handle,
                                                 const char *type_name,
                                                 void (*cb)(indy_handle_t command_handle_, indy_error_t err)) {
    return reg(command_handle, type_name, inmem_create, inmem_open, inmem_close, inmem_delete, inmem_add_record,
               inmem_update_record_value, inmem_update_record_tags, inmem_add_record_tags, inmem_delete_record_tags,
               inmem_delete_record, inmem_get_record, inmem_get_record_id, inmem_get_record_type,
               inmem_get_record_value, inmem_get_record_tags, inmem_free_record, inmem_get_storage_metadata,
               inmem_set_storage_metadata, inmem_free_storage_metadata, inmem_search_records,
               inmem_search_all_records, inmem_get_search_total_count, inmem_fetch_search_next_record,
               inmem_free_search, cb);
}

/* Handles of `kind` not given back (INMEM_STORAGE: storages open). */
static inline size_t inmem_plugin_live(inmem_kind kind) {
    pthread_mutex_lock(&inmem_mu);
    size_t n = 0;
    for (size_t i = 0; i < inmem_nslots; i++) n += inmem_slots[i].kind == kind;
    pthread_mutex_unlock(&inmem_mu);
    return n;
}

/* Records in wallet `name`; -1 when there is no such wallet. */
static inline long inmem_plugin_record_count(const char *name) {
    pthread_mutex_lock(&inmem_mu);
    inmem_wallet *w = inmem__wallet(name);
    long n = w ? (long)w->nrecords : -1;
    pthread_mutex_unlock(&inmem_mu);
    return n;
}

static inline bool inmem__has(const void *hay, size_t len, const void *needle, size_t nlen) {
    for (size_t i = 0; nlen && i + nlen <= len; i++)
        if (memcmp((const char *)hay + i, needle, nlen) == 0) return true;
    return false;
}

/* Whether `needle` occurs anywhere in wallet `name` as the plugin holds it (types, ids, values, tags, metadata). */
static inline bool inmem_plugin_contains(const char *name, const void *needle, size_t nlen) {
    pthread_mutex_lock(&inmem_mu);
    inmem_wallet *w = inmem__wallet(name);
    bool found = w && inmem__has(w->metadata, strlen(w->metadata), needle, nlen);
    for (size_t i = 0; w && !found && i < w->nrecords; i++) {
        const inmem_record *r = &w->records[i];
        found = inmem__has(r->type, strlen(r->type), needle, nlen) || inmem__has(r->id, strlen(r->id), needle, nlen) ||
                inmem__has(r->value, r->value_len, needle, nlen);
        for (size_t k = 0; !found && k < r->ntags; k++)
            found = inmem__has(r->tags[k].name, strlen(r->tags[k].name), needle, nlen) ||
                    inmem__has(r->tags[k].value, strlen(r->tags[k].value), needle, nlen);
    }
    pthread_mutex_unlock(&inmem_mu);
    return found;
}

/* Counts the tags in wallet `name` whose stored name starts with `prefix` ("~" for plaintext tags) and whose stored value is `value`. */
static inline long inmem_plugin_count_tags(const char *name, const char *prefix, const char *value) {
    pthread_mutex_lock(&inmem_mu);
    inmem_wallet *w = inmem__wallet(name);
    long n = 0;
    for (size_t i = 0; w && i < w->nrecords; i++)
        for (size_t k = 0; k < w->records[i].ntags; k++) {
            const inmem_tag *t = &w->records[i].tags[k];
            if (strncmp(t->name, prefix, strlen(prefix)) == 0 && strcmp(t->value, value) == 0) n++;
        }
    pthread_mutex_unlock(&inmem_mu);
    return n;
}

#endif /* INDY_TEST_PLUGIN_INMEM_H */
