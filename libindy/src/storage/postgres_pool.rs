//! One connection budget per process for every PostgreSQL wallet: at most `max` open
//! connections across all servers, databases and accounts (the plugin opened a pool per
//! wallet, and servers ran out of connections). Idle connections are kept per target; a
//! target that needs one while the budget is spent takes over another target's idle one,
//! else waits up to its timeout. A connection seen broken is dropped, never reused, so the
//! pool heals once the server is back.

use std::collections::HashMap;
use std::ops::{Deref, DerefMut};
use std::sync::{Condvar, LazyLock, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use postgres::{Client, NoTls, Statement};

use zeroize::Zeroizing;

use super::{StorageError, StorageResult};

/// The runtime config's default for `postgres_pool_size`.
pub const DEFAULT_MAX_CONNECTIONS: usize = 10;

/// Where connections go: server, database, account (and its password), TLS.
pub struct Target {
    /// The pool's key: the target with a digest of its password (never shown).
    pub key: String,
    /// The target without its password, for messages and "already open" checks.
    pub label: String,
    /// Everything but the password.
    pub config: postgres::Config,
    pub password: Option<Zeroizing<Vec<u8>>>,
    pub tls: Option<postgres_openssl::MakeTlsConnector>,
}

/// A connection and the statements prepared on it.
pub struct Conn {
    pub client: Client,
    statements: HashMap<String, Statement>,
}

impl Conn {
    /// A statement prepared once per connection: a point read is then one round trip.
    pub fn prepare(&mut self, sql: &str) -> Result<Statement, postgres::Error> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(sql)?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

struct State {
    max: usize,
    open: usize,
    idle: HashMap<String, Vec<Conn>>,
}

struct Pool {
    state: Mutex<State>,
    freed: Condvar,
}

static POOL: LazyLock<Pool> = LazyLock::new(|| Pool {
    state: Mutex::new(State { max: DEFAULT_MAX_CONNECTIONS, open: 0, idle: HashMap::new() }),
    freed: Condvar::new(),
});

fn state() -> MutexGuard<'static, State> {
    POOL.state.lock().unwrap_or_else(|e| e.into_inner())
}

/// Sets the process-wide connection budget; connections above it close as they come back.
pub fn set_max_connections(max: usize) {
    state().max = max.max(1);
    POOL.freed.notify_all();
}

/// Connections open now (checked out or idle), for tests and metrics.
pub fn open_connections() -> usize {
    state().open
}

/// Closes the idle connections to `target` (a database about to be dropped).
pub fn close_idle(target: &Target) {
    let closing = {
        let mut state = state();
        let closing = state.idle.remove(&target.key).unwrap_or_default();
        state.open -= closing.len();
        closing
    };
    drop(closing);
    POOL.freed.notify_all();
}

/// A connection taken from the pool; it goes back when dropped, unless broken.
pub struct Pooled {
    conn: Option<Conn>,
    key: String,
}

impl Deref for Pooled {
    type Target = Conn;
    fn deref(&self) -> &Conn {
        self.conn.as_ref().expect("held until drop")
    }
}

impl DerefMut for Pooled {
    fn deref_mut(&mut self) -> &mut Conn {
        self.conn.as_mut().expect("held until drop")
    }
}

impl Pooled {
    /// Closes a connection left in an unknown state instead of reusing it.
    pub fn discard(mut self) {
        if let Some(conn) = self.conn.take() {
            state().open -= 1;
            drop(conn);
            POOL.freed.notify_one();
        }
    }
}

impl Drop for Pooled {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else { return };
        let mut state = state();
        if conn.client.is_closed() || state.open > state.max {
            state.open -= 1;
            drop(state);
            drop(conn);
        } else {
            state.idle.entry(std::mem::take(&mut self.key)).or_default().push(conn);
        }
        POOL.freed.notify_one();
    }
}

/// A connection to `target`: an idle one, a new one within the budget, or one freed within
/// `timeout`.
pub fn checkout(target: &Target, timeout: Duration) -> StorageResult<Pooled> {
    let deadline = Instant::now() + timeout;
    let mut state = state();
    loop {
        if let Some(conn) = state.idle.get_mut(&target.key).and_then(Vec::pop) {
            return Ok(Pooled { conn: Some(conn), key: target.key.clone() });
        }
        let evicted = if state.open < state.max {
            state.open += 1;
            None
        } else if let Some(victim) = state.idle.values_mut().find_map(Vec::pop) {
            Some(victim) // its place in the budget passes to the new connection
        } else {
            let now = Instant::now();
            if now >= deadline {
                return Err(StorageError::Backend(format!(
                    "no PostgreSQL connection free for {}: all {} of this process's connections stayed busy \
                     for {timeout:?} (raise postgres_pool_size in indy_set_runtime_config)",
                    target.label, state.max
                )));
            }
            state = POOL.freed.wait_timeout(state, deadline - now).unwrap_or_else(|e| e.into_inner()).0;
            continue;
        };
        drop(state);
        drop(evicted);
        return match connect(target) {
            Ok(conn) => Ok(Pooled { conn: Some(conn), key: target.key.clone() }),
            Err(e) => {
                state = self::state();
                state.open -= 1;
                drop(state);
                POOL.freed.notify_one();
                Err(e)
            }
        };
    }
}

fn connect(target: &Target) -> StorageResult<Conn> {
    // The password joins a copy of the config for this connect only: the postgres crate
    // does not zeroize its copy, so that copy must not live as long as the pool.
    let mut config = target.config.clone();
    if let Some(password) = &target.password {
        config.password(&password[..]);
    }
    let client = match &target.tls {
        Some(tls) => config.connect(tls.clone()),
        None => config.connect(NoTls),
    }
    .map_err(|e| super::postgres::pg_error(e, &format!("cannot connect to {}", target.label)))?;
    Ok(Conn { client, statements: HashMap::new() })
}
