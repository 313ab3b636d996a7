//! The command executor: one thread that only polls futures. A command arrives over a
//! channel, becomes a task and is polled at once, so every command starts (and reserves
//! its place in its wallet's order) in the order it was submitted. Wakers send the task's
//! id back over the same channel.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, OnceLock};
use std::task::{Context, Poll};

use crossbeam_channel::{unbounded, Receiver, Sender};
use futures::future::LocalBoxFuture;
use futures::task::{waker_ref, ArcWake};

use super::{dispatch, Command, Ctx};
use crate::errors::{IndyError, IndyResult};

type TaskId = u64;

enum Message {
    Command(Box<Command>),
    Wake(TaskId),
}

struct TaskWaker {
    id: TaskId,
    sender: Sender<Message>,
    queued: AtomicBool,
}

impl ArcWake for TaskWaker {
    fn wake_by_ref(arc_self: &Arc<Self>) {
        if !arc_self.queued.swap(true, Ordering::AcqRel) {
            let _ = arc_self.sender.send(Message::Wake(arc_self.id));
        }
    }
}

struct Task {
    future: LocalBoxFuture<'static, ()>,
    waker: Arc<TaskWaker>,
}

static EXECUTOR: OnceLock<Sender<Message>> = OnceLock::new();

/// Hands a command to the executor; it answers through the command's responder.
pub fn submit(command: Command) -> IndyResult<()> {
    let sender = EXECUTOR.get_or_init(|| {
        let (sender, receiver) = unbounded();
        let own = sender.clone();
        std::thread::Builder::new()
            .name("indy-executor".into())
            .spawn(move || run(own, receiver))
            .expect("the executor thread starts");
        sender
    });
    sender.send(Message::Command(Box::new(command))).map_err(|refused| {
        // The caller gets an error code, so the command's callback must never fire.
        std::mem::forget(refused.into_inner());
        IndyError::invalid_state("The command executor has stopped")
    })
}

fn run(sender: Sender<Message>, receiver: Receiver<Message>) {
    let ctx = Rc::new(Ctx::new());
    let mut tasks: HashMap<TaskId, Task> = HashMap::new();
    let mut next_id: TaskId = 0;
    for message in receiver.iter() {
        let id = match message {
            Message::Command(command) => {
                next_id += 1;
                let waker = Arc::new(TaskWaker { id: next_id, sender: sender.clone(), queued: AtomicBool::new(false) });
                tasks.insert(next_id, Task { future: dispatch(ctx.clone(), *command), waker });
                next_id
            }
            Message::Wake(id) => id,
        };
        let Some(task) = tasks.get_mut(&id) else {
            continue;
        };
        task.waker.queued.store(false, Ordering::Release);
        let waker = waker_ref(&task.waker);
        // Command futures catch their own panics (see `dispatch`); this guard only keeps
        // the executor alive should one escape. Dropping the task answers its caller.
        let polled = catch_unwind(AssertUnwindSafe(|| task.future.as_mut().poll(&mut Context::from_waker(&waker))));
        if !matches!(polled, Ok(Poll::Pending)) {
            tasks.remove(&id);
        }
    }
}
