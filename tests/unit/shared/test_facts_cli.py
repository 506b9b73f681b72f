"""`recruitwatch facts` against small HTTP servers on loopback: a sink not ready yet, a refused filter, an
answer that is not the facts JSON — each a clear message and exit status, never a traceback."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from services.cli import main

ANSWERS = {
    "/a/facts": (503, b'{"ready": false, "count": 1, "facts": [{"metric": "admitted", "value": 625, "org": "X"}]}'),
    "/b/facts": (400, b'{"error": "unknown filters [\'colour\']"}'),
    "/c/facts": (200, b"<html>not the sink</html>"),
}


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        status, body = ANSWERS.get(self.path.split("?")[0], (404, b""))
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_a_sink_not_ready_prints_what_it_has_warns_and_exits_1(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--url", server + "/a", "--format", "csv"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[1].startswith(",admitted,,625,")
    assert "the sink is not ready" in err and "may be incomplete" in err


def test_a_refused_question_and_a_wrong_answer_are_clear_errors(server: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["facts", "--url", server + "/b"]) == 2
    assert "HTTP 400" in capsys.readouterr().err
    assert main(["facts", "--url", server + "/c"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "is not the facts JSON" in err
