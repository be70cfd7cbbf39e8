"""Kernels forked from the zygote behave as ordinary kernels: their own process, working folder
and environment, nothing shared between them, interruptible, gone with their launcher, and an
ordinary kernel when there is no zygote."""

import ast
import os
import signal
import subprocess
import sys
import time

import pytest
from jupyter_client.manager import KernelManager

from helpers import forkkernel


@pytest.fixture(scope="module")
def zygote(tmp_path_factory):
    log = tmp_path_factory.mktemp("zygote") / "zygote.log"
    with forkkernel.zygote(log):
        yield log


def _start(cwd, **env):
    km = KernelManager(kernel_name="python3")
    km.start_kernel(cwd=str(cwd), env={**os.environ, **env})
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=60)
    return km, kc


def _stop(km, kc):
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def _run(kc, code: str, timeout: float = 30) -> dict:
    """The value of the last line of `code` (its repr, as the kernel displays it) or the name of
    its error, and the status of the execution. Results, unlike printed text, are sent before the
    kernel reports idle, whatever the load."""
    msg_id = kc.execute(code)
    out = ""
    while True:
        msg = kc.get_iopub_msg(timeout=timeout)
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "execute_result":
            out = msg["content"]["data"]["text/plain"]
        if msg["msg_type"] == "error":
            out = msg["content"]["ename"]
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            break
    return {"value": out, "status": _reply(kc, msg_id, timeout)["content"]["status"]}


def _reply(kc, msg_id: str, timeout: float) -> dict:
    """The shell reply to `msg_id` (a slow start can leave extra kernel_info replies before it)."""
    while (reply := kc.get_shell_msg(timeout=timeout))["parent_header"].get("msg_id") != msg_id:
        pass
    return reply


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_forked_kernel_has_the_stack_imported_and_its_own_folder_and_environment(zygote, tmp_path):
    km, kc = _start(tmp_path, GRIP_TEST="ja")
    try:
        out = _run(
            kc,
            "import os, sys\n"
            "import pandas as pd\n"
            "('seaborn' in sys.modules, 'helpers.data.published' in sys.modules, os.getcwd(), "
            f"os.environ['GRIP_TEST'], os.getppid() != {km.provisioner.process.pid}, "
            "pd.get_option('display.max_columns'))",
        )
    finally:
        _stop(km, kc)
    # forked: imported before the first cell, and not a child of its launcher
    assert ast.literal_eval(out["value"]) == (True, True, str(tmp_path), "ja", True, 20)


def test_two_forked_kernels_share_nothing(zygote, tmp_path):
    first, second = _start(tmp_path), _start(tmp_path)
    try:
        _run(first[1], "import helpers.data.published as p\np.GEZET = 1\nx = 1")
        out = _run(second[1], "import helpers.data.published as p\nhasattr(p, 'GEZET')")
        assert out["value"] == "False"
        assert _run(second[1], "x")["status"] == "error"
    finally:
        _stop(*first)
        _stop(*second)


def test_forked_kernel_can_be_interrupted(zygote, tmp_path):
    km, kc = _start(tmp_path)
    try:
        msg_id = kc.execute("import time\ntime.sleep(60)")
        while not (
            (msg := kc.get_iopub_msg(timeout=20))["msg_type"] == "execute_input"
            and msg["parent_header"].get("msg_id") == msg_id
        ):
            pass
        time.sleep(0.5)  # into the sleep: an idle kernel ignores an interrupt
        km.interrupt_kernel()
        assert _reply(kc, msg_id, 20)["content"]["ename"] == "KeyboardInterrupt"
        # and it lives on. ipykernel aborts a request that reaches it before it has finished
        # aborting its queue after the error: a race in ipykernel (kernelbase._abort_queues)
        # that a forked kernel's timing makes likelier; papermill never sends one (it stops at
        # the first error). Retry those.
        for _ in range(20):
            if (after := _run(kc, "1 + 1"))["status"] != "aborted":
                break
            time.sleep(0.1)
        assert after["value"] == "2"
    finally:
        _stop(km, kc)


def test_forked_kernel_ends_with_its_launcher(zygote, tmp_path):
    km, kc = _start(tmp_path)
    pid = int(_run(kc, "import os\nos.getpid()")["value"])
    kc.stop_channels()
    os.kill(km.provisioner.process.pid, signal.SIGKILL)
    deadline = time.monotonic() + 10
    while _alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    km.shutdown_kernel(now=True)
    assert not _alive(pid)


@pytest.mark.parametrize("address", [None, "/nonexistent/zygote.sock"])
def test_without_a_zygote_the_launcher_is_an_ordinary_kernel(tmp_path, monkeypatch, address):
    spec = tmp_path / "kernels" / "python3"
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        '{"argv": ["python", "-m", "helpers.forkkernel", "-f", "{connection_file}"], '
        '"display_name": "Python 3", "language": "python"}'
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path))
    if address is None:
        monkeypatch.delenv(forkkernel.ENV, raising=False)
    else:
        monkeypatch.setenv(forkkernel.ENV, address)
    km, kc = _start(tmp_path)
    try:
        out = _run(
            kc,
            f"import os, sys\n(os.getpid() == {km.provisioner.process.pid}, 'seaborn' in sys.modules)",
        )
    finally:
        _stop(km, kc)
    # exec'd in place of the launcher, and nothing imported beforehand
    assert out["value"] == "(True, False)"


def test_zygote_ends_with_the_process_that_started_it(tmp_path):
    starter = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import subprocess, sys\n"
            "z = subprocess.Popen([sys.executable, '-m', 'helpers.forkkernel', '--serve', "
            f"'{tmp_path / 'z.sock'}'], stdout=subprocess.PIPE, text=True)\n"
            "z.stdout.readline()\n"
            "print(z.pid, flush=True)\n"
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    zygote_pid = int(starter.stdout.readline())
    assert _alive(zygote_pid)
    starter.kill()
    starter.wait()
    deadline = time.monotonic() + 30  # it may still be importing the stack
    while _alive(zygote_pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(zygote_pid)
