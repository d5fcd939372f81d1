using System.Diagnostics;
using SampleMind.TestSupport;

namespace SampleMind.Ingest.Bench;

/// <summary>
/// A throwaway PostgreSQL server from scripts/postgres-test-server.sh, kept alive by a bash that waits
/// on its standard input: disposing (or this process dying) closes it, and the script's exit trap
/// stops the server and deletes its directory.
/// </summary>
internal sealed class TestPostgres : IDisposable
{
    private readonly Process _shell;

    private TestPostgres(Process shell, string connectionString)
    {
        _shell = shell;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static TestPostgres Start()
    {
        var script = Path.Combine(RepoPaths.Root, "scripts", "postgres-test-server.sh");
        var start = new ProcessStartInfo("bash", ["-c", $"source '{script}' >&2 && echo \"$SAMPLEMIND_TEST_POSTGRES\" && read -r _"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        var shell = Process.Start(start)!;
        var line = shell.StandardOutput.ReadLine();
        if (string.IsNullOrWhiteSpace(line))
        {
            shell.WaitForExit();
            throw new InvalidOperationException($"{script} did not start a server (exit code {shell.ExitCode}).");
        }

        return new TestPostgres(shell, line);
    }

    public void Dispose()
    {
        _shell.StandardInput.Close();
        if (!_shell.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            _shell.Kill(entireProcessTree: true);
        }

        _shell.Dispose();
    }
}
