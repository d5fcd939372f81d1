using System.Diagnostics;
using System.Text;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// The real API host (Api/bin/Release/net10.0/SampleMind.Api.dll) in embedded mode as a separate
/// process: a fresh data directory in a temp folder, a loopback port, the admin key file written at
/// first start, and the folder to ingest granted to the operator tenant. Dispose kills it and deletes the folder.
/// </summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EmbeddedHost(Process process, Uri address, string root)
    {
        _process = process;
        Address = address;
        Root = root;
    }

    public Uri Address { get; }

    public string Root { get; }

    public string AdminKeyFile => Path.Combine(Root, "data", "admin.key");

    public string AdminKey => File.ReadAllText(AdminKeyFile).Trim();

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

    public static async Task<EmbeddedHost> StartAsync(IReadOnlyDictionary<string, string> settings, TimeSpan timeout)
    {
        var root = Directory.CreateTempSubdirectory("samplemind-ingest-bench-").FullName;
        var address = new Uri($"http://127.0.0.1:{BuiltHosts.FreeLoopbackPort()}");
        var start = new ProcessStartInfo("dotnet", [BuiltHosts.Dll("Api", "SampleMind.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = root,
        };
        start.Environment["Urls"] = address.ToString().TrimEnd('/');
        start.Environment["Silo__DataDirectory"] = Path.Combine(root, "data");
        start.Environment["Api__AdminKeyFile"] = Path.Combine(root, "data", "admin.key");
        start.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var host = new EmbeddedHost(Process.Start(start)!, address, root);
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        try
        {
            await host.WaitReadyAsync(timeout);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held for a moment after the kill: the temp folder is reclaimed later.
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var probe = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.HoldsAsync(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                // The host writes the token and a newline; a partial file has no newline yet.
                return (await probe.GetAsync("/v1/health/ready")).IsSuccessStatusCode
                    && File.Exists(AdminKeyFile) && (await File.ReadAllTextAsync(AdminKeyFile)).EndsWith('\n');
            }
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, timeout, "the embedded host to become ready and write its admin key");
    }



    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
