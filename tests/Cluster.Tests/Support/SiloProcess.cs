using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace SampleMind.Cluster.Tests.Support;

/// <summary>
/// One tests/ClusterSilo host as its own process (the build copies it beside the tests): cluster mode
/// on the given database with the settings of <see cref="TestCluster.Configure"/>. Its stdout lines
/// are collected; <see cref="WaitReadyAsync"/> waits for its READY line, <see cref="StopAsync"/> asks
/// for a graceful leave over stdin and <see cref="Kill"/> is kill -9.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SiloProcess(string siloId, int port, Process process)
    {
        SiloId = siloId;
        Address = $"http://127.0.0.1:{port}";
        _process = process;
    }

    public string SiloId { get; }

    public string Address { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Every stdout line so far.</summary>
    public IReadOnlyList<string> Lines => [.. _lines];

    /// <summary>Starts a silo; <paramref name="settings"/> are extra configuration keys ("Work:Enabled" → "true").</summary>
    public static SiloProcess Start(string connectionString, string siloId, string[] roles, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = TestCluster.FreePort();
        var host = Path.Combine(AppContext.BaseDirectory, "SampleMind.ClusterSilo.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(host);
        var options = new Runtime.Cluster.ClusterOptions();
        TestCluster.Configure(options, connectionString, port);
        var config = new Dictionary<string, string>
        {
            ["Silo:SiloId"] = siloId,
            ["Silo:DataDirectory"] = Path.Combine(Path.GetTempPath(), "samplemind-cluster-tests", siloId + "-" + Guid.NewGuid().ToString("N")[..8]),
            ["Cluster:Mode"] = options.Mode,
            ["Cluster:Partitions"] = options.Partitions.ToString(CultureInfo.InvariantCulture),
            ["Cluster:LeaseDuration"] = options.LeaseDuration.ToString("c"),
            ["Cluster:HeartbeatInterval"] = options.HeartbeatInterval.ToString("c"),
            ["Cluster:SiloTimeout"] = options.SiloTimeout.ToString("c"),
            ["Cluster:AdvertisedAddress"] = options.AdvertisedAddress,
            ["Host:StopOnStdinClose"] = "true",
        };
        for (var i = 0; i < roles.Length; i++)
        {
            config[$"Silo:Roles:{i}"] = roles[i];
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            config[key] = value;
        }

        foreach (var (key, value) in config)
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        // The connection string goes by environment, not on the command line.
        start.Environment["SAMPLEMIND_Cluster__Postgres"] = connectionString;
        if (Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_LOG") == "1")
        {
            start.Environment["SAMPLEMIND_Logging__LogLevel__Default"] = "Information";
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var silo = new SiloProcess(siloId, port, process);
        process.OutputDataReceived += (_, e) => silo.OnOutput(e.Data);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                silo._errors.Enqueue(e.Data);
            }
        };
        process.Exited += (_, _) => silo._ready.TrySetException(new InvalidOperationException(
            $"Silo process {siloId} exited before it was ready:{Environment.NewLine}{silo.Diagnostics()}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits for the READY line (fails at once if the process exits first).</summary>
    public Task WaitReadyAsync() => _ready.Task.WaitAsync(TimeSpan.FromSeconds(90));

    /// <summary>Graceful leave: "stop" on stdin, then waits for a clean exit.</summary>
    public async Task StopAsync()
    {
        await _process.StandardInput.WriteLineAsync("stop");
        await _process.StandardInput.FlushAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Silo process {SiloId} exited with {_process.ExitCode}:{Environment.NewLine}{Diagnostics()}");
        }
    }

    /// <summary>kill -9 (SIGKILL): no hand-off, no goodbye; its leases run out. Returns once the process is gone.</summary>
    public void Kill()
    {
        _process.Kill();
        _process.WaitForExit();
    }

    /// <summary>The last lines of stdout and stderr, for failure messages.</summary>
    public string Diagnostics() =>
        string.Join(Environment.NewLine, _lines.TakeLast(10).Concat(_errors.TakeLast(40)));

    private void OnOutput(string? line)
    {
        if (line is null)
        {
            return;
        }

        _lines.Enqueue(line);
        if (line.StartsWith("READY ", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        _process.Dispose();
    }
}
