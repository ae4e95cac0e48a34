"""Process pools for the per-article function: every core, the same result as a serial run.

The pipeline's per-article step is a pure, top-level function, so a corpus can be mapped
over it in worker processes. :class:`WorkerPool` does that with three rules that keep
the result identical to a serial loop and the overhead small:

- **order**: results come back in input order (chunks are submitted in order and read
  in order), so ids and row order never depend on which worker finished first;
- **chunks**: articles travel to workers in chunks (default: about four chunks per
  worker, at most 64 articles each), not one by one;
- **shared arguments once per worker**: arguments every call needs (the actor codebook)
  are sent once, to the pool's initializer, and kept in the worker; they are never
  pickled per article or per chunk.

Workers are started with the ``forkserver`` method where the platform has it and
``spawn`` elsewhere (not plain ``fork``, which can deadlock a process that already
runs threads, as Jupyter kernels and Dask clients do). Both only need the mapped function
and its arguments to be importable top-level objects, which toolkit functions are, so
the pool works the same in a terminal, a script and a notebook. As with any
multiprocessing code, a *script* that uses ``n_jobs`` must keep its top-level work under
``if __name__ == "__main__":`` (workers import the script; notebooks need nothing).
Starting the workers costs about a second (the fork server imports pandas and the toolkit
once); a pool is therefore worth it for corpora of a few hundred articles or more.

A progress bar (``tqdm.auto``: a text bar in a terminal, a widget in Jupyter) is shown
with ``progress=True``; it is off by default.

Example:
    >>> from panjshir_toolkit.parallel import parallel_map
    >>> parallel_map(len, ["Kabul", "Panjshir"], n_jobs=1)
    [5, 8]
"""

from __future__ import annotations

import collections
import functools
import itertools
import math
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from .errors import OptionalDependencyError

__all__ = ["WorkerPool", "parallel_map", "resolve_n_jobs", "default_chunksize"]

#: Largest default chunk: big enough to amortise pickling, small enough to balance load.
MAX_CHUNKSIZE = 64


def resolve_n_jobs(n_jobs: int | None) -> int:
    """The number of worker processes *n_jobs* asks for.

    ``None``, ``0`` and ``1`` mean serial (1); a negative number counts back from the
    number of cores, as in scikit-learn (``-1``: every core; ``-2``: all but one), never
    fewer than 1.

    >>> resolve_n_jobs(None), resolve_n_jobs(3)
    (1, 3)
    """
    if n_jobs is None or n_jobs == 0:
        return 1
    if not isinstance(n_jobs, int):
        raise TypeError(f"n_jobs must be an integer (1: serial, -1: every core), got {n_jobs!r}.")
    if n_jobs < 0:
        return max(1, (os.cpu_count() or 1) + 1 + n_jobs)
    return n_jobs


def default_chunksize(n_items: int, n_workers: int) -> int:
    """About four chunks per worker, between 1 and :data:`MAX_CHUNKSIZE` items each.

    >>> default_chunksize(40, 2), default_chunksize(100_000, 2), default_chunksize(3, 8)
    (5, 64, 1)
    """
    if n_items <= 0:
        return 1
    return max(1, min(MAX_CHUNKSIZE, math.ceil(n_items / (4 * max(1, n_workers)))))


#: Modules the fork server imports once, so that every worker forked from it starts warm.
FORKSERVER_PRELOAD = ["panjshir_toolkit.pipeline", "panjshir_toolkit.tables", "panjshir_toolkit.stream"]


def _mp_context(start_method: str | None = None):
    """The multiprocessing context: *start_method*, else forkserver where available, else spawn."""
    methods = multiprocessing.get_all_start_methods()
    method = start_method or ("forkserver" if "forkserver" in methods else "spawn")
    if method not in methods:
        raise ValueError(f"start_method {method!r} is not available here; choose one of {', '.join(methods)}.")
    context = multiprocessing.get_context(method)
    if method == "forkserver":
        # Takes effect when the fork server starts (once per session): pandas and the toolkit
        # are then imported once in the server instead of once in every worker.
        context.set_forkserver_preload(FORKSERVER_PRELOAD)
    return context


# Worker-side state, set once per worker process by the pool's initializer.
_WORKER_FUNC: Callable | None = None
_WORKER_SHARED: tuple = ()


def _init_worker(func: Callable, shared: tuple) -> None:
    global _WORKER_FUNC, _WORKER_SHARED
    _WORKER_FUNC, _WORKER_SHARED = func, shared


def _run_chunk(chunk: list) -> list:
    func, shared = _WORKER_FUNC, _WORKER_SHARED
    return [func(item, *shared) for item in chunk]


def _unimportable(func) -> str | None:
    """Why worker processes could not import *func* (or a function bound in a partial), or None."""
    funcs = [func]
    if isinstance(func, functools.partial):
        funcs = [func.func, *[v for v in (*func.args, *func.keywords.values()) if callable(v)]]
    for f in funcs:
        name = getattr(f, "__qualname__", "")
        if "<lambda>" in name or "<locals>" in name:
            return f"{name!r} is a lambda or a nested function"
        if getattr(f, "__module__", None) == "__main__" and not hasattr(sys.modules.get("__main__"), "__file__"):
            return f"{name!r} is defined in a notebook or an interactive session"
    return None


def _progress_bar(progress: bool, total: int | None, desc: str | None):
    if not progress:
        return None
    try:
        from tqdm.auto import tqdm
    except ImportError:
        raise OptionalDependencyError("tqdm", "The progress bar (progress=True)", "scale") from None
    return tqdm(total=total, desc=desc, unit="article")


def _chunked(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class WorkerPool:
    """A pool of worker processes that applies ``func(item, *shared)`` to items, in order.

    With ``n_jobs=1`` no process is started and items are processed in the calling
    process, so a serial run and a parallel run go through the same code. Use it as a
    context manager (or call :meth:`close`) so the workers stop when you are done; one pool
    can serve many :meth:`map` / :meth:`imap` calls, which saves starting workers per batch.

    Args:
        func: a top-level (importable, picklable) function ``func(item, *shared)``.
        shared: arguments every call needs, sent once to each worker (e.g. ``(codebook,)``).
        n_jobs: worker processes (1: serial in this process; -1: every core).
        progress: show a tqdm progress bar (terminal or notebook) while mapping.
        desc: the progress bar's label.
        start_method: ``"forkserver"`` (default where available), ``"spawn"`` (default
            elsewhere) or ``"fork"`` (fastest start, but unsafe in a process that runs
            threads, such as a Jupyter kernel).

    Raises:
        OptionalDependencyError: ``progress=True`` without tqdm installed.
        ValueError: with n_jobs > 1, when *func* is a lambda, a nested function or a
            function defined in a notebook (workers could not import it).
    """

    def __init__(self, func: Callable, shared: tuple = (), *, n_jobs: int | None = 1,
                 progress: bool = False, desc: str | None = None, start_method: str | None = None):
        self.func = func
        self.start_method = start_method
        self.shared = tuple(shared)
        self.n_workers = resolve_n_jobs(n_jobs)
        self.progress = progress
        self.desc = desc
        self._executor: ProcessPoolExecutor | None = None

    @property
    def serial(self) -> bool:
        """True when items are processed in the calling process."""
        return self.n_workers == 1

    def _pool(self) -> ProcessPoolExecutor:
        if self._executor is None:
            why = _unimportable(self.func)
            if why is not None and self.start_method != "fork":
                raise ValueError(
                    f"Worker processes cannot import the function to map: {why}. Define it at the top "
                    "level of a .py module and import it from there, or use n_jobs=1."
                )
            self._executor = ProcessPoolExecutor(
                max_workers=self.n_workers, mp_context=_mp_context(self.start_method),
                initializer=_init_worker, initargs=(self.func, self.shared),
            )
        return self._executor

    def imap(self, items: Iterable, *, chunksize: int = MAX_CHUNKSIZE, max_pending: int | None = None,
             total: int | None = None) -> Iterator:
        """Results of ``func(item, *shared)`` for each item, lazily and in input order.

        *items* may be a generator: at most *max_pending* chunks (default: two per worker)
        are in flight at a time, so memory stays bounded however long the stream is.

        Args:
            items: the items (any iterable; consumed lazily).
            chunksize: items per task sent to a worker.
            max_pending: chunks submitted but not yet consumed.
            total: the number of items, for the progress bar (optional).
        """
        bar = _progress_bar(self.progress, total, self.desc)
        try:
            if self.serial:
                for item in items:
                    yield self.func(item, *self.shared)
                    if bar is not None:
                        bar.update(1)
                return
            pool = self._pool()
            limit = max_pending or 2 * self.n_workers
            pending: collections.deque = collections.deque()
            for chunk in _chunked(items, max(1, chunksize)):
                pending.append(pool.submit(_run_chunk, chunk))
                if len(pending) >= limit:
                    yield from self._drain_one(pending, bar)
            while pending:
                yield from self._drain_one(pending, bar)
        finally:
            if bar is not None:
                bar.close()

    @staticmethod
    def _drain_one(pending: collections.deque, bar) -> list:
        results = pending.popleft().result()
        if bar is not None:
            bar.update(len(results))
        return results

    def map(self, items: Iterable, *, chunksize: int | None = None) -> list:
        """``[func(item, *shared) for item in items]``, computed by the workers, in input order.

        Args:
            items: the items (materialised into a list to size the chunks).
            chunksize: items per task; default :func:`default_chunksize`.
        """
        items = list(items)
        size = chunksize or default_chunksize(len(items), self.n_workers)
        return list(self.imap(items, chunksize=size, max_pending=len(items) + 1, total=len(items)))

    def close(self) -> None:
        """Stop the worker processes (idempotent)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<WorkerPool {getattr(self.func, '__name__', self.func)!s} n_workers={self.n_workers}>"


def parallel_map(func: Callable, items: Iterable, shared: tuple = (), *, n_jobs: int | None = 1,
                 chunksize: int | None = None, progress: bool = False, desc: str | None = None) -> list:
    """``[func(item, *shared) for item in items]`` over *n_jobs* processes, in input order.

    A one-shot :class:`WorkerPool`: the workers start, map, and stop.

    Args:
        func: a top-level function ``func(item, *shared)``.
        items: the items.
        shared: arguments sent once per worker, not once per item.
        n_jobs: worker processes (1: serial; -1: every core).
        chunksize: items per task (default :func:`default_chunksize`).
        progress: show a progress bar (tqdm; terminal or notebook).
        desc: the progress bar's label.

    Returns:
        The results, in the order of *items*, identical to a serial loop.
    """
    items = list(items)
    workers = resolve_n_jobs(n_jobs)
    if workers > 1 and len(items) <= 1:
        workers = 1
    with WorkerPool(func, shared, n_jobs=min(workers, max(1, len(items))), progress=progress, desc=desc) as pool:
        return pool.map(items, chunksize=chunksize)
