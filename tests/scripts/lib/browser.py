#!/usr/bin/env python3
"""Opens a local HTML page in Debian's headless Chromium, offline, and reports what a person
would get: the rendered DOM (a probe script's JSON), console errors and uncaught exceptions,
every request the page made, the time until the page's script marked <body data-ready>, and
a screenshot (PNG) with its number of distinct colours.

Chromium is driven over the DevTools protocol on a pipe (--remote-debugging-pipe: fds 3/4),
so no port is opened; networking is disabled (host resolver maps everything to nothing and a
proxy to nowhere). Standard library only.

usage: browser.py PAGE.html [--probe JS] [--screenshot OUT.png] [--size 1400x1000] [--mobile]
                  [--pdf OUT.pdf] [--media print] [--timeout SECONDS]
prints one JSON object on stdout; exit 2 when chromium is missing, 1 on a timeout.
"""
import argparse, base64, json, os, shutil, struct, subprocess, sys, tempfile, time, zlib


def chromium_binary():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    def __init__(self, width, height):
        self.profile = tempfile.mkdtemp(prefix="coverage-chromium-")
        to_chrome_r, self.to_chrome = os.pipe()
        self.from_chrome, from_chrome_w = os.pipe()

        def child_fds():  # Chromium reads commands on fd 3 and writes replies on fd 4
            a, b = os.dup(to_chrome_r), os.dup(from_chrome_w)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [chromium_binary(), "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-default-apps", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--metrics-recording-only", "--mute-audio", "--hide-scrollbars",
                "--host-resolver-rules=MAP * ~NOTFOUND", "--proxy-server=http://127.0.0.1:9", "--proxy-bypass-list=<-loopback>",
                f"--window-size={width},{height}", f"--user-data-dir={self.profile}",
                "--remote-debugging-pipe", "about:blank"]
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     close_fds=False, preexec_fn=child_fds)
        os.close(to_chrome_r)
        os.close(from_chrome_w)
        self.buffer = b""
        self.next_id = 0
        self.events = []

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        shutil.rmtree(self.profile, ignore_errors=True)

    def read_message(self, deadline):
        while b"\0" not in self.buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from chromium")
            chunk = os.read(self.from_chrome, 1 << 20)
            if not chunk:
                raise RuntimeError("chromium closed the pipe")
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def send(self, method, params=None, session=None, timeout=60):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self.to_chrome, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self.read_message(deadline)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self.events.append(reply)

    def wait_event(self, method, timeout):
        deadline = time.monotonic() + timeout
        for i, e in enumerate(self.events):
            if e.get("method") == method:
                return self.events.pop(i)
        while True:
            e = self.read_message(deadline)
            if e.get("method") == method:
                return e
            self.events.append(e)


def png_colours(data):
    """Distinct RGB(A) colours of an 8-bit RGB/RGBA PNG (what Chromium writes)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, height, colour_type = 8, b"", 0, 0, 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour_type = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour_type in (2, 6), (depth, colour_type)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if colour_type == 6 else 3
    raw, stride = zlib.decompress(idat), width * bpp
    previous, colours, at = bytearray(stride), set(), 0
    for _ in range(height):
        f, line = raw[at], bytearray(raw[at + 1:at + 1 + stride])
        at += 1 + stride
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = previous[i]
            c = previous[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        previous = line
    return width, height, len(colours)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("page")
    ap.add_argument("--probe", default="'{}'")
    ap.add_argument("--screenshot")
    ap.add_argument("--pdf")
    ap.add_argument("--size", default="1400x1000")
    ap.add_argument("--mobile", action="store_true")
    ap.add_argument("--full-page", action="store_true")
    ap.add_argument("--media", help="emulate a CSS media type for the probe and screenshot (e.g. print)")
    ap.add_argument("--timeout", type=float, default=120)
    a = ap.parse_args()
    if not chromium_binary():
        print("chromium is not installed", file=sys.stderr)
        return 2
    width, height = (int(v) for v in a.size.split("x"))
    url = "file://" + os.path.abspath(a.page)
    b = Browser(width, height)
    try:
        target = b.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        s = b.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Page", "Runtime", "Network", "Log"):
            b.send(f"{domain}.enable", session=s)
        b.send("Emulation.setDeviceMetricsOverride", {"width": width, "height": height, "deviceScaleFactor": 1,
                                                       "mobile": a.mobile}, session=s)
        start = time.monotonic()
        b.send("Page.navigate", {"url": url}, session=s)
        b.wait_event("Page.loadEventFired", a.timeout)
        load_s = time.monotonic() - start
        ready = None
        while time.monotonic() - start < a.timeout:
            r = b.send("Runtime.evaluate", {"expression": "document.body && document.body.getAttribute('data-ready')",
                                            "returnByValue": True}, session=s)
            if r.get("result", {}).get("value") == "true":
                ready = time.monotonic() - start
                break
            time.sleep(0.05)
        if a.media:
            b.send("Emulation.setEmulatedMedia", {"media": a.media}, session=s)
        time.sleep(0.3)  # let the canvas paint
        probe = b.send("Runtime.evaluate", {"expression": a.probe, "returnByValue": True, "awaitPromise": True},
                       session=s, timeout=a.timeout)
        if "exceptionDetails" in probe:
            raise RuntimeError(f"probe failed: {probe['exceptionDetails']}")
        out = {"load_s": round(load_s, 3), "ready_s": None if ready is None else round(ready, 3),
               "probe": json.loads(probe["result"]["value"])}
        if a.screenshot:
            params = {"format": "png"}
            if a.full_page:
                params["captureBeyondViewport"] = True
                metrics = b.send("Page.getLayoutMetrics", session=s)["cssContentSize"]
                params["clip"] = {"x": 0, "y": 0, "width": width, "height": metrics["height"], "scale": 1}
            png = base64.b64decode(b.send("Page.captureScreenshot", params, session=s)["data"])
            with open(a.screenshot, "wb") as f:
                f.write(png)
            w, h, n = png_colours(png)
            out["screenshot"] = {"width": w, "height": h, "colours": n}
        if a.pdf:
            pdf = base64.b64decode(b.send("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True},
                                          session=s, timeout=a.timeout)["data"])
            with open(a.pdf, "wb") as f:
                f.write(pdf)
        # Everything the page reported or requested on the way.
        b.send("Runtime.evaluate", {"expression": "1"}, session=s)
        errors, requests = [], []
        for e in b.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Network.requestWillBeSent":
                requests.append(p["request"]["url"])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append("console: " + " ".join(str(x.get("value", x.get("description", ""))) for x in p.get("args", [])))
            elif m == "Runtime.exceptionThrown":
                d = p["exceptionDetails"]
                errors.append("exception: " + d.get("exception", {}).get("description", d.get("text", "")))
            elif m == "Log.entryAdded" and p["entry"]["level"] == "error":
                errors.append("log: " + p["entry"]["text"] + " " + p["entry"].get("url", ""))
        out["errors"] = errors
        out["requests"] = requests
        out["page_url"] = url
        print(json.dumps(out))
        return 0 if ready is not None else 1
    finally:
        b.close()


if __name__ == "__main__":
    sys.exit(main())
