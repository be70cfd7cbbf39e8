"""Notebook kernels forked from one process that has already imported the analysis stack.

A fresh kernel costs about a second (interpreter, ipykernel) and a chapter's imports (pandas,
pandera, matplotlib, seaborn with scipy.stats, statsmodels, the helpers) three and a half more:
two thirds of a typical notebook run. The runner therefore starts one *zygote* per run that does
all of that once, and every notebook's kernel is a fork of it: a process of its own, so nothing a
chapter does reaches another, but with the imports already done.

Jupyter starts a kernel with the command of a kernelspec. Within a run, ``zygote()`` registers a
kernelspec 'python3' whose command is this module: a small *launcher* that passes the connection
file, its working directory, environment and standard streams to the zygote over a Unix socket
and then stands in for the kernel: it forwards signals (interrupt, terminate) to the forked kernel
and exits when the kernel exits; the kernel exits when its launcher is killed. Without a zygote
(no GRIP_ZYGOTE, or it does not answer) the launcher becomes an ordinary kernel.

python -m helpers.forkkernel -f CONNECTION_FILE     # the launcher (the kernelspec's command)
python -m helpers.forkkernel --serve SOCKET         # the zygote (started by zygote())
"""

import importlib
import json
import os
import select
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ENV = "GRIP_ZYGOTE"
# What a chapter imports; the helper subpackages are imported whole.
PRELOAD = (
    "ipykernel.kernelapp",
    "matplotlib_inline.backend_inline",
    "matplotlib.pyplot",
    "seaborn",
    "pandas",
    "pandera.pandas",
    "scipy.stats",
    "statsmodels.api",
    "statsmodels.formula.api",
    "helpers.notebook",
)
PRELOAD_PACKAGES = (
    "helpers.data",
    "helpers.methods",
    "helpers.display",
    "helpers.chapters",
    "helpers.microdata",
)
FORWARDED_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGUSR1, signal.SIGUSR2)


def _preload() -> None:
    import pkgutil

    # the backend a kernel sets before anything imports matplotlib (ipykernel does the same)
    os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    for name in PRELOAD:
        importlib.import_module(name)
    for package in PRELOAD_PACKAGES:
        module = importlib.import_module(package)
        for info in pkgutil.walk_packages(module.__path__, f"{package}."):
            importlib.import_module(info.name)
    # pandas fixes this default at import from whether it runs in a kernel (20 columns) or in a
    # terminal (fit to its width); here it was imported outside a kernel
    sys.modules["pandas"].set_option("display.max_columns", 20)


def serve(path: str) -> None:
    """The zygote: listen on `path`, import the stack, then fork one kernel per request."""
    runner = os.pidfd_open(os.getppid())  # a runner that is killed leaves no zygote behind
    server = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    server.bind(path)
    server.listen(64)
    print("luistert", flush=True)  # launchers may connect now; they wait for the imports
    os.dup2(2, 1)  # nobody reads the pipe after this line
    _preload()
    if threading.active_count() > 1:  # forking a process with threads can deadlock the child
        print(f"Let op: {threading.active_count()} threads in de zygote.", file=sys.stderr)
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # kernels are reaped as they exit
    while True:
        if runner in select.select([server, runner], [], [])[0]:
            return
        conn, _ = server.accept()
        with conn:
            message, fds, _flags, _addr = socket.recv_fds(conn, 1 << 20, 3)
            if len(fds) != 3:
                for fd in fds:
                    os.close(fd)
                continue
            pid = os.fork()
            if pid == 0:
                server.close()
                os.close(runner)
                _kernel(json.loads(message), fds)
            conn.sendall(f"{pid}\n".encode())
            for fd in fds:
                os.close(fd)


def _exit_with(pid: int) -> None:
    """End this process as soon as process `pid` (the launcher) has ended."""
    pidfd = os.pidfd_open(pid)

    def wait() -> None:
        select.select([pidfd], [], [])
        os._exit(1)

    threading.Thread(target=wait, daemon=True).start()


def _kernel(request: dict, fds: list[int]) -> None:
    """In the forked child: become the kernel the launcher asked for; never returns."""
    code = 1
    try:
        for sig in (signal.SIGCHLD, signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path[0] = request["cwd"]  # as for `python -m ipykernel_launcher` started there
        # ipykernel reads JPY_PARENT_PID when it is imported, which was in the zygote
        parent = f"--IPKernelApp.parent_handle={os.environ.get('JPY_PARENT_PID', 0)}"
        sys.argv = ["ipykernel_launcher", *request["argv"], parent]
        _exit_with(request["launcher"])
        from ipykernel.kernelapp import IPKernelApp

        IPKernelApp.launch_instance()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 0
    except BaseException:
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def _ordinary_kernel(argv: list[str]) -> None:
    os.execv(sys.executable, [sys.executable, "-m", "ipykernel_launcher", *argv])


def launch(argv: list[str]) -> int:
    """The launcher: have the zygote fork the kernel and stand in for it until it exits."""
    path = os.environ.get(ENV)
    if not path:
        _ordinary_kernel(argv)
    client = socket.socket(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    try:
        client.connect(path)
    except OSError:
        _ordinary_kernel(argv)
    request = {"argv": argv, "cwd": os.getcwd(), "env": dict(os.environ), "launcher": os.getpid()}
    with client:
        socket.send_fds(client, [json.dumps(request).encode()], [0, 1, 2])
        answer = client.recv(64)
    if not answer:
        print("helpers.forkkernel: de zygote startte geen kernel.", file=sys.stderr)
        return 1
    pid = int(answer)
    try:
        pidfd = os.pidfd_open(pid)
    except ProcessLookupError:  # the kernel has already ended
        return 0
    for sig in FORWARDED_SIGNALS:
        signal.signal(sig, lambda number, _frame: os.kill(pid, number))
    select.select([pidfd], [], [])
    return 0


@contextmanager
def zygote(log: Path) -> Iterator[None]:
    """Within the block, kernelspec 'python3' forks its kernels from one zygote (writing to
    `log`); processes started within it inherit the setting. Where processes cannot be watched
    through a pidfd (Linux before 5.3, macOS), kernels are started as usual."""
    if not hasattr(os, "pidfd_open"):
        yield
        return
    saved = {name: os.environ.get(name) for name in (ENV, "JUPYTER_PATH")}
    with tempfile.TemporaryDirectory(prefix="grip-kernels-") as tmp:
        spec = Path(tmp, "kernels", "python3")
        spec.mkdir(parents=True)
        (spec / "kernel.json").write_text(
            json.dumps(
                {
                    "argv": [sys.executable, "-m", __name__, "-f", "{connection_file}"],
                    "display_name": "Python 3 (ipykernel)",
                    "language": "python",
                    "metadata": {"debugger": True},
                }
            ),
            encoding="utf-8",
        )
        address = str(Path(tmp, "zygote.sock"))
        log.parent.mkdir(parents=True, exist_ok=True)
        with log.open("w", encoding="utf-8") as output:
            server = subprocess.Popen(
                [sys.executable, "-m", __name__, "--serve", address],
                stdout=subprocess.PIPE,
                stderr=output,
                stdin=subprocess.DEVNULL,
                text=True,
            )
            try:
                server.stdout.readline()  # bound and listening (or dead: launchers fall back)
                os.environ[ENV] = address
                os.environ["JUPYTER_PATH"] = os.pathsep.join(
                    p for p in (tmp, saved["JUPYTER_PATH"]) if p
                )
                yield
            finally:
                for name, value in saved.items():
                    if value is None:
                        os.environ.pop(name, None)
                    else:
                        os.environ[name] = value
                server.terminate()
                server.wait()


def main(argv: list[str]) -> int:
    if argv[:1] == ["--serve"]:
        serve(argv[1])
        return 0
    return launch(argv)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
