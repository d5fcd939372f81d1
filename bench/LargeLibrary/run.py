"""Ingests a large library into the embedded API host and times what its users then do with it.

usage: python3 bench/LargeLibrary/run.py [HOST_DIR] [FOLDER] [DATA_DIR]
  HOST_DIR  the built API host (default Api/bin/Release/net10.0; build it with dotnet build -c Release Api)
  FOLDER    the library (default ./large-library, e.g. from make_tones.py)
  DATA_DIR  a fresh data directory for the host (default ./large-library-data)
Prints the job's progress every 10 s (files done, rate, the host's resident memory, the status call's latency), then
the latency of the library's overview, listings, results export, searches, similar, duplicates and one deletion.
"""
import json
import os
import subprocess
import sys
import time
import urllib.request

BASE = "http://127.0.0.1:5501"


def main():
    host = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "Api/bin/Release/net10.0")
    folder = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "large-library")
    data = os.path.abspath(sys.argv[3] if len(sys.argv) > 3 else "large-library-data")
    os.makedirs(data, exist_ok=True)
    env = dict(os.environ, ASPNETCORE_CONTENTROOT=host, Urls=BASE, Ingest__Roots__admin__0=folder, Silo__DataDirectory=data,
               Api__AdminKeyFile=os.path.join(data, "admin.key"), Api__UploadDirectory=os.path.join(data, "uploads"))
    with open(os.path.join(data, "host.log"), "w") as log:
        server = subprocess.Popen(["dotnet", os.path.join(host, "SampleMind.Api.dll")], env=env, stdout=log, stderr=log)
        try:
            measure(server.pid, folder, data)
        finally:
            server.terminate()
            server.wait(timeout=60)


def measure(pid, folder, data):
    for _ in range(240):
        try:
            urllib.request.urlopen(BASE + "/v1/health/ready", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    key = open(os.path.join(data, "admin.key")).read().strip()
    call = lambda method, path, body=None, raw=False: request(key, method, path, body, raw)
    start = time.time()
    job = call("POST", "/v1/libraries/big/ingests", {"source": {"kind": "directory", "path": folder}, "level": "standard"})[0]["jobId"]
    peak = 0
    while True:
        time.sleep(10)
        status, latency = call("GET", "/v1/jobs/" + job)
        memory = resident_mib(pid)
        peak = max(peak, memory)
        print(f"{time.time() - start:6.0f} s {status['state']} done {status['succeeded']} failed {status['failed']} of {status['listed']}"
              f" rate {status['filesPerSecond']:.0f}/s rss {memory} MiB status {latency * 1000:.0f} ms", flush=True)
        if status["state"] in ("Completed", "Cancelled"):
            break
    print(f"job: {time.time() - start:.1f} s, peak rss {peak} MiB", flush=True)
    for path in ["/v1/libraries/big", "/v1/libraries", "/v1/libraries/big/samples?limit=1000",
                 "/v1/libraries/big/samples?limit=1000&type=one-shot&bpmMin=100&bpmMax=140"]:
        print(f"GET {path}: {call('GET', path)[1] * 1000:.0f} ms", flush=True)
    print(f"results csv: {call('GET', '/v1/jobs/' + job + '/results?format=csv', raw=True)[1] * 1000:.0f} ms", flush=True)
    for text in ["bright sine", "dark one-shot in C", "sub heavy 120 bpm"]:
        hits, latency = call("POST", "/v1/libraries/big/search", {"text": text, "k": 20})
        print(f"search '{text}': {len(hits['hits'])} hits, {latency * 1000:.0f} ms", flush=True)
    sample = call("GET", "/v1/libraries/big/samples?limit=1")[0]["items"][0]["sampleId"]
    for what in ["similar?k=10", "duplicates"]:
        hits, latency = call("GET", f"/v1/samples/{sample}/{what}")
        print(f"{what}: {len(hits['hits'])} hits, {latency * 1000:.0f} ms", flush=True)
    print(f"delete one sample: {call('DELETE', f'/v1/samples/{sample}', raw=True)[1] * 1000:.0f} ms", flush=True)
    print(f"rss at the end: {resident_mib(pid)} MiB", flush=True)


def request(key, method, path, body, raw):
    data = json.dumps(body).encode() if body is not None else None
    message = urllib.request.Request(BASE + path, data=data, method=method,
                                     headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
    started = time.time()
    with urllib.request.urlopen(message, timeout=600) as response:
        answer = response.read()
    return (answer if raw else json.loads(answer)), time.time() - started


def resident_mib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS"):
                return int(line.split()[1]) // 1024
    return 0


if __name__ == "__main__":
    main()
