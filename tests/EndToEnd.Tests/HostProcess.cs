using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using SampleMind.TestSupport;

namespace SampleMind.EndToEnd.Tests;

/// <summary>
/// The API host (embedded mode) as a separate process on a loopback port over a given data
/// directory; <see cref="Kill"/> is kill -9, <see cref="DisposeAsync"/> a graceful stop.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

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

    public static async Task<HostProcess> StartAsync(string dataDirectory, IReadOnlyDictionary<string, string> settings)
    {
        var port = BuiltHosts.FreeLoopbackPort();
        var start = new ProcessStartInfo("dotnet", [BuiltHosts.Dll("Api", "SampleMind.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = dataDirectory,
        };
        start.Environment["Urls"] = $"http://127.0.0.1:{port}";
        start.Environment["Silo__DataDirectory"] = Path.Combine(dataDirectory, "data");
        start.Environment["Api__AdminKeyFile"] = Path.Combine(dataDirectory, "data", "admin.key");
        start.Environment["Api__UploadDirectory"] = Path.Combine(dataDirectory, "data", "uploads");
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var host = new HostProcess(Process.Start(start)!, new Uri($"http://127.0.0.1:{port}"));
        host._process.OutputDataReceived += (_, e) => host.Append(e.Data);
        host._process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        host._process.BeginOutputReadLine();
        host._process.BeginErrorReadLine();
        using var probe = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.HoldsAsync(async () =>
        {
            if (host._process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with {host._process.ExitCode}:\n{host.Output}");
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
        }, TimeSpan.FromSeconds(60), "the host to become ready");
        return host;
    }

    /// <summary>Whether the host still runs (or how it exited) and the last lines it wrote, for failure messages.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exited with {_process.ExitCode}" : "is running";
        var lines = Output.Split('\n');
        return $"the host {state}; its last output:\n{string.Join('\n', lines.TakeLast(40))}";
    }

    /// <summary>A client with the admin key the host wrote at first start.</summary>
    public HttpClient CreateAdminClient(string dataDirectory)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(30) };
        var token = File.ReadAllText(Path.Combine(dataDirectory, "data", "admin.key")).Trim();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
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
