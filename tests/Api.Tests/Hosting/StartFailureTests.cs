using System.Diagnostics;
using SampleMind.TestSupport;

namespace SampleMind.Api.Tests.Hosting;

/// <summary>
/// The built host with a bad setting or a damaged database file: it stops with exit code 1 and a line that says what is
/// wrong, not an abort.
/// </summary>
public sealed class StartFailureTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("samplemind-start-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData("Ingest__Concurrency", "0", "Ingest:Concurrency must be at least 1 (it is 0).")]
    [InlineData("Ingest__Concurrency", "many", "Failed to convert configuration value 'many' at 'Ingest:Concurrency'")]
    [InlineData("Silo__DrainDelay", "00:10:00", "Silo:DrainDelay is 00:10:00")]
    public Task A_bad_setting_stops_the_host_with_exit_code_1_and_says_why(string name, string value, string said) =>
        AssertStopsSayingAsync(said, (name, value));

    [Theory]
    [InlineData("samplemind.db")]
    [InlineData("catalog.db")]
    [InlineData("work.db")]
    [InlineData("reminders.db")]
    public async Task A_damaged_database_file_stops_the_host_with_exit_code_1_and_says_which_folder(string file)
    {
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        await File.WriteAllBytesAsync(Path.Combine(data, file), [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        await AssertStopsSayingAsync($"a database file in the data directory ({data}", ("Ingest__Concurrency", "2"));
    }

    private async Task AssertStopsSayingAsync(string said, (string Name, string Value) setting)
    {
        var start = new ProcessStartInfo("dotnet", [BuiltHosts.Dll("Api", "SampleMind.Api.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                [setting.Name] = setting.Value,
                ["Urls"] = $"http://127.0.0.1:{BuiltHosts.FreeLoopbackPort()}",
                ["Silo__DataDirectory"] = Path.Combine(_dir, "data"),
                ["Api__AdminKeyFile"] = Path.Combine(_dir, "admin.key"),
            },
        };
        using var host = Process.Start(start)!;
        var output = host.StandardOutput.ReadToEndAsync();
        var error = await host.StandardError.ReadToEndAsync();
        await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        await output;

        Assert.Equal(1, host.ExitCode);
        var first = error.Split('\n').First(l => l.StartsWith("SampleMind did not start: ", StringComparison.Ordinal));
        Assert.Contains(said, first, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
    }
}
