"""Where blocks of runs are computed: in this process, in a local process pool, or on a Dask cluster.

Every executor yields results as blocks finish, with at most two blocks per
worker in flight, so the driver's memory does not grow with the size of the
sweep. Results are pure functions of their blocks, so the choice of executor
changes speed, never numbers.
"""

from __future__ import annotations

import concurrent.futures
import concurrent.futures.process
import contextlib
import itertools
import logging
import multiprocessing
import os
import select
import signal
import socket
import threading
import time
from typing import Callable, Iterable, Iterator
from urllib.parse import urlsplit

from world.errors import InputError

IN_FLIGHT_PER_WORKER = 2
# Imported once by the forkserver, so every worker (pool or local Dask) starts with the model loaded.
WORKER_PRELOAD = ["experiments.sweep.runner"]


class WorkerLost(RuntimeError):
    """A worker process died mid-sweep; the blocks already stored are safe and a rerun resumes."""


def die_with(driver_pid: int) -> None:
    """Pool worker initializer: ignore Ctrl-C (the driver handles it) and exit as soon as the driver process ends.

    A pool worker is a child of the forkserver, not of the driver, and it holds the forkserver's "alive" pipe
    and the resource tracker's pipe open: if the driver is killed (``kill -9``, the OOM killer), the worker
    would wait on its task queue forever and keep the forkserver and the resource tracker alive with it. A
    daemon thread waits on a pidfd of the driver (readable once it exits; immune to pid reuse) and ends the
    worker; without pidfds (not Linux) it polls the driver's pid twice a second.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_exit_when_gone, args=(driver_pid,), name="die-with-driver", daemon=True).start()


DRIVER_POLL_SECONDS = 0.5


def _exit_when_gone(pid: int) -> None:
    try:
        handle = os.pidfd_open(pid)
    except ProcessLookupError:
        os._exit(1)  # the driver is already gone
    except (AttributeError, OSError):  # no pidfd_open on this platform or kernel
        handle = None
    if handle is not None:
        select.select([handle], [], [])
    else:
        while _alive(pid):
            time.sleep(DRIVER_POLL_SECONDS)
    os._exit(1)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def default_workers() -> int:
    """All cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _bounded(tasks: Iterable, submit: Callable, wait_first: Callable, limit: int) -> Iterator:
    """Submit up to ``limit`` tasks ahead, yield each result as it finishes; cancel the rest on exit."""
    pending: set = set()
    queue = iter(tasks)
    try:
        while True:
            for task in queue:
                pending.add(submit(task))
                if len(pending) >= limit:
                    break
            if not pending:
                return
            done, pending = wait_first(pending)
            for future in done:
                yield future.result()
    finally:
        for future in pending:
            future.cancel()


class SerialExecutor:
    """Runs blocks one after another in this process (debugging, profiling, one core)."""

    name = "serial"
    workers = 1

    def __enter__(self) -> "SerialExecutor":
        return self

    def __exit__(self, *exc) -> None:
        pass

    def imap_unordered(self, fn: Callable, tasks: Iterable) -> Iterator:
        return (fn(task) for task in tasks)


class PoolExecutor:
    """A local process pool (``forkserver`` start: safe with the progress bar's thread, cheap per worker)."""

    name = "pool"

    def __init__(self, workers: int | None = None):
        self.workers = workers or default_workers()
        self._pool: concurrent.futures.ProcessPoolExecutor | None = None

    def __enter__(self) -> "PoolExecutor":
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(WORKER_PRELOAD)
        self._pool = concurrent.futures.ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=die_with, initargs=(os.getpid(),)
        )
        return self

    def __exit__(self, exc_type, *exc) -> None:
        if self._pool is None:
            return
        if exc_type is None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            return
        # Interrupted or failed: stop the blocks in flight now instead of waiting for them (a block can take
        # seconds); what they would have stored is recomputed on resume.
        self._pool.shutdown(wait=False, cancel_futures=True)
        terminate = getattr(self._pool, "terminate_workers", None)  # Python 3.14
        if terminate is not None:
            terminate()
        else:
            for process in list((getattr(self._pool, "_processes", None) or {}).values()):
                process.terminate()
        self._pool.shutdown(wait=True)

    def imap_unordered(self, fn: Callable, tasks: Iterable) -> Iterator:
        def wait_first(pending):
            return concurrent.futures.wait(pending, return_when=concurrent.futures.FIRST_COMPLETED)

        try:
            yield from _bounded(
                tasks, lambda task: self._pool.submit(fn, task), wait_first, IN_FLIGHT_PER_WORKER * self.workers
            )
        except concurrent.futures.process.BrokenProcessPool as error:
            raise WorkerLost(f"a worker process died ({error})") from error


class DaskExecutor:
    """Dask distributed: a client to a running scheduler (``tcp://host:port``) or a LocalCluster of N processes."""

    name = "dask"
    CONNECT_TIMEOUT = "10s"

    def __init__(self, scheduler: str | None = None, local_workers: int | None = None):
        if (scheduler is None) == (local_workers is None):
            raise InputError("give either --scheduler tcp://HOST:PORT or --dask-local N, not both")
        self.scheduler = scheduler
        self.local_workers = local_workers
        self.workers = local_workers or 0
        self._stack = contextlib.ExitStack()
        self._client = None

    def __enter__(self) -> "DaskExecutor":
        from distributed import Client, LocalCluster

        try:
            if self.scheduler is not None:
                _probe(self.scheduler)
                self._client = self._stack.enter_context(
                    Client(self.scheduler, timeout=self.CONNECT_TIMEOUT, set_as_default=False)
                )
            else:
                self._stack.enter_context(_local_worker_config())
                cluster = self._stack.enter_context(
                    LocalCluster(
                        n_workers=self.local_workers,
                        threads_per_worker=1,
                        processes=True,
                        dashboard_address=None,
                        silence_logs=logging.ERROR,
                    )
                )
                self._client = self._stack.enter_context(Client(cluster, set_as_default=False))
        except (OSError, ValueError, TypeError) as error:
            self._stack.close()
            where = f"scheduler {self.scheduler}" if self.scheduler else f"local Dask cluster of {self.local_workers}"
            raise InputError(
                f"{where}: cannot start or reach the Dask scheduler ({error}); "
                "is `dask scheduler` running there and reachable?"
            ) from None
        self.workers = max(1, sum(self._client.nthreads().values()))
        return self

    def __exit__(self, *exc) -> None:
        self._stack.close()

    @property
    def address(self) -> str:
        """The scheduler's address: other sweeps can use this running cluster via ``scheduler=``."""
        return self._client.scheduler.address

    def imap_unordered(self, fn: Callable, tasks: Iterable) -> Iterator:
        from distributed import KilledWorker, as_completed

        queue = iter(tasks)
        submit = lambda task: self._client.submit(fn, task, pure=False)  # noqa: E731
        first = [submit(t) for t in itertools.islice(queue, IN_FLIGHT_PER_WORKER * self.workers)]
        stream = as_completed(first, loop=self._client.loop)
        try:
            for future in stream:
                try:
                    result = future.result()
                except KilledWorker as error:  # Dask already retried the block on other workers
                    raise WorkerLost(f"Dask workers died running a block ({error})") from error
                for task in itertools.islice(queue, 1):
                    stream.add(submit(task))
                yield result
        finally:
            for future in stream.futures:
                future.cancel()


@contextlib.contextmanager
def _local_worker_config() -> Iterator[None]:
    """Start local Dask workers from the preloaded forkserver (not ``spawn``), without the sampling profiler.

    Spawned workers each import the model from scratch before their first block
    (2.5-3.3 s of the 600-run benchmark's ~4 s LocalCluster overhead on this
    machine); forked ones start with it imported, as the process pool's do.
    The worker profiler samples the running block every 10 ms under the GIL
    (a few per cent on these pure-Python runs) for a dashboard we never start.
    """
    import dask
    from distributed.utils import get_mp_context

    with dask.config.set(
        {"distributed.worker.multiprocessing-method": "forkserver", "distributed.worker.profile.enabled": False}
    ):
        # distributed sets its own preload list on first use; add ours after it (no effect if already running)
        get_mp_context().set_forkserver_preload(["distributed", *WORKER_PRELOAD])
        yield


def _probe(address: str, timeout: float = 3.0) -> None:
    """Fail fast with OSError if nothing listens at ``tcp://host:port`` (Client would retry for its timeout)."""
    parsed = urlsplit(address if "://" in address else f"tcp://{address}")
    if parsed.scheme != "tcp":
        return  # tls://, ucx://, …: leave it to distributed.Client
    if parsed.hostname is None or parsed.port is None:
        raise ValueError(f"expected tcp://HOST:PORT, got {address!r}")
    socket.create_connection((parsed.hostname, parsed.port), timeout=timeout).close()


def make_executor(kind: str = "pool", workers: int | None = None, scheduler: str | None = None):
    """``serial``, ``pool`` (``workers`` processes, default all cores) or ``dask`` (``scheduler`` or ``workers`` local)."""
    if kind == "serial":
        return SerialExecutor()
    if kind == "pool":
        return PoolExecutor(workers)
    if kind == "dask":
        return DaskExecutor(scheduler, None if scheduler else (workers or default_workers()))
    raise InputError(f"executor {kind!r} is unknown; allowed: serial, pool, dask")
