//! The PostgreSQL wallet's `storage_config` and `storage_credentials`, with the keys of
//! libindy's `postgres_storage` plugin, plus a standard `postgres://` URL.

use std::fmt;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::Arc;
use std::time::Duration;

use serde::Deserialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

use super::postgres_pool::Target;
use super::{StorageError, StorageResult};

/// The plugin's name for this storage type.
pub const STORAGE_TYPE: &str = "postgres_storage";

/// The plugin's database for the multi-wallet schemes when `database_name` is not given.
const WALLETS_DB: &str = "wallets";

/// Databases named like wallets and `wallet_id VARCHAR(64)` bound a wallet id, as in the plugin.
const MAX_WALLET_ID: usize = 64;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scheme {
    /// One database per wallet, named like the wallet (the plugin's default).
    DatabasePerWallet,
    /// One database, every table keyed by `wallet_id`.
    MultiWalletSingleTable,
    /// The same tables; the plugin's shared pool is what every scheme gets here.
    MultiWalletSingleTableSharedPool,
}

impl Scheme {
    pub fn is_multi(self) -> bool {
        self != Scheme::DatabasePerWallet
    }

    fn parse(name: &str) -> StorageResult<Scheme> {
        match name {
            "DatabasePerWallet" => Ok(Scheme::DatabasePerWallet),
            "MultiWalletSingleTable" => Ok(Scheme::MultiWalletSingleTable),
            "MultiWalletSingleTableSharedPool" => Ok(Scheme::MultiWalletSingleTableSharedPool),
            other => Err(StorageError::InvalidConfig(format!(
                "unknown wallet_scheme {other:?}: expected DatabasePerWallet, MultiWalletSingleTable or \
                 MultiWalletSingleTableSharedPool"
            ))),
        }
    }
}

#[derive(Deserialize)]
struct ConfigJson {
    url: Option<String>,
    wallet_scheme: Option<String>,
    database_name: Option<String>,
    // Pool sizing is per process here (runtime config `postgres_pool_size`); these are
    // read for compatibility and checked, not obeyed.
    max_connections: Option<u32>,
    min_idle_count: Option<u32>,
    min_idle_time: Option<u32>,
    connection_timeout: Option<u64>,
    tls: Option<String>,
    ca_file: Option<PathBuf>,
    certificate_chain_file: Option<PathBuf>,
    private_key_file: Option<PathBuf>,
}

#[derive(Deserialize)]
struct CredentialsJson {
    account: Option<String>,
    password: Option<Zeroizing<String>>,
    admin_account: Option<String>,
    admin_password: Option<Zeroizing<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tls {
    None,
    Prefer,
    Require,
}

/// Everything needed to reach one wallet; cheap to clone.
#[derive(Clone)]
pub struct PostgresLocation {
    pub id: String,
    pub scheme: Scheme,
    pub database: String,
    /// The account's connections to the wallet's database.
    pub target: Arc<Target>,
    /// The admin account on the server's `postgres` database (creates and drops databases),
    /// and on the wallet's database (creates the tables and grants when the account cannot).
    pub admin: Option<(Arc<Target>, Arc<Target>)>,
    pub account: String,
    pub timeout: Duration,
}

impl fmt::Debug for PostgresLocation {
    // Never the passwords.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PostgresLocation")
            .field("id", &self.id)
            .field("scheme", &self.scheme)
            .field("target", &self.target.label)
            .finish_non_exhaustive()
    }
}

fn invalid(message: impl Into<String>) -> StorageError {
    StorageError::InvalidConfig(message.into())
}

/// The URL with the password taken out of its user info; `None` when it has none.
fn without_password(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let authority_end = rest.find(['/', '?']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(authority_end);
    let (user_info, host) = authority.rsplit_once('@')?;
    let (user, _password) = user_info.split_once(':')?;
    Some(format!("{scheme}://{user}@{host}{tail}"))
}

/// `host:port` (the plugin's form), `[v6]:port`, or a bare host.
fn host_port(url: &str) -> StorageResult<(String, u16)> {
    let (host, port) = match url.rsplit_once(':') {
        Some((host, port)) if !port.contains(']') => {
            let port =
                port.parse::<u16>().map_err(|_| invalid(format!("url {url:?}: port {port:?} is not a number")))?;
            (host, port)
        }
        _ => (url, 5432),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(invalid(format!("url {url:?} names no host")));
    }
    Ok((host.to_string(), port))
}

impl PostgresLocation {
    pub fn parse(id: &str, config: Option<&Value>, credentials: Option<&Value>) -> StorageResult<PostgresLocation> {
        let config: ConfigJson = match config {
            Some(value) => {
                serde_json::from_value(value.clone()).map_err(|e| invalid(format!("PostgreSQL storage_config: {e}")))?
            }
            None => return Err(invalid("PostgreSQL storage needs a storage_config with a url")),
        };
        let credentials: CredentialsJson = match credentials {
            Some(value) => serde_json::from_value(value.clone())
                .map_err(|e| invalid(format!("PostgreSQL storage_credentials: {e}")))?,
            None => CredentialsJson { account: None, password: None, admin_account: None, admin_password: None },
        };
        let url = config.url.as_deref().ok_or_else(|| invalid("PostgreSQL storage_config has no url"))?;
        let scheme = Scheme::parse(config.wallet_scheme.as_deref().unwrap_or("DatabasePerWallet"))?;
        if id.len() > MAX_WALLET_ID {
            return Err(invalid(format!(
                "wallet id is {} bytes; PostgreSQL wallets take at most {MAX_WALLET_ID} (the plugin's limit)",
                id.len()
            )));
        }
        if config.max_connections == Some(0) {
            return Err(invalid("max_connections must be at least 1"));
        }
        let _ = (config.min_idle_count, config.min_idle_time);
        let timeout = Duration::from_secs(config.connection_timeout.unwrap_or(5).max(1));

        let mut url_password = None;
        let mut base = if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            let parse = |url: &str| {
                postgres::Config::from_str(url).map_err(|e| invalid(format!("url is not a PostgreSQL URL: {e}")))
            };
            let with_password = parse(url)?;
            url_password = with_password.get_password().map(|p| Zeroizing::new(p.to_vec()));
            // Parsed again without it: the config kept for connecting must not hold it.
            match without_password(url) {
                Some(url) => parse(&url)?,
                None => with_password,
            }
        } else {
            let (host, port) = host_port(url)?;
            let mut base = postgres::Config::new();
            base.host(&host).port(port);
            base
        };
        base.connect_timeout(timeout).application_name("libindy");
        let url_db = base.get_dbname().map(str::to_string);

        let account = match (&credentials.account, base.get_user()) {
            (Some(account), _) => account.clone(),
            (None, Some(user)) => user.to_string(),
            (None, None) => return Err(invalid("PostgreSQL storage_credentials has no account")),
        };
        let password: Option<Zeroizing<Vec<u8>>> = match (&credentials.password, url_password) {
            (Some(password), _) => Some(Zeroizing::new(password.as_bytes().to_vec())),
            (None, url_password) => url_password,
        };

        let database = match scheme {
            Scheme::DatabasePerWallet => id.to_string(),
            _ => config.database_name.clone().filter(|n| !n.is_empty()).or(url_db).unwrap_or(WALLETS_DB.to_string()),
        };
        let tls = match config.tls.as_deref().unwrap_or("None") {
            "None" | "none" | "disable" => Tls::None,
            "Prefer" | "prefer" => Tls::Prefer,
            "Require" | "require" | "verify-full" => Tls::Require,
            other => return Err(invalid(format!("tls {other:?}: expected None, Prefer or Require"))),
        };
        let connector = match tls {
            Tls::None => None,
            _ => Some(tls_connector(&config)?),
        };
        let make = |user: &str, password: Option<&[u8]>, db: &str| -> Arc<Target> {
            let mut pg = base.clone();
            pg.user(user).dbname(db);
            pg.ssl_mode(match tls {
                Tls::None => postgres::config::SslMode::Disable,
                Tls::Prefer => postgres::config::SslMode::Prefer,
                Tls::Require => postgres::config::SslMode::Require,
            });
            // Connections are shared per server, database, account and password (hashed).
            let digest = hex::encode(Sha256::digest(password.unwrap_or_default()));
            let ports = pg.get_ports().iter().copied().chain(std::iter::repeat(5432));
            let hosts: Vec<String> = pg
                .get_hosts()
                .iter()
                .zip(ports)
                .map(|(host, port)| match host {
                    postgres::config::Host::Tcp(host) => format!("{host}:{port}"),
                    #[cfg(unix)]
                    postgres::config::Host::Unix(path) => format!("{}:{port}", path.display()),
                })
                .collect();
            let hosts = hosts.join(",");
            // Connections verified against one CA are not for a wallet that names another.
            let trust = match tls {
                Tls::None => String::new(),
                _ => format!("&ca={:?}&cert={:?}", config.ca_file, config.certificate_chain_file),
            };
            let label = format!("{user}@{hosts}/{db}?tls={tls:?}{trust}");
            let key = format!("{label}#{digest}");
            let password = password.map(|p| Zeroizing::new(p.to_vec()));
            Arc::new(Target { key, label, config: pg, password, tls: connector.clone() })
        };
        let target = make(&account, password.as_deref().map(|p| &p[..]), &database);
        let admin = match (&credentials.admin_account, &credentials.admin_password) {
            (Some(admin), password) => {
                let password = password.as_ref().map(|p| p.as_bytes());
                Some((make(admin, password, "postgres"), make(admin, password, &database)))
            }
            _ => None,
        };
        Ok(PostgresLocation { id: id.to_string(), scheme, database, target, admin, account, timeout })
    }

    /// Tells wallets apart for "already open" checks.
    pub fn identity(&self) -> String {
        let wallet = if self.scheme.is_multi() { self.id.as_str() } else { "" };
        format!("{STORAGE_TYPE}:{}:{wallet}", self.target.label)
    }
}

/// Verifies the server's certificate and host name (OpenSSL's defaults), against `ca_file`
/// when given, else the system's roots.
fn tls_connector(config: &ConfigJson) -> StorageResult<postgres_openssl::MakeTlsConnector> {
    use openssl::ssl::{SslConnector, SslFiletype, SslMethod};
    let tls = |e: openssl::error::ErrorStack| invalid(format!("TLS setup: {e}"));
    let mut builder = SslConnector::builder(SslMethod::tls_client()).map_err(tls)?;
    if let Some(ca) = &config.ca_file {
        builder.set_ca_file(ca).map_err(|e| invalid(format!("ca_file {}: {e}", ca.display())))?;
    }
    if let Some(chain) = &config.certificate_chain_file {
        builder
            .set_certificate_chain_file(chain)
            .map_err(|e| invalid(format!("certificate_chain_file {}: {e}", chain.display())))?;
    }
    if let Some(key) = &config.private_key_file {
        builder
            .set_private_key_file(key, SslFiletype::PEM)
            .map_err(|e| invalid(format!("private_key_file {}: {e}", key.display())))?;
    }
    Ok(postgres_openssl::MakeTlsConnector::new(builder.build()))
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn parse(config: Value, credentials: Value) -> StorageResult<PostgresLocation> {
        PostgresLocation::parse("w1", Some(&config), Some(&credentials))
    }

    #[test]
    fn reads_the_plugins_keys() {
        let creds = json!({"account": "a", "password": "p", "admin_account": "root", "admin_password": "r"});
        let loc = parse(json!({"url": "db.example:5433"}), creds.clone()).unwrap();
        assert_eq!((loc.scheme, loc.database.as_str(), loc.account.as_str()), (Scheme::DatabasePerWallet, "w1", "a"));
        assert_eq!(loc.target.config.get_ports(), &[5433]);
        assert!(loc.admin.is_some());
        let multi = parse(
            json!({"url": "h:1", "wallet_scheme": "MultiWalletSingleTable", "max_connections": 3, "connection_timeout": 2}),
            creds.clone(),
        )
        .unwrap();
        assert_eq!((multi.database.as_str(), multi.timeout), ("wallets", Duration::from_secs(2)));
        let named = parse(
            json!({"url": "h", "wallet_scheme": "MultiWalletSingleTableSharedPool", "database_name": "x"}),
            creds,
        )
        .unwrap();
        assert_eq!((named.database.as_str(), named.target.config.get_ports()), ("x", &[5432][..]));
    }

    #[test]
    fn takes_a_postgres_url() {
        let loc = parse(
            json!({"url": "postgres://u:secret@127.0.0.1:6543/tenants", "wallet_scheme": "MultiWalletSingleTable"}),
            json!({}),
        )
        .unwrap();
        assert_eq!((loc.account.as_str(), loc.database.as_str()), ("u", "tenants"));
        assert_eq!(loc.target.password.as_deref().map(|p| &p[..]), Some(&b"secret"[..]));
        assert_eq!(loc.target.config.get_password(), None, "kept apart, zeroized on drop");
        assert_eq!(loc.target.config.get_hosts().len(), 1);
        assert!(!loc.target.label.contains("secret") && !format!("{loc:?}").contains("secret"));
    }

    #[test]
    fn a_url_password_is_taken_out_of_the_url() {
        assert_eq!(without_password("postgres://u:p%40ss@h:1/db?x=1").as_deref(), Some("postgres://u@h:1/db?x=1"));
        assert_eq!(without_password("postgresql://u:p@[::1]:5432").as_deref(), Some("postgresql://u@[::1]:5432"));
        assert_eq!(without_password("postgres://u@h/db"), None);
        assert_eq!(without_password("postgres://h/db"), None);
    }

    #[test]
    fn refuses_bad_config_with_a_reason() {
        let creds = json!({"account": "a", "password": "p"});
        for (config, words) in [
            (json!({"url": "h:1", "wallet_scheme": "MultiWalletMultiTable"}), "unknown wallet_scheme"),
            (json!({"url": "h:port"}), "not a number"),
            (json!({"wallet_scheme": "DatabasePerWallet"}), "no url"),
            (json!({"url": "h:1", "tls": "Sometimes"}), "tls"),
        ] {
            let Err(StorageError::InvalidConfig(message)) = parse(config.clone(), creds.clone()) else {
                panic!("{config} accepted");
            };
            assert!(message.contains(words), "{message}");
        }
        let long = "x".repeat(65);
        assert!(PostgresLocation::parse(&long, Some(&json!({"url": "h"})), Some(&creds)).is_err());
        assert!(parse(json!({"url": "h"}), json!({})).is_err(), "no account");
    }
}
