using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace SampleMind.TestSupport;

/// <summary>
/// N real API host processes (<c>Api/bin/&lt;configuration&gt;/net10.0/SampleMind.Api.dll</c>) serving as
/// one cluster (<c>Cluster:Mode=cluster</c>) on a fresh schema of the PostgreSQL test server
/// (<c>SAMPLEMIND_TEST_POSTGRES</c>). Each silo has its own loopback HTTP port, cluster port, data
/// directory and stable silo id (<c>silo-0</c>, <c>silo-1</c>, ...); all share one blob directory
/// (<see cref="SharedDirectory"/>) and one admin key, which whichever silo bootstraps first writes there.
/// <code>
/// await using var cluster = await ApiClusterProcesses.StartAsync(new ApiClusterOptions
/// {
///     Silos = 3,
///     Roles = i => i == 2 ? ["gpu"] : null,                       // null: every role
///     Settings = { ["Ingest:Roots:admin:0"] = RepoPaths.SamplesDev },
/// });
/// using var client = cluster.CreateAdminClient(0);                // Bearer admin key, silo 0's address
/// cluster.Kill(1);                                                // kill -9, no shutdown code runs
/// await cluster.StopAsync(0);                                     // SIGTERM: graceful shutdown, waits for the exit
/// await cluster.RestartAsync(1);                                  // same ports, data dir and silo id
/// </code>
/// Start and restart return once every started silo answers <c>/v1/health/ready</c> (polling, no sleeps)
/// and the admin key exists. Dispose kills every process, deletes the directories and drops the schema.
/// The calling test project must reference Api.csproj (<c>ReferenceOutputAssembly="false"</c>) so the host is built.
/// Set <c>SAMPLEMIND_TEST_LOG=1</c> to echo the silos' output to the test's console.
/// </summary>
public sealed class ApiClusterProcesses : IAsyncDisposable
{
    private readonly ApiClusterOptions _options;
    private readonly List<ApiSiloProcess> _silos = [];

    private ApiClusterProcesses(ApiClusterOptions options, string root, string connectionString)
    {
        _options = options;
        Root = root;
        ConnectionString = connectionString;
    }

    /// <summary>The temporary folder holding every silo's directories and <see cref="SharedDirectory"/>.</summary>
    public string Root { get; }

    /// <summary>The blob directory every silo shares (<c>Silo:SharedDirectory</c>): uploads, shards, compute outputs, admin.key.</summary>
    public string SharedDirectory => Path.Combine(Root, "shared");

    /// <summary>Npgsql connection string of the cluster's schema (membership, leases, grain state, queue, catalogue).</summary>
    public string ConnectionString { get; }

    /// <summary>The silos by index, running or killed.</summary>
    public IReadOnlyList<ApiSiloProcess> Silos => _silos;

    /// <summary>The operator tenant's admin key (bearer token).</summary>
    public string AdminKey { get; private set; } = "";

    /// <summary>Starts <see cref="ApiClusterOptions.Silos"/> silos at once on a new schema and waits until all are ready.</summary>
    public static async Task<ApiClusterProcesses> StartAsync(ApiClusterOptions? options = null)
    {
        options ??= new ApiClusterOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Silos, 1);
        var connectionString = await PostgresTestSchema.CreateAsync("api_");
        var cluster = new ApiClusterProcesses(options, Directory.CreateTempSubdirectory("samplemind-cluster-").FullName, connectionString);
        try
        {
            Directory.CreateDirectory(cluster.SharedDirectory);
            for (var i = 0; i < options.Silos; i++)
            {
                cluster._silos.Add(new ApiSiloProcess(i, BuiltHosts.FreeLoopbackPort(), BuiltHosts.FreeLoopbackPort(), Path.Combine(cluster.Root, "silo-" + i)));
            }

            foreach (var silo in cluster._silos)
            {
                cluster.Launch(silo);
            }

            await Task.WhenAll(cluster._silos.Select(s => s.WaitReadyAsync(options.StartTimeout)));
            await cluster.ReadAdminKeyAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of one silo (and its child processes); nothing of its shutdown runs.</summary>
    public void Kill(int silo) => _silos[silo].Kill();

    /// <summary>
    /// Graceful stop of one silo: SIGTERM, then waits until the process has run its shutdown and exited
    /// (a silo that is still running after <paramref name="timeout"/>, default 1 minute, is killed and this throws).
    /// </summary>
    public Task StopAsync(int silo, TimeSpan? timeout = null) => _silos[silo].StopAsync(timeout ?? TimeSpan.FromMinutes(1));

    /// <summary>Starts a killed (or stopped) silo again with the same ports, data directory and silo id; waits until it is ready.</summary>
    public async Task RestartAsync(int silo)
    {
        var process = _silos[silo];
        if (process.IsRunning)
        {
            throw new InvalidOperationException($"Silo {silo} is running: kill it first.");
        }

        Launch(process);
        await process.WaitReadyAsync(_options.StartTimeout);
    }

    /// <summary>A client of one silo's HTTP API with the admin key (30 s timeout).</summary>
    public HttpClient CreateAdminClient(int silo)
    {
        var client = new HttpClient { BaseAddress = _silos[silo].Address, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    /// <summary>Every silo's captured output, for a failing test's message.</summary>
    public string Output() => string.Join("\n", _silos.Select(s => $"===== silo-{s.Index} =====\n{s.Output}"));

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A process that just died may still hold a file for a moment; the temp folder is reclaimed later.
        }

        await PostgresTestSchema.DropAsync(ConnectionString);
    }

    private void Launch(ApiSiloProcess silo)
    {
        var settings = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["Urls"] = silo.Address.ToString().TrimEnd('/'),
            ["Cluster:Mode"] = "cluster",
            ["Cluster:Postgres"] = ConnectionString,
            ["Cluster:AdvertisedAddress"] = $"http://127.0.0.1:{silo.ClusterPort}",
            ["Cluster:Partitions"] = "16",
            ["Cluster:LeaseDuration"] = "00:00:10",
            ["Cluster:HeartbeatInterval"] = "00:00:01",
            ["Cluster:SiloTimeout"] = "00:00:08",
            ["Silo:SiloId"] = "silo-" + silo.Index.ToString(CultureInfo.InvariantCulture),
            ["Silo:DataDirectory"] = silo.DataDirectory,
            ["Silo:SharedDirectory"] = SharedDirectory,
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
        };
        if (_options.Roles?.Invoke(silo.Index) is { } roles)
        {
            for (var r = 0; r < roles.Count; r++)
            {
                settings[$"Silo:Roles:{r}"] = roles[r];
            }
        }

        foreach (var (key, value) in _options.Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in _options.SiloSettings?.Invoke(silo.Index) ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        Directory.CreateDirectory(silo.DataDirectory);
        var start = new ProcessStartInfo("dotnet", [BuiltHosts.Dll("Api", "SampleMind.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = silo.DataDirectory,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        silo.Start(start);
    }

    private async Task ReadAdminKeyAsync()
    {
        var path = Path.Combine(SharedDirectory, "admin.key");
        await Eventually.HoldsAsync(() =>
        {
            // The bootstrapping silo writes the token and a newline; a partial file has no newline yet.
            var text = File.Exists(path) ? File.ReadAllText(path) : "";
            AdminKey = text.Trim();
            return text.EndsWith('\n') && AdminKey.Length > 0;
        }, _options.StartTimeout, $"a silo to write the admin key to {path}");
    }


}

/// <summary>What <see cref="ApiClusterProcesses.StartAsync"/> starts.</summary>
public sealed class ApiClusterOptions
{
    /// <summary>How many silos (default 3).</summary>
    public int Silos { get; init; } = 3;

    /// <summary>Roles of silo i (<c>Silo:Roles</c>); null, or null for a silo: every role.</summary>
    public Func<int, IReadOnlyList<string>?>? Roles { get; init; }

    /// <summary>
    /// Configuration for every silo, keys as in appsettings ("Ingest:Concurrency"); they win over the
    /// cluster defaults (16 partitions, 10 s leases, 1 s heartbeats, 8 s silo timeout).
    /// </summary>
    public Dictionary<string, string> Settings { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Configuration for silo i only; wins over <see cref="Settings"/>.</summary>
    public Func<int, IReadOnlyDictionary<string, string>>? SiloSettings { get; init; }

    /// <summary>How long a silo may take to become ready (default 2 minutes: a loaded 2-core machine).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromMinutes(2);
}

/// <summary>One API host process of an <see cref="ApiClusterProcesses"/>.</summary>
public sealed class ApiSiloProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly bool _echo = Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_LOG") == "1";
    private Process? _process;

    internal ApiSiloProcess(int index, int httpPort, int clusterPort, string directory)
    {
        Index = index;
        Address = new Uri($"http://127.0.0.1:{httpPort}");
        ClusterPort = clusterPort;
        DataDirectory = Path.Combine(directory, "data");
    }

    /// <summary>Position in <see cref="ApiClusterProcesses.Silos"/>; the silo id is "silo-" and this.</summary>
    public int Index { get; }

    /// <summary>The HTTP API's address (loopback).</summary>
    public Uri Address { get; }

    /// <summary>The silo-to-silo port (loopback).</summary>
    public int ClusterPort { get; }

    /// <summary>This silo's own data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>True while the process runs.</summary>
    public bool IsRunning
    {
        get
        {
            var process = _process;
            try
            {
                return process is { HasExited: false };
            }
            catch (InvalidOperationException)
            {
                return false; // a previous process disposed by a restart on another thread
            }
        }
    }

    /// <summary>The output of every start of this silo.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    internal void Start(ProcessStartInfo start)
    {
        var previous = _process;
        Append($"--- start {DateTime.UtcNow:HH:mm:ss.fff} ---");
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        previous?.Dispose(); // after the swap: other threads asking IsRunning see the new process
    }

    internal async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            if (_process is not { } process || process.HasExited)
            {
                throw new InvalidOperationException($"silo-{Index} exited with {_process?.ExitCode}:\n{Output}");
            }

            try
            {
                return (await probe.GetAsync("/v1/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, timeout, $"silo-{Index} to become ready");
    }

    internal async Task StopAsync(TimeSpan timeout)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))!)
        {
            await signal.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(wait.Token);
            Append($"--- stopped {DateTime.UtcNow:HH:mm:ss.fff} (exit code {process.ExitCode}) ---");
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"silo-{Index} did not stop within {timeout} of SIGTERM:\n{Output}");
        }
    }

    internal void Kill()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Append($"--- killed {DateTime.UtcNow:HH:mm:ss.fff} ---");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }

            process.Dispose();
            _process = null;
        }
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (_echo)
        {
            Console.WriteLine($"[silo-{Index}] {line}");
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
