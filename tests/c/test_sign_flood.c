/*
 * (e) 1000 crypto_sign commands in flight from 4 threads on one wallet: every
 * callback fires exactly once, for its own command handle, with the signature of
 * its own message. Each thread reuses one message buffer and overwrites it right
 * after each call returns, so the library must have copied the input.
 */
#include "common.h"

#define THREADS 4
#define PER_THREAD 250
#define TOTAL (THREADS * PER_THREAD)

static indy_handle_t g_wallet;
static char *g_vk;
static int32_t g_handles[TOTAL];
static int g_sync_failures[THREADS];

static void make_message(int i, char *buf, size_t cap) {
    snprintf(buf, cap, "flood message number %d", i);
}

static void *submitter(void *arg) {
    int t = (int)(intptr_t)arg;
    char buf[64];
    for (int k = 0; k < PER_THREAD; k++) {
        int i = t * PER_THREAD + k;
        make_message(i, buf, sizeof buf);
        int32_t h = cmd_new();
        g_handles[i] = h;
        tl_submitting = h;
        indy_error_t ret = indy_crypto_sign(h, g_wallet, g_vk, (const uint8_t *)buf, (uint32_t)strlen(buf), cb_bytes);
        cmd_submitted(h, ret);
        if ((int)ret != (int)Success) g_sync_failures[t]++;
        memset(buf, 'X', sizeof buf - 1); /* the library must not read this later */
        buf[sizeof buf - 1] = '\0';
    }
    return NULL;
}

int main(void) {
    char *tmp = make_temp_dir("indy_c_flood");
    test_wallet w = open_new_raw_wallet(tmp, "flood");
    g_wallet = w.handle;
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_create_key(h, g_wallet, "{}", cb_str));
    CHECK_ERR(r, Success);
    REQUIRE(r.s1);
    g_vk = strdup(r.s1);

    int callbacks_before = atomic_load(&g_callbacks_total);
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++) REQUIRE(pthread_create(&th[t], NULL, submitter, (void *)(intptr_t)t) == 0);
    for (int t = 0; t < THREADS; t++) pthread_join(th[t], NULL);
    for (int t = 0; t < THREADS; t++) CHECK(g_sync_failures[t] == 0);

    int ok = 0;
    for (int i = 0; i < TOTAL; i++) {
        r = cmd_wait(g_handles[i]);
        CHECK_ERR(r, Success);
        if (r.err == (int)Success && r.len == 64) ok++;
    }
    CHECK(ok == TOTAL);

    /* Verify each signature against the message it was made for (also 1000 in flight). */
    int32_t vh[TOTAL];
    char buf[64];
    int verifies = 0;
    for (int i = 0; i < TOTAL; i++) {
        vh[i] = cmd_new();
        r = cmd_wait(g_handles[i]);
        make_message(i, buf, sizeof buf);
        if (r.len != 64 || !r.bytes) { cmd_submitted(vh[i], CommonInvalidState); continue; } /* marks it skipped */
        verifies++;
        SUBMIT_NOWAIT(vh[i], indy_crypto_verify(vh[i], g_vk, (const uint8_t *)buf, (uint32_t)strlen(buf), r.bytes, 64, cb_bool));
    }
    int valid = 0;
    for (int i = 0; i < TOTAL; i++) {
        r = cmd_wait(vh[i]);
        if (r.err == (int)Success && r.flag) valid++;
    }
    CHECK(valid == TOTAL);
    if (valid != TOTAL) fprintf(stderr, "%d of %d signatures verified against their own message\n", valid, TOTAL);

    /* Exactly once per handle, including late duplicates. */
    sleep_ms(500);
    int once = 0;
    for (int i = 0; i < TOTAL; i++) once += cmd_calls(g_handles[i]) == 1;
    CHECK(once == TOTAL);
    CHECK(atomic_load(&g_callbacks_total) - callbacks_before == TOTAL + verifies);

    close_and_delete_wallet(&w);
    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
