using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SampleMind.Api.Tests.Cli;

/// <summary>What a run of the CLI left: its exit code, standard output and standard error.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>
/// The built <c>samplemind</c> CLI (the build copies it beside the tests) run as a process, its output redirected as
/// into a pipe, in a terminal's environment (<c>TERM</c> set, <c>NO_COLOR</c> not), without the address or key of the
/// environment: so its exit codes, its error lines and what it writes into a pipe are what a user's shell gets.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    /// <summary>How long a run may take before the test fails.</summary>
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();
    private readonly Task _reading;

    private CliProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(CopyAsync(process.StandardOutput, _out), CopyAsync(process.StandardError, _error));
    }

    /// <summary>Standard output so far.</summary>
    public string Out
    {
        get
        {
            lock (_out)
            {
                return _out.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] args) => Start(new Dictionary<string, string>(), args);

    /// <summary>As <see cref="Start(string[])"/>, with <paramref name="environment"/>'s variables set (an empty value set as empty).</summary>
    public static CliProcess Start(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "samplemind.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("SAMPLEMIND_API");
        start.Environment.Remove("SAMPLEMIND_API_KEY");
        start.Environment.Remove("NO_COLOR");
        start.Environment["TERM"] = "xterm-256color";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new CliProcess(Process.Start(start)!);
    }

    public static Task<CliRun> RunAsync(params string[] args) => RunAsync(new Dictionary<string, string>(), args);

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var cli = Start(environment, args);
        return await cli.ExitAsync();
    }

    /// <summary>Sends SIGTERM, which System.CommandLine turns into the command's cancellation, as it does Ctrl-C's SIGINT.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the CLI to exit (killing it and failing after <see cref="Deadline"/>).</summary>
    public async Task<CliRun> ExitAsync()
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The CLI did not exit within {Deadline.TotalSeconds} s; its output: {Out}");
        }

        await _reading;
        lock (_error)
        {
            return new CliRun(_process.ExitCode, Out, _error.ToString());
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }

    private static async Task CopyAsync(StreamReader reader, StringBuilder text)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (text)
            {
                text.Append(buffer, 0, read);
            }
        }
    }
}
