//! The network tier: one thread per open pool owns its indy-vdr `LocalPool` (which runs
//! its ZMQ sockets on a thread of its own) and drives every request to that pool, so a
//! slow or dead node delays only the commands that wait on this pool.

use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::thread;

use futures::channel::{mpsc, oneshot};
use futures::executor::block_on;
use futures::future::{FutureExt, LocalBoxFuture};
use futures::stream::{FuturesUnordered, StreamExt};
use indy_vdr::common::error::{err_msg, VdrErrorKind, VdrResult};
use indy_vdr::config::PoolConfig;
use indy_vdr::pool::helpers::{perform_ledger_request, perform_refresh};
use indy_vdr::pool::{LocalPool, PoolBuilder, PoolTransactions, PreparedRequest, RequestResult};

type Reply = VdrResult<RequestResult<String>>;

enum Event {
    Submit(Box<PreparedRequest>, oneshot::Sender<Reply>),
    Refresh(oneshot::Sender<VdrResult<()>>),
}

/// What a pool's thread is built from.
pub struct PoolSettings {
    pub name: String,
    pub config: PoolConfig,
    pub transactions: PoolTransactions,
    pub node_weights: Option<HashMap<String, f32>>,
}

/// An open pool. Dropping it ends its thread; requests still waiting then get no answer
/// (their futures resolve to `None`).
pub struct PoolConnection {
    events: mpsc::UnboundedSender<Event>,
    stopped: Option<oneshot::Receiver<()>>,
}

/// Why an open failed: the pool could not be built, or its first catch-up failed.
pub type OpenResult = VdrResult<PoolConnection>;

impl PoolConnection {
    /// Starts the pool's thread, builds the pool there and catches it up with the
    /// ledger (as libindy's open does); answers once that is done.
    pub fn open(settings: PoolSettings) -> impl Future<Output = Option<OpenResult>> {
        let (ready_tx, ready_rx) = oneshot::channel();
        let (events, receiver) = mpsc::unbounded();
        let (stopped_tx, stopped) = oneshot::channel();
        let name = format!("indy-pool-{}", settings.name);
        let spawned = thread::Builder::new().name(name).spawn(move || {
            block_on(run(settings, receiver, ready_tx));
            let _ = stopped_tx.send(());
        });
        async move {
            spawned.ok()?;
            match ready_rx.await.ok()? {
                Ok(()) => Some(Ok(PoolConnection { events, stopped: Some(stopped) })),
                Err(e) => Some(Err(e)),
            }
        }
    }

    /// Sends a request; `None` when the pool closed first.
    pub fn submit(&self, request: PreparedRequest) -> impl Future<Output = Option<Reply>> {
        let (tx, rx) = oneshot::channel();
        let sent = self.events.unbounded_send(Event::Submit(Box::new(request), tx)).is_ok();
        async move {
            if sent {
                rx.await.ok()
            } else {
                None
            }
        }
    }

    /// Catches up with the pool ledger and switches to its current nodes.
    pub fn refresh(&self) -> impl Future<Output = Option<VdrResult<()>>> {
        let (tx, rx) = oneshot::channel();
        let sent = self.events.unbounded_send(Event::Refresh(tx)).is_ok();
        async move {
            if sent {
                rx.await.ok()
            } else {
                None
            }
        }
    }

    /// Ends the pool's thread (its waiting requests are dropped) and resolves when it is gone.
    pub fn close(mut self) -> impl Future<Output = ()> {
        let stopped = self.stopped.take();
        drop(self);
        async move {
            if let Some(stopped) = stopped {
                let _ = stopped.await;
            }
        }
    }
}

fn build(settings: &PoolSettings, transactions: PoolTransactions, refreshed: bool) -> VdrResult<LocalPool> {
    PoolBuilder::new(settings.config.clone(), transactions)
        .node_weights(settings.node_weights.clone())
        .refreshed(refreshed)
        .into_local()
}

async fn catch_up(settings: &PoolSettings, pool: LocalPool) -> VdrResult<LocalPool> {
    match perform_refresh(&pool).await? {
        (Some(transactions), _) => build(settings, transactions, true),
        (None, _) => Ok(pool),
    }
}

async fn run(
    settings: PoolSettings,
    mut events: mpsc::UnboundedReceiver<Event>,
    ready: oneshot::Sender<VdrResult<()>>,
) {
    let opened = match build(&settings, settings.transactions.clone(), false) {
        Ok(pool) => catch_up(&settings, pool).await,
        Err(e) => Err(e),
    };
    let mut pool = match opened {
        Ok(pool) => {
            let _ = ready.send(Ok(()));
            pool
        }
        Err(e) => {
            let _ = ready.send(Err(e));
            return;
        }
    };
    loop {
        // Requests run concurrently on this thread; a refresh waits for them, then
        // swaps the pool so later requests use the new node set. indy-vdr tracks requests
        // by reqId (a second one in flight would end its network thread), so a duplicate
        // is refused while the first is out.
        let mut requests: FuturesUnordered<LocalBoxFuture<'_, String>> = FuturesUnordered::new();
        let mut in_flight: HashSet<String> = HashSet::new();
        let refresh = loop {
            futures::select! {
                event = events.next() => match event {
                    Some(Event::Submit(request, reply)) => {
                        if !in_flight.insert(request.req_id.clone()) {
                            let duplicate = format!("A request with reqId {} is already in flight on this pool", request.req_id);
                            let _ = reply.send(Err(err_msg(VdrErrorKind::Input, duplicate)));
                            continue;
                        }
                        let pool = &pool;
                        requests.push(async move {
                            let result = perform_ledger_request(pool, &request, None).await.map(|(result, _)| result);
                            let _ = reply.send(result);
                            request.req_id
                        }.boxed_local());
                    }
                    Some(Event::Refresh(reply)) => break Some(reply),
                    None => break None,
                },
                done = requests.select_next_some() => {
                    in_flight.remove(&done);
                }
            }
        };
        let Some(reply) = refresh else { return };
        while requests.next().await.is_some() {}
        drop(requests);
        match perform_refresh(&pool).await {
            Ok((Some(transactions), _)) => match build(&settings, transactions, true) {
                Ok(refreshed) => {
                    pool = refreshed;
                    let _ = reply.send(Ok(()));
                }
                Err(e) => {
                    let _ = reply.send(Err(e));
                }
            },
            Ok((None, _)) => {
                let _ = reply.send(Ok(()));
            }
            Err(e) => {
                let _ = reply.send(Err(e));
            }
        }
    }
}
