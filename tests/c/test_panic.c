/*
 * (c) The panic boundary, through the test hook indyrs_test_panic:
 *   where=0 panics in the entry point: returns CommonInvalidState (112), no callback;
 *   where=1 panics in the command body on the executor: callback gets 112;
 *   where=2 panics in a cheap-crypto worker job: callback gets 112.
 * The error detail mentions the panic, and the library keeps working afterwards
 * (repeated panics must not use up executor or worker threads).
 */
#include "common.h"

#define ROUNDS 8

static void check_library_works(const char *tmp, const char *id) {
    /* executor + cheap tier + storage: a whole small wallet round */
    test_wallet w = open_new_raw_wallet(tmp, id);
    int32_t h = cmd_new();
    cmd_result r = SUBMIT(h, indy_create_and_store_my_did(h, w.handle, "{\"seed\":\"000000000000000000000000Trustee1\"}", cb_str2));
    CHECK_ERR(r, Success);
    CHECK_STREQ(r.s1, "V4SGRU86Z58d6TV7PBUe6f");
    CHECK_STREQ(r.s2, "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL");

    /* many signs and verifies at once, so every worker thread gets work */
    enum { N = 64 };
    int32_t hs[N];
    static const uint8_t msg[] = "after the panic";
    for (int i = 0; i < N; i++) {
        hs[i] = cmd_new();
        SUBMIT_NOWAIT(hs[i], indy_crypto_sign(hs[i], w.handle, "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL", msg,
                                              sizeof msg, cb_bytes));
    }
    for (int i = 0; i < N; i++) {
        r = cmd_wait(hs[i]);
        CHECK_ERR(r, Success);
        CHECK(r.len == 64);
        if (r.len == 64 && i % 8 == 0) {
            h = cmd_new();
            cmd_result v = SUBMIT(h, indy_crypto_verify(h, "GJ1SzoWzavQYfNL9XkaJdrQejfztN4XqdsiV4ct3LXKL", msg,
                                                        sizeof msg, r.bytes, r.len, cb_bool));
            CHECK_ERR(v, Success);
            CHECK(v.flag);
        }
    }
    close_and_delete_wallet(&w);
}

int main(void) {
    char *tmp = make_temp_dir("indy_c_panic");
    int32_t h;
    cmd_result r;

    check_library_works(tmp, "before");

    for (int round = 0; round < ROUNDS; round++) {
        /* where = 0: synchronous, in the entry point */
        h = cmd_new();
        r = SUBMIT(h, indyrs_test_panic(h, 0, cb_none));
        CHECK_ERR(r, CommonInvalidState);
        CHECK(r.sync);
        CHECK_MSG_HAS(r, "panic");

        /* where = 1: in the command body on the executor */
        h = cmd_new();
        r = SUBMIT(h, indyrs_test_panic(h, 1, cb_none));
        CHECK_ERR(r, CommonInvalidState);
        CHECK(!r.sync);
        CHECK_MSG_HAS(r, "panic");

        /* where = 2: in a cheap-crypto worker job */
        h = cmd_new();
        r = SUBMIT(h, indyrs_test_panic(h, 2, cb_none));
        CHECK_ERR(r, CommonInvalidState);
        CHECK(!r.sync);
        CHECK_MSG_HAS(r, "panic");
    }

    /* Several panicking commands in flight at once, interleaved with normal ones. */
    enum { M = 16 };
    int32_t ph[M], kh[M];
    for (int i = 0; i < M; i++) {
        ph[i] = cmd_new();
        SUBMIT_NOWAIT(ph[i], indyrs_test_panic(ph[i], 1 + (i % 2), cb_none));
        kh[i] = cmd_new();
        SUBMIT_NOWAIT(kh[i], indy_generate_wallet_key(kh[i], "{}", cb_str));
    }
    for (int i = 0; i < M; i++) {
        r = cmd_wait(ph[i]);
        CHECK_ERR(r, CommonInvalidState);
        r = cmd_wait(kh[i]);
        CHECK_ERR(r, Success);
    }

    check_library_works(tmp, "after");

    check_no_stray_callbacks();
    remove_tree(tmp);
    return test_exit_code();
}
