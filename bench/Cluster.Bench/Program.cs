using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using SampleMind.Cluster.Bench;
using SampleMind.Runtime;

// Cross-silo grain calls on loopback: silo A (role api, this process) calls EchoGrain, which is
// placed on role gpu, so every grain lives on silo B (a second process started from this program
// with the argument "silo"). Both share a fresh schema of the PostgreSQL server.
//   dotnet run -c Release --project bench/Cluster.Bench -- [--postgres CS] [--seconds 10] [--runs 3]
//       [--callers 256] [--rate 10000] [--grains 1000] [--warmup 6] [--in-process]
// Without --postgres the server comes from SAMPLEMIND_TEST_POSTGRES.
const string PostgresVariable = "SAMPLEMIND_TEST_POSTGRES";
const string ChildPostgresVariable = "SAMPLEMIND_BENCH_POSTGRES";

var options = BenchOptions.Parse(args);
if (options.Silo)
{
    // Child: silo B. The connection string comes in the environment (never on the command line).
    var host = await BenchSilo.StartAsync("bench-b", "gpu", Environment.GetEnvironmentVariable(ChildPostgresVariable)!, options.Port);
    Console.WriteLine("ready");
    Console.Out.Flush();
    while (Console.In.ReadLine() is not null)
    {
    }

    await host.StopAsync();
    host.Dispose();
    return 0;
}

var server = options.Postgres ?? Environment.GetEnvironmentVariable(PostgresVariable);
if (string.IsNullOrWhiteSpace(server))
{
    Console.Error.WriteLine($"No PostgreSQL server: pass --postgres \"Host=...;Port=...;Username=...;Database=...\" or set {PostgresVariable}.");
    return 2;
}

var schema = "bench_" + Guid.NewGuid().ToString("N")[..12];
await using (var admin = new NpgsqlConnection(server))
{
    await admin.OpenAsync();
    await using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", admin);
    await create.ExecuteNonQueryAsync();
}

var postgres = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 20 }.ConnectionString;
Process? child = null;
IHost? siloB = null;
IHost? siloA = null;
try
{
    var portB = BenchSilo.FreePort();
    if (options.InProcess)
    {
        siloB = await BenchSilo.StartAsync("bench-b", "gpu", postgres, portB);
    }
    else
    {
        child = StartChild(postgres, portB);
    }

    siloA = await BenchSilo.StartAsync("bench-a", "api", postgres, BenchSilo.FreePort());
    var grains = siloA.Services.GetRequiredService<IGrainFactory>();
    var keys = Enumerable.Range(0, options.Grains).Select(i => grains.GetGrain<IEchoGrain>("g" + i.ToString(CultureInfo.InvariantCulture))).ToArray();
    await WarmUpAsync(keys, options);

    var cpu = new CpuMeter(child);
    var throughput = new List<LoadRun.Throughput>();
    for (var run = 0; run < options.Runs; run++)
    {
        cpu.Start();
        var result = await LoadRun.ClosedLoopAsync(keys, options.Callers, TimeSpan.FromSeconds(options.Seconds));
        throughput.Add(result with { CpuMicrosPerCall = cpu.MicrosPerCall(result.Calls), BytesPerCall = cpu.BytesPerCall(result.Calls) });
        Console.WriteLine(result.Describe() + $", {throughput[^1].CpuMicrosPerCall:0.0} µs CPU/call, {throughput[^1].BytesPerCall:0} B allocated/call");
    }

    var latency = new List<LoadRun.Latency>();
    for (var run = 0; run < options.Runs; run++)
    {
        cpu.Start();
        var result = await LoadRun.OpenLoopAsync(keys, options.Rate, TimeSpan.FromSeconds(options.Seconds));
        latency.Add(result with { CpuMicrosPerCall = cpu.MicrosPerCall(result.Calls) });
        Console.WriteLine(result.Describe() + $", {latency[^1].CpuMicrosPerCall:0.0} µs CPU/call");
    }

    Console.WriteLine();
    Console.WriteLine($"Cross-silo calls, 2 silos on loopback ({(options.InProcess ? "both in this process" : "silo B in its own process")}), " +
        $"{Environment.ProcessorCount} cores, {options.Runs} runs of {options.Seconds} s, {options.Grains} grains on silo B");
    Console.WriteLine("| measure | min | median | max | goal |");
    Console.WriteLine("|---|---|---|---|---|");
    Row($"throughput, {options.Callers} concurrent callers (calls/s)", throughput.Select(t => t.CallsPerSecond), "0", "≥ 20,000");
    Row($"p50 at {options.Rate:0} calls/s (ms)", latency.Select(l => l.P50), "0.00", "");
    Row($"p99 at {options.Rate:0} calls/s (ms)", latency.Select(l => l.P99), "0.00", "< 5");
    Row($"p99.9 at {options.Rate:0} calls/s (ms)", latency.Select(l => l.P999), "0.00", "");
    Row($"max at {options.Rate:0} calls/s (ms)", latency.Select(l => l.Max), "0.00", "");
    Row($"achieved rate (calls/s)", latency.Select(l => l.AchievedRate), "0", "");
    Row("CPU per call, both silos, closed loop (µs)", throughput.Select(t => t.CpuMicrosPerCall), "0.0", "");
    Row($"allocated per call, {(options.InProcess ? "both silos" : "silo A")}, closed loop (B)", throughput.Select(t => t.BytesPerCall), "0", "");
    var failed = throughput.Sum(t => t.Failed) + latency.Sum(l => l.Failed);
    Console.WriteLine($"failed calls: {failed}");
    return failed == 0 ? 0 : 1;
}
finally
{
    if (siloA is not null)
    {
        await siloA.StopAsync();
        siloA.Dispose();
    }

    if (siloB is not null)
    {
        await siloB.StopAsync();
        siloB.Dispose();
    }

    if (child is not null)
    {
        child.StandardInput.Close();
        if (!child.WaitForExit(TimeSpan.FromSeconds(30)))
        {
            child.Kill();
        }

        child.Dispose();
    }

    await using var admin = new NpgsqlConnection(server);
    await admin.OpenAsync();
    await using var drop = new NpgsqlCommand($"DROP SCHEMA {schema} CASCADE", admin);
    await drop.ExecuteNonQueryAsync();
}

static Process StartChild(string postgres, int port)
{
    var start = new ProcessStartInfo
    {
        RedirectStandardInput = true,
        RedirectStandardOutput = true,
        UseShellExecute = false,
    };
    var self = Environment.ProcessPath!;
    if (Path.GetFileNameWithoutExtension(self) == "dotnet")
    {
        start.FileName = self;
        start.ArgumentList.Add(typeof(BenchSilo).Assembly.Location);
    }
    else
    {
        start.FileName = self;
    }

    start.ArgumentList.Add("silo");
    start.ArgumentList.Add("--port");
    start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
    start.Environment[ChildPostgresVariable] = postgres;
    var child = Process.Start(start)!;
    var line = child.StandardOutput.ReadLine();
    if (line != "ready")
    {
        child.Kill();
        throw new InvalidOperationException($"Silo B did not start (it said: {line ?? "nothing"}).");
    }

    return child;
}

// Until silo A knows silo B owns the gpu ring, calls retry inside the runtime; activate every grain once,
// then load both silos (closed, then open loop) so the JIT has tiered up before anything is measured.
static async Task WarmUpAsync(IEchoGrain[] keys, BenchOptions options)
{
    foreach (var chunk in keys.Chunk(100))
    {
        await Task.WhenAll(chunk.Select(k => k.Echo(0)));
    }

    await LoadRun.ClosedLoopAsync(keys, options.Callers, TimeSpan.FromSeconds(options.WarmUp / 2));
    await LoadRun.OpenLoopAsync(keys, options.Rate, TimeSpan.FromSeconds(options.WarmUp / 2));
}

static void Row(string name, IEnumerable<double> values, string format, string goal)
{
    var sorted = values.Order().ToArray();
    string F(double v) => v.ToString(format, CultureInfo.InvariantCulture);
    Console.WriteLine($"| {name} | {F(sorted[0])} | {F(sorted[sorted.Length / 2])} | {F(sorted[^1])} | {goal} |");
}
