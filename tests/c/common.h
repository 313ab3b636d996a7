/*
 * Shared helpers for the C test programs in tests/c/.
 *
 * - A command table keyed by command handle: every callback records its result
 *   and how many times it fired; cmd_finish() blocks (mutex + condvar) until the
 *   callback came, or takes the synchronous error when the call was refused.
 * - Generic callbacks for each result shape used by the tests.
 * - CHECK / CHECK_ERR / REQUIRE macros that print file:line.
 * - Temp dirs, file copy, recursive removal, fixture location.
 *
 * Usage:
 *     int32_t h = cmd_new();
 *     cmd_result r = SUBMIT(h, indy_create_wallet(h, config, creds, cb_none));
 *     CHECK_ERR(r, Success);
 */
#ifndef INDY_TEST_COMMON_H
#define INDY_TEST_COMMON_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "indy_core.h"
#include "json.h"

/* ------------------------------------------------------------------ checks */

static atomic_int g_failures;
static char *g_cleanup_dir; /* removed when a test program stops early */

static inline void remove_tree(const char *path);

static inline void stop_early(int code) {
    fflush(NULL);
    if (g_cleanup_dir) remove_tree(g_cleanup_dir);
    _exit(code);
}

#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
            atomic_fetch_add(&g_failures, 1);                                        \
        }                                                                            \
    } while (0)

/* Like CHECK but stops the program: for conditions the rest of a test needs. */
#define REQUIRE(cond)                                                                  \
    do {                                                                               \
        if (!(cond)) {                                                                 \
            fprintf(stderr, "%s:%d: REQUIRE failed: %s\n", __FILE__, __LINE__, #cond); \
            stop_early(1);                                                             \
        }                                                                              \
    } while (0)

#define CHECK_STREQ(actual, expected)                                                       \
    do {                                                                                    \
        const char *a_ = (actual), *e_ = (expected);                                        \
        if (!a_ || !e_ || strcmp(a_, e_) != 0) {                                            \
            fprintf(stderr, "%s:%d: CHECK_STREQ failed: %s\n    expected: %s\n    actual:   %s\n", \
                    __FILE__, __LINE__, #actual, e_ ? e_ : "(null)", a_ ? a_ : "(null)");  \
            atomic_fetch_add(&g_failures, 1);                                               \
        }                                                                                   \
    } while (0)

/* Checks a cmd_result's error code; prints the library's error message on mismatch. */
#define CHECK_ERR(result, expected) check_err_at(__FILE__, __LINE__, #result, (result), (expected))

/* Checks a cmd_result failed with a readable error message ({"message": non-empty, "backtrace": ..}). */
#define CHECK_MSG(result) check_msg_at(__FILE__, __LINE__, (result), NULL)
/* Same, and the message contains `word` (case-insensitive). */
#define CHECK_MSG_HAS(result, word) check_msg_at(__FILE__, __LINE__, (result), (word))

/* Exit status of a test program. */
static inline int test_exit_code(void) {
    int f = atomic_load(&g_failures);
    if (f) fprintf(stderr, "%d check(s) failed\n", f);
    fflush(NULL);
    return f ? 1 : 0;
}

/* ------------------------------------------------------------ error names */

static inline const char *err_name(int e) {
    switch (e) {
    case 0: return "Success";
    case 100: return "CommonInvalidParam1";
    case 101: return "CommonInvalidParam2";
    case 102: return "CommonInvalidParam3";
    case 103: return "CommonInvalidParam4";
    case 104: return "CommonInvalidParam5";
    case 105: return "CommonInvalidParam6";
    case 106: return "CommonInvalidParam7";
    case 107: return "CommonInvalidParam8";
    case 112: return "CommonInvalidState";
    case 113: return "CommonInvalidStructure";
    case 114: return "CommonIOError";
    case 200: return "WalletInvalidHandle";
    case 203: return "WalletAlreadyExistsError";
    case 204: return "WalletNotFoundError";
    case 206: return "WalletAlreadyOpenedError";
    case 207: return "WalletAccessFailed";
    case 210: return "WalletStorageError";
    case 212: return "WalletItemNotFound";
    case 213: return "WalletItemAlreadyExists";
    case 600: return "DidAlreadyExistsError";
    default: return "?";
    }
}

/* ------------------------------------------------------------ command table */

#define SLOT_CAP 65536

typedef struct {
    int32_t handle;
    bool in_use;
    bool sync_failed;     /* the indy_* call returned non-Success: the callback must never come */
    bool done;
    int calls;            /* how many times the callback fired for this handle */
    int err;
    indy_handle_t out_handle;
    char *s1, *s2;
    uint8_t *bytes;
    uint32_t len;
    bool flag;
    char *error_json;     /* indy_get_current_error, read inside the callback (or on the caller after a sync failure) */
    pthread_t thread;     /* thread that ran the callback */
    bool cb_in_submit;    /* the callback ran on the submitting thread before the call returned */
} cmd_slot;

typedef struct {
    int32_t handle;
    bool sync;            /* error returned synchronously (callback not called) */
    int err;
    indy_handle_t out_handle;
    const char *s1, *s2;
    const uint8_t *bytes;
    uint32_t len;
    bool flag;
    const char *error_json;
    pthread_t thread;
    int calls;
} cmd_result;

static cmd_slot g_slots[SLOT_CAP];
static pthread_mutex_t g_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t g_cv = PTHREAD_COND_INITIALIZER;
static atomic_int g_next_handle = 1;
static atomic_int g_stray_callbacks;    /* callbacks for unknown handles */
static atomic_int g_callbacks_total;    /* every recorded callback */
static _Thread_local int32_t tl_submitting = -1;
static double g_default_timeout_s = 120.0;

static inline double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void sleep_ms(long ms) {
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {}
}

/* Allocates a fresh command handle and its slot. */
static inline int32_t cmd_new(void) {
    int32_t h = atomic_fetch_add(&g_next_handle, 1);
    REQUIRE(h < SLOT_CAP);
    pthread_mutex_lock(&g_mu);
    cmd_slot *s = &g_slots[h];
    memset(s, 0, sizeof *s);
    s->handle = h;
    s->in_use = true;
    pthread_mutex_unlock(&g_mu);
    return h;
}

/* Callback side: finds and locks the slot for `h`; NULL (unlocked) for an unknown handle. */
static inline cmd_slot *cb_begin(indy_handle_t h, indy_error_t err) {
    char *ej = NULL;
    if ((int)err != (int)Success) {
        const char *p = NULL;
        indy_get_current_error(&p);
        if (p) ej = strdup(p);
    }
    pthread_mutex_lock(&g_mu);
    if (h <= 0 || h >= SLOT_CAP || !g_slots[h].in_use) {
        pthread_mutex_unlock(&g_mu);
        atomic_fetch_add(&g_stray_callbacks, 1);
        fprintf(stderr, "callback for unknown command handle %d (err %d)\n", (int)h, (int)err);
        free(ej);
        return NULL;
    }
    cmd_slot *s = &g_slots[h];
    s->calls++;
    if (s->calls > 1)
        fprintf(stderr, "callback fired %d times for command handle %d\n", s->calls, (int)h);
    if (s->sync_failed)
        fprintf(stderr, "callback fired for command handle %d whose call was refused synchronously\n", (int)h);
    s->err = (int)err;
    s->error_json = ej;
    s->thread = pthread_self();
    if (tl_submitting == h) s->cb_in_submit = true;
    return s;
}

/* Callback side: marks the slot done, wakes waiters, unlocks. */
static inline void cb_end(cmd_slot *s) {
    s->done = true;
    atomic_fetch_add(&g_callbacks_total, 1);
    pthread_cond_broadcast(&g_cv);
    pthread_mutex_unlock(&g_mu);
}

/* ------------------------------------------------------- generic callbacks */

static inline void cb_none(indy_handle_t h, indy_error_t err) {
    cmd_slot *s = cb_begin(h, err);
    if (s) cb_end(s);
}

static inline void cb_handle(indy_handle_t h, indy_error_t err, indy_handle_t handle) {
    cmd_slot *s = cb_begin(h, err);
    if (!s) return;
    s->out_handle = handle;
    cb_end(s);
}

static inline void cb_str(indy_handle_t h, indy_error_t err, const char *const str) {
    cmd_slot *s = cb_begin(h, err);
    if (!s) return;
    s->s1 = str ? strdup(str) : NULL;
    cb_end(s);
}

static inline void cb_str2(indy_handle_t h, indy_error_t err, const char *const a, const char *const b) {
    cmd_slot *s = cb_begin(h, err);
    if (!s) return;
    s->s1 = a ? strdup(a) : NULL;
    s->s2 = b ? strdup(b) : NULL;
    cb_end(s);
}

static inline void cb_bytes(indy_handle_t h, indy_error_t err, const uint8_t *data, uint32_t len) {
    cmd_slot *s = cb_begin(h, err);
    if (!s) return;
    if (data && len) {
        s->bytes = malloc(len);
        if (s->bytes) memcpy(s->bytes, data, len);
    }
    s->len = len;
    cb_end(s);
}

static inline void cb_bool(indy_handle_t h, indy_error_t err, bool value) {
    cmd_slot *s = cb_begin(h, err);
    if (!s) return;
    s->flag = value;
    cb_end(s);
}

/* ------------------------------------------------------------- waiting */

static inline cmd_result cmd__snapshot(const cmd_slot *s, bool sync) {
    cmd_result r;
    memset(&r, 0, sizeof r);
    r.handle = s->handle;
    r.sync = sync;
    r.err = s->err;
    r.out_handle = s->out_handle;
    r.s1 = s->s1;
    r.s2 = s->s2;
    r.bytes = s->bytes;
    r.len = s->len;
    r.flag = s->flag;
    r.error_json = s->error_json;
    r.thread = s->thread;
    r.calls = s->calls;
    return r;
}

/*
 * Records the return value of an indy_* call for handle `h` without waiting.
 * A non-Success return is a synchronous failure: the error detail is read on
 * this thread now, and the callback must never come.
 */
static inline void cmd_submitted(int32_t h, indy_error_t ret) {
    tl_submitting = -1;
    if ((int)ret == (int)Success) return;
    const char *p = NULL;
    indy_get_current_error(&p);
    pthread_mutex_lock(&g_mu);
    cmd_slot *s = &g_slots[h];
    s->sync_failed = true;
    s->err = (int)ret;
    s->error_json = p ? strdup(p) : NULL;
    pthread_mutex_unlock(&g_mu);
}

/* Waits for the callback of an accepted command (or returns the sync failure). */
static inline cmd_result cmd_wait_at(const char *file, int line, int32_t h, double timeout_s) {
    pthread_mutex_lock(&g_mu);
    cmd_slot *s = &g_slots[h];
    if (s->sync_failed) {
        cmd_result r = cmd__snapshot(s, true);
        pthread_mutex_unlock(&g_mu);
        return r;
    }
    double deadline = now_s() + timeout_s;
    while (!s->done) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&g_cv, &g_mu, &ts);
        if (!s->done && now_s() > deadline) {
            pthread_mutex_unlock(&g_mu);
            fprintf(stderr, "%s:%d: TIMEOUT: no callback for command handle %d after %.0f s\n", file, line,
                    (int)h, timeout_s);
            stop_early(3);
        }
    }
    cmd_result r = cmd__snapshot(s, false);
    bool in_submit = s->cb_in_submit;
    pthread_mutex_unlock(&g_mu);
    if (in_submit) {
        fprintf(stderr, "%s:%d: callback for handle %d ran synchronously inside the indy_* call\n", file, line, (int)h);
        atomic_fetch_add(&g_failures, 1);
    }
    return r;
}

#define cmd_wait(h) cmd_wait_at(__FILE__, __LINE__, (h), g_default_timeout_s)

static inline cmd_result cmd_finish_at(const char *file, int line, int32_t h, indy_error_t ret) {
    cmd_submitted(h, ret);
    cmd_result r = cmd_wait_at(file, line, h, g_default_timeout_s);
    if (!r.sync && pthread_equal(r.thread, pthread_self())) {
        fprintf(stderr, "%s:%d: callback for handle %d ran on the caller's thread\n", file, line, (int)h);
        atomic_fetch_add(&g_failures, 1);
    }
    return r;
}

/* Runs `call` (an indy_* call using handle h) and waits for its outcome. */
#define SUBMIT(h, call) cmd_finish_at(__FILE__, __LINE__, (h), (tl_submitting = (h), (call)))
/* Runs `call` without waiting; wait later with cmd_wait(h). */
#define SUBMIT_NOWAIT(h, call) cmd_submitted((h), (tl_submitting = (h), (call)))

/* Number of times the callback of `h` has fired so far. */
static inline int cmd_calls(int32_t h) {
    pthread_mutex_lock(&g_mu);
    int n = g_slots[h].calls;
    pthread_mutex_unlock(&g_mu);
    return n;
}

static inline void check_err_at(const char *file, int line, const char *what, cmd_result r, int expected) {
    if (r.err == expected) return;
    fprintf(stderr, "%s:%d: %s: expected %s (%d), got %s (%d) %s; error: %s\n", file, line, what,
            err_name(expected), expected, err_name(r.err), r.err,
            r.sync ? "returned synchronously" : "in the callback", r.error_json ? r.error_json : "(none)");
    atomic_fetch_add(&g_failures, 1);
}

/* Case-insensitive substring search (strcasestr is a GNU extension; keep it portable). */
static inline bool contains_ci(const char *hay, const char *needle) {
    size_t n = strlen(needle);
    for (; hay && *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0) return true;
    return false;
}

static inline void check_msg_at(const char *file, int line, cmd_result r, const char *word) {
    json_value *j = json_parse(r.error_json);
    const char *msg = json_get_str(j, "message");
    bool ok = msg && msg[0] && json_get(j, "backtrace") != NULL && (!word || contains_ci(msg, word));
    if (!ok) {
        fprintf(stderr, "%s:%d: error detail for handle %d (err %d, %s) is not {\"message\": non-empty%s%s, \"backtrace\": ..}: %s\n",
                file, line, (int)r.handle, r.err, r.sync ? "sync, read on the calling thread" : "read inside the callback",
                word ? " containing " : "", word ? word : "", r.error_json ? r.error_json : "(null)");
        atomic_fetch_add(&g_failures, 1);
    }
}

/*
 * Checks that no callback fired for a synchronously refused call and that no
 * callback came for an unknown handle. Sleeps a little first so late callbacks
 * have a chance to show up.
 */
static inline void check_no_stray_callbacks(void) {
    sleep_ms(300);
    int bad = 0;
    pthread_mutex_lock(&g_mu);
    int top = atomic_load(&g_next_handle);
    for (int h = 1; h < top && h < SLOT_CAP; h++) {
        cmd_slot *s = &g_slots[h];
        if (!s->in_use) continue;
        if (s->sync_failed && s->calls != 0) {
            fprintf(stderr, "handle %d: call returned %d synchronously but its callback fired %d time(s)\n", h,
                    s->err, s->calls);
            bad++;
        }
        if (s->calls > 1) {
            fprintf(stderr, "handle %d: callback fired %d times\n", h, s->calls);
            bad++;
        }
    }
    pthread_mutex_unlock(&g_mu);
    if (atomic_load(&g_stray_callbacks)) {
        fprintf(stderr, "%d callback(s) for unknown command handles\n", atomic_load(&g_stray_callbacks));
        bad++;
    }
    if (bad) atomic_fetch_add(&g_failures, bad);
}

/* ------------------------------------------------------------- files */

/* Creates a fresh directory under $TMPDIR (or /tmp); returns its path (malloc'd). */
static inline char *make_temp_dir(const char *prefix) {
    const char *base = getenv("TMPDIR");
    if (!base || !*base) base = "/tmp";
    char *path = NULL;
    REQUIRE(asprintf(&path, "%s/%s_XXXXXX", base, prefix) > 0);
    REQUIRE(mkdtemp(path) != NULL);
    if (!g_cleanup_dir) g_cleanup_dir = path;
    return path;
}

static inline int rm__entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

/* rm -rf */
static inline void remove_tree(const char *path) {
    if (path && *path) nftw(path, rm__entry, 16, FTW_DEPTH | FTW_PHYS);
}

static inline bool path_exists(const char *path) {
    struct stat st;
    return stat(path, &st) == 0;
}

static inline bool copy_file(const char *from, const char *to) {
    FILE *in = fopen(from, "rb");
    if (!in) return false;
    FILE *out = fopen(to, "wb");
    if (!out) { fclose(in); return false; }
    char buf[65536];
    size_t n;
    bool ok = true;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, n, out) != n) { ok = false; break; }
    fclose(in);
    if (fclose(out) != 0) ok = false;
    return ok;
}

/* Copies the regular files of directory `from` into a new directory `to`. */
static inline bool copy_dir_files(const char *from, const char *to) {
    if (mkdir(to, 0700) != 0 && errno != EEXIST) return false;
    DIR *d = opendir(from);
    if (!d) return false;
    struct dirent *e;
    bool ok = true;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') continue;
        char *src = NULL, *dst = NULL;
        if (asprintf(&src, "%s/%s", from, e->d_name) < 0 || asprintf(&dst, "%s/%s", to, e->d_name) < 0) { ok = false; break; }
        struct stat st;
        if (stat(src, &st) == 0 && S_ISREG(st.st_mode)) ok = copy_file(src, dst) && ok;
        free(src);
        free(dst);
    }
    closedir(d);
    return ok;
}

static inline char *read_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while (buf && (n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len - 1 == 0) {
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) { free(buf); buf = NULL; }
            else buf = nb;
        }
    }
    fclose(f);
    if (buf) buf[len] = '\0';
    return buf;
}

/* The fixtures root: $INDY_FIXTURES, else ../shared/fixtures (relative to the repo root, where run.sh runs). */
static inline const char *fixtures_dir(void) {
    const char *env = getenv("INDY_FIXTURES");
    return (env && *env) ? env : "../shared/fixtures";
}

/* ------------------------------------------------------------- wallet helpers */

typedef struct {
    char *dir;       /* storage_config.path */
    char *config;    /* wallet config JSON */
    char *creds;     /* credentials JSON */
    indy_handle_t handle;
} test_wallet;

/* Generates a RAW key (indy_generate_wallet_key) and returns it (malloc'd). */
static inline char *generate_raw_key(const char *key_config) {
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_generate_wallet_key(h, key_config, cb_str));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success && r.s1 && r.s1[0]);
    return strdup(r.s1);
}

static inline char *wallet_config_json(const char *id, const char *dir) {
    char *s = NULL;
    REQUIRE(asprintf(&s, "{\"id\":\"%s\",\"storage_config\":{\"path\":\"%s\"}}", id, dir) > 0);
    return s;
}

static inline char *wallet_creds_json(const char *key, const char *method) {
    char *s = NULL;
    REQUIRE(asprintf(&s, "{\"key\":\"%s\",\"key_derivation_method\":\"%s\"}", key, method) > 0);
    return s;
}

/* Creates and opens a RAW-key wallet `id` in `dir`; REQUIREs success. */
static inline test_wallet open_new_raw_wallet(const char *dir, const char *id) {
    test_wallet w;
    memset(&w, 0, sizeof w);
    char *key = generate_raw_key("{}");
    w.dir = strdup(dir);
    w.config = wallet_config_json(id, dir);
    w.creds = wallet_creds_json(key, "RAW");
    free(key);
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_create_wallet(h, w.config, w.creds, cb_none));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    h = cmd_new();
    r = SUBMIT(h, indy_open_wallet(h, w.config, w.creds, cb_handle));
    CHECK_ERR(r, Success);
    REQUIRE(r.err == (int)Success);
    w.handle = r.out_handle;
    return w;
}

static inline void close_and_delete_wallet(test_wallet *w) {
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_close_wallet(h, w->handle, cb_none));
    CHECK_ERR(r, Success);
    h = cmd_new();
    r = SUBMIT(h, indy_delete_wallet(h, w->config, w->creds, cb_none));
    CHECK_ERR(r, Success);
}

static inline char *to_hex(const uint8_t *p, size_t n) {
    char *s = malloc(n * 2 + 1);
    REQUIRE(s != NULL);
    for (size_t i = 0; i < n; i++) sprintf(s + 2 * i, "%02x", p[i]);
    s[n * 2] = '\0';
    return s;
}

#endif /* INDY_TEST_COMMON_H */
