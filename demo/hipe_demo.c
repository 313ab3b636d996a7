/*
 * HIPE 0012 demo through the libindy C API.
 *
 * libindy 1.16 ran every command on one thread, so an expensive operation (Argon2
 * key derivation for a wallet open, a credential definition) stalled every cheap
 * command queued behind it. This program measures create_and_store_my_did latency
 * (submit -> callback, CLOCK_MONOTONIC):
 *   1. on an idle library (200 DIDs, one at a time);
 *   2. while K=4 indy_create_wallet + indy_open_wallet chains with ARGON2I_MOD keys
 *      (several Argon2 derivations of 128 MiB each) run in the background;
 *   3. while CRED_DEFS=2 indy_issuer_create_and_store_credential_def calls (CL key
 *      generation: safe primes, seconds each) run on another wallet;
 *   4. while indy_issuer_create_and_store_revoc_reg builds a revocation registry of
 *      REV_REG_SIZE=5000 credentials (accumulator keys and tails file) on that wallet;
 * then signs and verifies 1000 messages in flight. With a running Indy pool
 * (INDY_POOL_GENESIS names its genesis file, as ci/indy-pool/start.sh prints), a ledger
 * phase follows: the pool is opened, and as the trustee a NYM, a schema and a credential
 * definition (generated for the ledger's schema) are written and read back, while DIDs
 * keep being created on the first wallet; without it that phase is skipped. It prints a
 * table with the loaded/idle ratios and exits non-zero on any unexpected error code.
 *
 * Build and run: ci/demo.sh
 */
#define _GNU_SOURCE
#include <errno.h>
#include <ftw.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "indy_core.h"

#define IDLE_DIDS 200
#define K 4
#define SIGNS 1000
#define MAX_CMDS 200000
#define CRED_DEFS 2
#define REV_REG_SIZE 5000
#define TIMEOUT_S 300.0

/* ------------------------------------------------------------------ time */

static double now_s(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ----------------------------------------------- commands and their callbacks */

typedef struct {
    bool done;
    int err;
    double t_done;           /* when the callback ran */
    indy_handle_t handle;    /* open_wallet result */
    char *str;               /* a key, a JSON answer */
    char *id;                /* the id answered beside a JSON */
    uint8_t sig[64];
    uint32_t sig_len;
    bool valid;
    char *error_json;        /* indy_get_current_error, read inside the callback */
} command;

static command cmds[MAX_CMDS];
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static atomic_int next_handle = 1;
static char *tmp_dir;

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw) {
    (void)sb; (void)flag; (void)ftw;
    return remove(path);
}

static void cleanup_tmp(void) {
    if (tmp_dir) nftw(tmp_dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static void fail(const char *what, int err) {
    const char *detail = NULL;
    if (err > 0) indy_get_current_error(&detail);
    fprintf(stderr, "hipe_demo: %s failed with error %d%s%s\n", what, err, detail ? ": " : "", detail ? detail : "");
    cleanup_tmp();
    exit(1);
}

static void expect_ok(int err, const char *what) {
    if (err != (int)Success) fail(what, err);
}

static int32_t new_command(void) {
    int32_t h = atomic_fetch_add(&next_handle, 1);
    if (h >= MAX_CMDS) fail("too many commands", 0);
    return h;
}

/* Runs inside every callback; returns the locked slot. */
static command *begin(indy_handle_t h, indy_error_t err) {
    double t = now_s();
    const char *detail = NULL;
    if ((int)err != (int)Success) indy_get_current_error(&detail);
    if (h <= 0 || h >= MAX_CMDS) {
        fprintf(stderr, "hipe_demo: callback for unknown command handle %d\n", (int)h);
        exit(1);
    }
    pthread_mutex_lock(&mu);
    command *c = &cmds[h];
    c->err = (int)err;
    c->t_done = t;
    c->error_json = detail ? strdup(detail) : NULL;
    return c;
}

static void end(command *c) {
    c->done = true;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&mu);
}

static void on_done(indy_handle_t h, indy_error_t err) { end(begin(h, err)); }

static void on_open(indy_handle_t h, indy_error_t err, indy_handle_t wh) {
    command *c = begin(h, err);
    c->handle = wh;
    end(c);
}

static void on_str(indy_handle_t h, indy_error_t err, const char *const str) {
    command *c = begin(h, err);
    c->str = str ? strdup(str) : NULL;
    end(c);
}

static void on_did(indy_handle_t h, indy_error_t err, const char *const did, const char *const verkey) {
    (void)did; (void)verkey;
    end(begin(h, err));
}

static void on_pair(indy_handle_t h, indy_error_t err, const char *const id, const char *const json) {
    command *c = begin(h, err);
    c->id = id ? strdup(id) : NULL;
    c->str = json ? strdup(json) : NULL;
    end(c);
}

static void on_triple(indy_handle_t h, indy_error_t err, const char *const id, const char *const def,
                      const char *const entry) {
    (void)def; (void)entry;
    command *c = begin(h, err);
    c->str = id ? strdup(id) : NULL;
    end(c);
}

static void on_sign(indy_handle_t h, indy_error_t err, const uint8_t *sig, uint32_t len) {
    command *c = begin(h, err);
    c->sig_len = len;
    if (sig && len == 64) memcpy(c->sig, sig, 64);
    end(c);
}

static void on_verify(indy_handle_t h, indy_error_t err, bool valid) {
    command *c = begin(h, err);
    c->valid = valid;
    end(c);
}

/* Waits for the callback of `h`, whatever it reported; exits on timeout. */
static command *wait_any(int32_t h, const char *what) {
    double deadline = now_s() + TIMEOUT_S;
    pthread_mutex_lock(&mu);
    while (!cmds[h].done) {
        struct timespec ts;
        clock_gettime(CLOCK_REALTIME, &ts);
        ts.tv_nsec += 50 * 1000000L;
        if (ts.tv_nsec >= 1000000000L) { ts.tv_sec++; ts.tv_nsec -= 1000000000L; }
        pthread_cond_timedwait(&cv, &mu, &ts);
        if (!cmds[h].done && now_s() > deadline) {
            pthread_mutex_unlock(&mu);
            fail(what, -1);
        }
    }
    command *c = &cmds[h];
    pthread_mutex_unlock(&mu);
    return c;
}

/* Waits for the callback of `h`; exits on timeout or when it reported an error. */
static command *wait_for(int32_t h, const char *what) {
    command *c = wait_any(h, what);
    if (c->err != (int)Success) {
        fprintf(stderr, "hipe_demo: %s: callback error %d: %s\n", what, c->err, c->error_json ? c->error_json : "");
        cleanup_tmp();
        exit(1);
    }
    return c;
}

/* ------------------------------------------------------- background chains */

typedef struct {
    char *config;
    int32_t create_h, open_h;
    double t_opened;
    indy_handle_t wallet;
} chain;

static chain chains[K];
static const char *argon_creds = "{\"key\":\"hipe demo passphrase\",\"key_derivation_method\":\"ARGON2I_MOD\"}";
static atomic_int chains_done;
static atomic_int chain_errors;

static void on_chain_opened(indy_handle_t h, indy_error_t err, indy_handle_t wh) {
    double t = now_s();
    const char *detail = NULL;
    if ((int)err != (int)Success) indy_get_current_error(&detail);
    for (int i = 0; i < K; i++) {
        if (chains[i].open_h != h) continue;
        chains[i].wallet = wh;
        chains[i].t_opened = t;
        if ((int)err != (int)Success) {
            fprintf(stderr, "hipe_demo: background open %d: error %d: %s\n", i, (int)err, detail ? detail : "");
            atomic_fetch_add(&chain_errors, 1);
        }
    }
    atomic_fetch_add(&chains_done, 1);
}

/* Create finished: chain the open (from the callback thread, without waiting). */
static void on_chain_created(indy_handle_t h, indy_error_t err) {
    for (int i = 0; i < K; i++) {
        if (chains[i].create_h != h) continue;
        if ((int)err != (int)Success) {
            const char *detail = NULL;
            indy_get_current_error(&detail);
            fprintf(stderr, "hipe_demo: background create %d: error %d: %s\n", i, (int)err, detail ? detail : "");
            atomic_fetch_add(&chain_errors, 1);
            atomic_fetch_add(&chains_done, 1);
            return;
        }
        indy_error_t ret = indy_open_wallet(chains[i].open_h, chains[i].config, argon_creds, on_chain_opened);
        if ((int)ret != (int)Success) {
            fprintf(stderr, "hipe_demo: background open %d refused: error %d\n", i, (int)ret);
            atomic_fetch_add(&chain_errors, 1);
            atomic_fetch_add(&chains_done, 1);
        }
    }
}

/* ------------------------------------------------------------- measurements */

typedef struct {
    double *v;
    size_t n, cap;
} samples;

static void push(samples *s, double x) {
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 256;
        s->v = realloc(s->v, s->cap * sizeof *s->v);
        if (!s->v) fail("out of memory", 0);
    }
    s->v[s->n++] = x;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Nearest-rank percentile, in ms. */
static double pct_ms(samples *s, double p) {
    if (s->n == 0) return NAN;
    qsort(s->v, s->n, sizeof *s->v, cmp_double);
    size_t rank = (size_t)ceil(p / 100.0 * (double)s->n);
    if (rank < 1) rank = 1;
    return s->v[rank - 1] * 1e3;
}

/* One create_and_store_my_did, submit -> callback; returns seconds and the completion time. */
static double did_latency(indy_handle_t wh, double *t_done) {
    int32_t h = new_command();
    double t0 = now_s();
    expect_ok((int)indy_create_and_store_my_did(h, wh, "{}", on_did), "indy_create_and_store_my_did");
    command *c = wait_for(h, "create_and_store_my_did");
    if (t_done) *t_done = c->t_done;
    return c->t_done - t0;
}

static char *wallet_config(const char *id) {
    char *s = NULL;
    if (asprintf(&s, "{\"id\":\"%s\",\"storage_config\":{\"path\":\"%s\"}}", id, tmp_dir) < 0) fail("asprintf", 0);
    return s;
}

/* ------------------------------------------------------- ledger (optional) */

typedef struct {
    const char *genesis;     /* INDY_POOL_GENESIS */
    char pool_name[48];
    indy_handle_t wallet;    /* the issuer's: holds the trustee DID */
    const char *trustee;
    indy_handle_t pool;
    double open_s, nym_s, nym_read_s, schema_s, schema_read_s, cred_def_gen_s, cred_def_s;
    double t0, t_end;
    atomic_bool done;
} ledger_work;

static void ledger_fail(const char *what, const char *detail) {
    fprintf(stderr, "hipe_demo: %s: %s\n", what, detail ? detail : "(no answer)");
    cleanup_tmp();
    exit(1);
}

/* Signs a request as the trustee and submits it; the ledger must order it. */
static void ledger_write(ledger_work *l, const char *request, const char *what, double *secs) {
    int32_t h = new_command();
    double t0 = now_s();
    expect_ok((int)indy_sign_and_submit_request(h, l->pool, l->wallet, l->trustee, request, on_str), what);
    command *c = wait_for(h, what);
    *secs = c->t_done - t0;
    if (!c->str || !strstr(c->str, "\"op\":\"REPLY\"")) ledger_fail(what, c->str);
}

/* Builds a GET_NYM or GET_SCHEMA request for `id` and submits it until the parsed answer
   is there (a node may answer before it has applied the write); returns the parse's
   command, its time in `secs`. */
static command *ledger_read(ledger_work *l, bool schema, const char *id, double *secs) {
    const char *what = schema ? "GET_SCHEMA" : "GET_NYM";
    double t0 = now_s();
    for (int attempt = 0;; attempt++) {
        int32_t h = new_command();
        expect_ok(schema ? (int)indy_build_get_schema_request(h, NULL, id, on_str)
                         : (int)indy_build_get_nym_request(h, NULL, id, on_str),
                  what);
        char *request = wait_for(h, what)->str;
        h = new_command();
        expect_ok((int)indy_submit_request(h, l->pool, request, on_str), what);
        char *reply = wait_for(h, what)->str;
        h = new_command();
        expect_ok(schema ? (int)indy_parse_get_schema_response(h, reply, on_pair)
                         : (int)indy_parse_get_nym_response(h, reply, on_str),
                  what);
        command *c = wait_any(h, what);
        if (c->err == (int)Success) {
            *secs = now_s() - t0;
            return c;
        }
        if (c->err != (int)LedgerNotFound || attempt == 100) ledger_fail(what, c->error_json);
        usleep(100 * 1000);
    }
}

/* The ledger phase, on a thread of its own while the main thread creates DIDs. */
static void *ledger_run(void *arg) {
    ledger_work *l = arg;
    l->t0 = now_s();
    char *pool_config = NULL;
    if (asprintf(&pool_config, "{\"genesis_txn\":\"%s\"}", l->genesis) < 0) fail("asprintf", 0);
    int32_t h = new_command();
    expect_ok((int)indy_create_pool_ledger_config(h, l->pool_name, pool_config, on_done),
              "indy_create_pool_ledger_config");
    wait_for(h, "create_pool_ledger_config");
    h = new_command();
    double t0 = now_s();
    expect_ok((int)indy_open_pool_ledger(h, l->pool_name, NULL, on_open), "indy_open_pool_ledger");
    command *c = wait_for(h, "open_pool_ledger");
    l->pool = c->handle;
    l->open_s = c->t_done - t0;

    /* NYM: a new DID of the issuer's wallet, written by the trustee, read back */
    h = new_command();
    expect_ok((int)indy_create_and_store_my_did(h, l->wallet, "{}", on_pair), "indy_create_and_store_my_did (NYM)");
    c = wait_for(h, "create_and_store_my_did (NYM)");
    char *did = c->id, *verkey = c->str;
    h = new_command();
    expect_ok((int)indy_build_nym_request(h, l->trustee, did, verkey, NULL, NULL, on_str), "indy_build_nym_request");
    ledger_write(l, wait_for(h, "build_nym_request")->str, "NYM write", &l->nym_s);
    ledger_read(l, false, did, &l->nym_read_s);

    /* schema: a version of its own per run (the ledger takes each once) */
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    char version[48];
    snprintf(version, sizeof version, "1.%lld.%ld", (long long)now.tv_sec, now.tv_nsec / 1000000L);
    h = new_command();
    expect_ok((int)indy_issuer_create_schema(h, l->trustee, "hipe_ledger", version, "[\"name\",\"age\"]", on_pair),
              "indy_issuer_create_schema (ledger)");
    c = wait_for(h, "issuer_create_schema (ledger)");
    char *schema_id = c->id;
    h = new_command();
    expect_ok((int)indy_build_schema_request(h, l->trustee, c->str, on_str), "indy_build_schema_request");
    ledger_write(l, wait_for(h, "build_schema_request")->str, "SCHEMA write", &l->schema_s);
    char *ledger_schema = ledger_read(l, true, schema_id, &l->schema_read_s)->str; /* has its seqNo */

    /* credential definition: generated for the ledger's schema, then written */
    h = new_command();
    t0 = now_s();
    expect_ok((int)indy_issuer_create_and_store_credential_def(h, l->wallet, l->trustee, ledger_schema, "ledger", "CL",
                                                               "{\"support_revocation\":false}", on_pair),
              "indy_issuer_create_and_store_credential_def (ledger)");
    c = wait_for(h, "issuer_create_and_store_credential_def (ledger)");
    l->cred_def_gen_s = c->t_done - t0;
    h = new_command();
    expect_ok((int)indy_build_cred_def_request(h, l->trustee, c->str, on_str), "indy_build_cred_def_request");
    ledger_write(l, wait_for(h, "build_cred_def_request")->str, "CRED_DEF write", &l->cred_def_s);

    h = new_command();
    expect_ok((int)indy_close_pool_ledger(h, l->pool, on_done), "indy_close_pool_ledger");
    wait_for(h, "close_pool_ledger");
    h = new_command();
    expect_ok((int)indy_delete_pool_ledger_config(h, l->pool_name, on_done), "indy_delete_pool_ledger_config");
    wait_for(h, "delete_pool_ledger_config");
    l->t_end = now_s();
    atomic_store(&l->done, true);
    return NULL;
}

int main(void) {
    const char *base = getenv("TMPDIR");
    if (asprintf(&tmp_dir, "%s/hipe_demo_XXXXXX", (base && *base) ? base : "/tmp") < 0 || !mkdtemp(tmp_dir))
        fail("mkdtemp", errno);

    /* ---- one wallet with a RAW key (no key derivation) */
    int32_t h = new_command();
    expect_ok((int)indy_generate_wallet_key(h, "{}", on_str), "indy_generate_wallet_key");
    char *raw_key = wait_for(h, "generate_wallet_key")->str;
    char *creds = NULL;
    if (asprintf(&creds, "{\"key\":\"%s\",\"key_derivation_method\":\"RAW\"}", raw_key) < 0) fail("asprintf", 0);
    char *config = wallet_config("hipe_main");
    h = new_command();
    expect_ok((int)indy_create_wallet(h, config, creds, on_done), "indy_create_wallet");
    wait_for(h, "create_wallet");
    h = new_command();
    expect_ok((int)indy_open_wallet(h, config, creds, on_open), "indy_open_wallet");
    indy_handle_t wh = wait_for(h, "open_wallet")->handle;

    /* warm-up (first-use costs: thread start, SQLite pages) */
    for (int i = 0; i < 10; i++) did_latency(wh, NULL);

    /* ---- 1. idle */
    samples idle = { 0 };
    for (int i = 0; i < IDLE_DIDS; i++) push(&idle, did_latency(wh, NULL));

    /* ---- 2. while K create+open chains with ARGON2I_MOD run in the background */
    for (int i = 0; i < K; i++) {
        char id[32];
        snprintf(id, sizeof id, "hipe_bg_%d", i);
        chains[i].config = wallet_config(id);
        chains[i].create_h = new_command();
        chains[i].open_h = new_command();
    }
    double t_bg0 = now_s();
    for (int i = 0; i < K; i++)
        expect_ok((int)indy_create_wallet(chains[i].create_h, chains[i].config, argon_creds, on_chain_created),
                  "indy_create_wallet (ARGON2I_MOD)");
    samples loaded = { 0 };
    double *loaded_done = NULL;
    size_t loaded_cap = 0;
    while (atomic_load(&chains_done) < K) {
        double t_done;
        double lat = did_latency(wh, &t_done);
        push(&loaded, lat);
        if (loaded.n > loaded_cap) {
            loaded_cap = loaded.cap;
            loaded_done = realloc(loaded_done, loaded_cap * sizeof *loaded_done);
            if (!loaded_done) fail("out of memory", 0);
        }
        loaded_done[loaded.n - 1] = t_done;
        if (now_s() - t_bg0 > TIMEOUT_S) fail("background opens (timeout)", -1);
    }
    if (atomic_load(&chain_errors)) fail("background create/open chains", -1);
    double t_bg_end = t_bg0;
    for (int i = 0; i < K; i++)
        if (chains[i].t_opened > t_bg_end) t_bg_end = chains[i].t_opened;
    size_t during = 0;
    for (size_t i = 0; i < loaded.n; i++) during += loaded_done[i] <= t_bg_end;

    /* ---- 3. while credential definitions are generated on an issuer wallet */
    char *issuer_config = wallet_config("hipe_issuer");
    h = new_command();
    expect_ok((int)indy_create_wallet(h, issuer_config, creds, on_done), "indy_create_wallet (issuer)");
    wait_for(h, "create_wallet (issuer)");
    h = new_command();
    expect_ok((int)indy_open_wallet(h, issuer_config, creds, on_open), "indy_open_wallet (issuer)");
    indy_handle_t issuer_wh = wait_for(h, "open_wallet (issuer)")->handle;
    const char *issuer_did = "V4SGRU86Z58d6TV7PBUe6f";
    h = new_command();
    expect_ok((int)indy_create_and_store_my_did(h, issuer_wh, "{\"seed\":\"000000000000000000000000Trustee1\"}", on_did),
              "indy_create_and_store_my_did (issuer)");
    wait_for(h, "create_and_store_my_did (issuer)");
    h = new_command();
    expect_ok((int)indy_issuer_create_schema(h, issuer_did, "hipe", "1.0", "[\"name\",\"age\",\"sex\",\"height\"]", on_pair),
              "indy_issuer_create_schema");
    char *schema_json = wait_for(h, "issuer_create_schema")->str;
    int32_t cd_h[CRED_DEFS];
    double t_cd0 = now_s();
    for (int i = 0; i < CRED_DEFS; i++) {
        char tag[16];
        snprintf(tag, sizeof tag, "tag%d", i);
        cd_h[i] = new_command();
        /* the first supports revocation: phase 4 builds its registry */
        const char *cd_config = i == 0 ? "{\"support_revocation\":true}" : "{\"support_revocation\":false}";
        expect_ok((int)indy_issuer_create_and_store_credential_def(cd_h[i], issuer_wh, issuer_did, schema_json, tag, "CL",
                                                                   cd_config, on_pair),
                  "indy_issuer_create_and_store_credential_def");
    }
    samples creddef_loaded = { 0 };
    for (;;) {
        int done = 0;
        pthread_mutex_lock(&mu);
        for (int i = 0; i < CRED_DEFS; i++) done += cmds[cd_h[i]].done;
        pthread_mutex_unlock(&mu);
        if (done == CRED_DEFS) break;
        push(&creddef_loaded, did_latency(wh, NULL));
        if (now_s() - t_cd0 > TIMEOUT_S) fail("credential definitions (timeout)", -1);
    }
    double t_cd_end = t_cd0;
    for (int i = 0; i < CRED_DEFS; i++) {
        command *c = wait_for(cd_h[i], "issuer_create_and_store_credential_def");
        if (c->t_done > t_cd_end) t_cd_end = c->t_done;
    }

    /* ---- 4. while a revocation registry of REV_REG_SIZE credentials is built */
    char *cred_def_id = NULL;
    if (asprintf(&cred_def_id, "%s:3:CL:%s:2:hipe:1.0:tag0", issuer_did, issuer_did) < 0) fail("asprintf", 0);
    char *tails_config = NULL;
    if (asprintf(&tails_config, "{\"base_dir\":\"%s/tails\",\"uri_pattern\":\"\"}", tmp_dir) < 0) fail("asprintf", 0);
    h = new_command();
    expect_ok((int)indy_open_blob_storage_writer(h, "default", tails_config, on_open), "indy_open_blob_storage_writer");
    indy_handle_t tails_writer = wait_for(h, "open_blob_storage_writer")->handle;
    char rev_reg_config[96];
    snprintf(rev_reg_config, sizeof rev_reg_config,
             "{\"max_cred_num\":%d,\"issuance_type\":\"ISSUANCE_BY_DEFAULT\"}", REV_REG_SIZE);
    int32_t rr_h = new_command();
    double t_rr0 = now_s();
    expect_ok((int)indy_issuer_create_and_store_revoc_reg(rr_h, issuer_wh, issuer_did, NULL, "hipe", cred_def_id,
                                                          rev_reg_config, tails_writer, on_triple),
              "indy_issuer_create_and_store_revoc_reg");
    samples revreg_loaded = { 0 };
    for (;;) {
        pthread_mutex_lock(&mu);
        bool built = cmds[rr_h].done;
        pthread_mutex_unlock(&mu);
        if (built) break;
        push(&revreg_loaded, did_latency(wh, NULL));
        if (now_s() - t_rr0 > TIMEOUT_S) fail("revocation registry (timeout)", -1);
    }
    double t_rr_end = wait_for(rr_h, "issuer_create_and_store_revoc_reg")->t_done;

    /* ---- 5. sign and verify, 1000 in flight each */
    h = new_command();
    expect_ok((int)indy_create_key(h, wh, "{}", on_str), "indy_create_key");
    char *vk = wait_for(h, "create_key")->str;
    static const uint8_t msg[] = "HIPE 0012: cheap commands must not wait behind expensive ones";
    int32_t sh[SIGNS], vh[SIGNS];
    double t_s0 = now_s();
    for (int i = 0; i < SIGNS; i++) {
        sh[i] = new_command();
        expect_ok((int)indy_crypto_sign(sh[i], wh, vk, msg, sizeof msg, on_sign), "indy_crypto_sign");
    }
    for (int i = 0; i < SIGNS; i++)
        if (wait_for(sh[i], "crypto_sign")->sig_len != 64) fail("crypto_sign: signature length", -1);
    double sign_s = now_s() - t_s0;
    double t_v0 = now_s();
    for (int i = 0; i < SIGNS; i++) {
        vh[i] = new_command();
        expect_ok((int)indy_crypto_verify(vh[i], vk, msg, sizeof msg, cmds[sh[i]].sig, 64, on_verify),
                  "indy_crypto_verify");
    }
    int valid = 0;
    for (int i = 0; i < SIGNS; i++) valid += wait_for(vh[i], "crypto_verify")->valid;
    double verify_s = now_s() - t_v0;
    if (valid != SIGNS) fail("crypto_verify: not every signature verified", -1);

    /* ---- 6. (with a pool) ledger writes and reads while DIDs are created on another wallet */
    static ledger_work ledger;
    samples ledger_loaded = { 0 };
    const char *genesis = getenv("INDY_POOL_GENESIS");
    bool with_ledger = genesis && *genesis;
    if (with_ledger) {
        ledger.genesis = genesis;
        snprintf(ledger.pool_name, sizeof ledger.pool_name, "hipe_demo_%ld", (long)getpid());
        ledger.wallet = issuer_wh;
        ledger.trustee = issuer_did;
        pthread_t ledger_thread;
        double t_l0 = now_s();
        if (pthread_create(&ledger_thread, NULL, ledger_run, &ledger) != 0) fail("pthread_create", errno);
        while (!atomic_load(&ledger.done)) {
            push(&ledger_loaded, did_latency(wh, NULL));
            if (now_s() - t_l0 > TIMEOUT_S) fail("ledger phase (timeout)", -1);
        }
        pthread_join(ledger_thread, NULL);
    }

    /* ---- report */
    double i50 = pct_ms(&idle, 50), i99 = pct_ms(&idle, 99), imax = pct_ms(&idle, 100);
    double l50 = pct_ms(&loaded, 50), l99 = pct_ms(&loaded, 99), lmax = pct_ms(&loaded, 100);
    printf("\nHIPE 0012 demo: create_and_store_my_did latency (submit -> callback)\n\n");
    printf("  %-44s %6s %10s %10s %10s\n", "phase", "DIDs", "p50 ms", "p99 ms", "max ms");
    printf("  %-44s %6d %10.3f %10.3f %10.3f\n", "idle library", IDLE_DIDS, i50, i99, imax);
    char label[64];
    snprintf(label, sizeof label, "during %d x ARGON2I_MOD create+open", K);
    printf("  %-44s %6zu %10.3f %10.3f %10.3f\n", label, loaded.n, l50, l99, lmax);
    printf("  %-44s %6s %9.2fx %9.2fx %9.2fx\n", "ratio loaded / idle", "", l50 / i50, l99 / i99, lmax / imax);
    double c50 = pct_ms(&creddef_loaded, 50), c99 = pct_ms(&creddef_loaded, 99), cmax = pct_ms(&creddef_loaded, 100);
    snprintf(label, sizeof label, "during %d x create_and_store_credential_def", CRED_DEFS);
    printf("  %-44s %6zu %10.3f %10.3f %10.3f\n", label, creddef_loaded.n, c50, c99, cmax);
    printf("  %-44s %6s %9.2fx %9.2fx %9.2fx\n", "ratio loaded / idle", "", c50 / i50, c99 / i99, cmax / imax);
    double r50 = pct_ms(&revreg_loaded, 50), r99 = pct_ms(&revreg_loaded, 99), rmax = pct_ms(&revreg_loaded, 100);
    snprintf(label, sizeof label, "during a %d-credential revocation registry", REV_REG_SIZE);
    printf("  %-44s %6zu %10.3f %10.3f %10.3f\n", label, revreg_loaded.n, r50, r99, rmax);
    printf("  %-44s %6s %9.2fx %9.2fx %9.2fx\n", "ratio loaded / idle", "", r50 / i50, r99 / i99, rmax / imax);
    if (with_ledger) {
        double g50 = pct_ms(&ledger_loaded, 50), g99 = pct_ms(&ledger_loaded, 99), gmax = pct_ms(&ledger_loaded, 100);
        printf("  %-44s %6zu %10.3f %10.3f %10.3f\n", "during pool open + NYM, schema, cred def", ledger_loaded.n,
               g50, g99, gmax);
        printf("  %-44s %6s %9.2fx %9.2fx %9.2fx\n", "ratio loaded / idle", "", g50 / i50, g99 / i99, gmax / imax);
    }
    printf("\n  credential definitions: %d generated in %.3f s wall, while %zu DIDs were created\n", CRED_DEFS,
           t_cd_end - t_cd0, creddef_loaded.n);
    printf("  revocation registry:    %d credentials built in %.3f s wall, while %zu DIDs were created\n",
           REV_REG_SIZE, t_rr_end - t_rr0, revreg_loaded.n);
    printf("\n  background: %d create+open chains (ARGON2I_MOD) took %.3f s wall;\n", K, t_bg_end - t_bg0);
    printf("              %zu DIDs completed while they were running\n", during);
    for (int i = 0; i < K; i++) printf("              chain %d opened after %.3f s\n", i, chains[i].t_opened - t_bg0);
    printf("\n  crypto_sign:   %d in flight, %.3f s -> %.0f signs/s\n", SIGNS, sign_s, SIGNS / sign_s);
    printf("  crypto_verify: %d in flight, %.3f s -> %.0f verifies/s (all valid)\n\n", SIGNS, verify_s,
           SIGNS / verify_s);
    if (with_ledger) {
        printf("  ledger (%s): %.3f s wall, while %zu DIDs were created\n", genesis, ledger.t_end - ledger.t0,
               ledger_loaded.n);
        printf("    pool open (catch-up)          %8.1f ms\n", ledger.open_s * 1e3);
        printf("    NYM write / read back         %8.1f ms / %.1f ms\n", ledger.nym_s * 1e3, ledger.nym_read_s * 1e3);
        printf("    SCHEMA write / read back      %8.1f ms / %.1f ms\n", ledger.schema_s * 1e3,
               ledger.schema_read_s * 1e3);
        printf("    CRED_DEF generated / write    %8.1f ms / %.1f ms\n\n", ledger.cred_def_gen_s * 1e3,
               ledger.cred_def_s * 1e3);
    } else {
        printf("  ledger: skipped (INDY_POOL_GENESIS is not set; ci/indy-pool/start.sh starts a pool)\n\n");
    }
    fflush(stdout);

    /* ---- clean up */
    for (int i = 0; i < K; i++) {
        h = new_command();
        expect_ok((int)indy_close_wallet(h, chains[i].wallet, on_done), "indy_close_wallet");
        wait_for(h, "close_wallet (background)");
        h = new_command();
        expect_ok((int)indy_delete_wallet(h, chains[i].config, argon_creds, on_done), "indy_delete_wallet");
        wait_for(h, "delete_wallet (background)");
    }
    h = new_command();
    expect_ok((int)indy_close_wallet(h, issuer_wh, on_done), "indy_close_wallet (issuer)");
    wait_for(h, "close_wallet (issuer)");
    h = new_command();
    expect_ok((int)indy_close_wallet(h, wh, on_done), "indy_close_wallet");
    wait_for(h, "close_wallet");
    h = new_command();
    expect_ok((int)indy_delete_wallet(h, config, creds, on_done), "indy_delete_wallet");
    wait_for(h, "delete_wallet");
    cleanup_tmp();
    return 0;
}
