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
    [InlineData("Api__StreamKeepAlive", "00:10:00", "Api:StreamKeepAlive must be between 00:00:01 and 00:05:00 (it is 00:10:00).")]
    [InlineData("Api__MaxLiveSessionsPerTenant", "0", "Api:MaxLiveSessionsPerTenant must be between 1 and 10000 (it is 0).")]
    [InlineData("Api__SessionIdleCloseAfter", "00:00:30", "Api:SessionIdleCloseAfter must be between 00:01:00 and 365.00:00:00 (it is 00:00:30).")]
    [InlineData("Api__MaxVariationLength", "02:00:00", "Api:MaxVariationLength must be between 00:00:01 and 01:00:00 (it is 02:00:00).")]
    [InlineData("Audio__MaxDuration", "00:01:00", "Audio:MaxDuration is not a setting: this section is AudioAnalyzerOptions (AudioAnalyzerOptions:MaxDuration).")]
    [InlineData("AudioAnalyzerOptions__MaxDuration", "00:00:00", "AudioAnalyzerOptions:MaxDuration must be positive and at most 12 hours")]
    [InlineData("Webhooks__AllowedHosts", "example.com", "Webhooks:AllowedHosts takes a list, not the single value 'example.com': give each item its own index, Webhooks__AllowedHosts__0=example.com")]
    [InlineData("Silo__Roles", "cpu", "Silo:Roles takes a list, not the single value 'cpu': give each item its own index, Silo__Roles__0=cpu")]
    [InlineData("Ingest__Roots__admin", "/srv", "Ingest:Roots:admin takes a list, not the single value '/srv': give each item its own index, Ingest__Roots__admin__0=/srv")]
    [InlineData("Ingest__Extensions__0", "xyz", "Ingest:Extensions has 'xyz': an extension starts with its dot ('.xyz').")]
    [InlineData("AudioAnalyzerOptions__SilenceThresholdDb", "10", "AudioAnalyzerOptions:SilenceThresholdDb must be below 0 dBFS, e.g. -60 (it is 10)")]
    public async Task A_bad_setting_stops_the_host_with_exit_code_1_and_says_why(string name, string value, string said)
    {
        var (_, log) = await AssertStopsSayingAsync(said, (name, value));

        // Checked before the host starts: not logged first as the host's "Hosting failed to start" with a stack trace.
        Assert.DoesNotContain("Hosting failed to start", log, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", log, StringComparison.Ordinal);
    }

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

    [Theory]
    [InlineData("Catalog__ConnectionString")]
    [InlineData("WorkQueue__ConnectionString")]
    public async Task A_damaged_database_file_a_connection_string_names_stops_the_host_naming_the_file_and_the_setting(string name)
    {
        // Before, it was said to be one of the data directory's files, and the data directory was to be restored.
        var file = Path.Combine(_dir, "notdb.db");
        await File.WriteAllBytesAsync(file, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 7))]);

        var (error, _) = await AssertStopsSayingAsync($"{name.Replace("__", ":", StringComparison.Ordinal)} names a damaged database file, '{file}': ", (name, file));

        Assert.DoesNotContain("in the data directory", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Catalog__ConnectionString", false)]
    [InlineData("Catalog__ConnectionString", true)]
    [InlineData("WorkQueue__ConnectionString", false)]
    [InlineData("WorkQueue__ConnectionString", true)]
    public async Task A_sqlite_file_whose_folder_cannot_be_created_stops_the_host_naming_the_setting(string name, bool asConnectionString)
    {
        // Before, the store's schema creation aborted the host (exit 134): "Could not find file '/proc/nope'".
        var file = Path.Combine(_dir, "file");
        await File.WriteAllTextAsync(file, "");
        var folder = Path.Combine(file, "folder");
        var database = Path.Combine(folder, "store.db");

        await AssertStopsSayingAsync($"{name.Replace("__", ":", StringComparison.Ordinal)} '{folder}' cannot be written: ",
            (name, asConnectionString ? "Data Source=" + database : database));
    }

    [Theory]
    [InlineData("", "Failed to load configuration from file")]
    [InlineData("{\"Api\": {", "Failed to load configuration from file")]
    public async Task A_settings_file_that_is_not_json_stops_the_host_naming_the_file(string json, string said)
    {
        // Before, InvalidDataException left the process as an abort (exit 134) with its stack trace.
        var root = Directory.CreateDirectory(Path.Combine(_dir, "root")).FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "appsettings.json"), json);

        var (error, _) = await AssertStopsSayingInAsync(root, said, ("Ingest__Concurrency", "2"));

        Assert.Contains(Path.Combine(root, "appsettings.json"), error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_data_directory_another_host_holds_stops_the_host_before_it_starts_its_silo()
    {
        // The lock a running host holds: an flock on data/.lock, which this process takes as another host would.
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        using (new FileStream(Path.Combine(data, ".lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
        {
            await AssertStopsSayingAsync($"The data directory '{data}' is in use by another SampleMind host", ("Ingest__Concurrency", "2"));
        }

        Assert.Equal([Path.Combine(data, ".lock")], Directory.GetFileSystemEntries(data));
    }

    [Fact]
    public async Task A_data_directory_the_host_cannot_write_is_said_so_not_called_in_use()
    {
        var file = Path.Combine(_dir, "file");
        await File.WriteAllTextAsync(file, "");
        var data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        Directory.CreateDirectory(Path.Combine(data, ".lock"));

        var underFile = await AssertStopsSayingAsync($"Silo:DataDirectory '{file}' cannot be written: ", ("Silo__DataDirectory", file));
        var lockFolder = await AssertStopsSayingAsync($"Silo:DataDirectory '{data}': its lock file {Path.Combine(data, ".lock")} cannot be opened: ", ("Ingest__Concurrency", "2"));

        Assert.DoesNotContain("in use", underFile.Error + lockFolder.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Silo__SharedDirectory", "Silo:SharedDirectory")]
    [InlineData("Api__UploadDirectory", "Api:UploadDirectory")]
    [InlineData("Compute__BlobDirectory", "Compute:BlobDirectory")]
    public async Task A_folder_the_host_writes_but_cannot_write_stops_the_host_naming_the_setting(string name, string setting)
    {
        // Under a file: a folder that cannot be created, as a read-only one cannot be written (root writes those anyway).
        var file = Path.Combine(_dir, "file");
        await File.WriteAllTextAsync(file, "");
        var folder = Path.Combine(file, "folder");

        await AssertStopsSayingAsync($"{setting} '{folder}' cannot be written: ", (name, folder));
    }

    [Fact]
    public async Task A_wrong_role_is_said_once()
    {
        var (error, _) = await AssertStopsSayingAsync("Silo:Roles has 'bogus': use api, cpu or gpu.", ("Silo__Roles__0", "bogus"));

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(error, "Silo:Roles has 'bogus'"));
    }

    [Fact]
    public async Task A_port_in_use_stops_the_host_with_exit_code_1_and_says_so()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (error, log) = await AssertStopsSayingAsync($"127.0.0.1:{port}", ("Urls", $"http://127.0.0.1:{port}"));

        // What had started is stopped as at a normal stop: no service's end is logged as a fault before the reason.
        Assert.DoesNotContain("BackgroundService failed", error + log, StringComparison.Ordinal);
        Assert.DoesNotContain("ObjectDisposedException", error + log, StringComparison.Ordinal);
        Assert.DoesNotContain("OperationCanceledException", error + log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_admin_key_file_that_is_a_folder_or_under_a_file_stops_the_host_naming_the_setting()
    {
        var file = Path.Combine(_dir, "file");
        await File.WriteAllTextAsync(file, "");

        await AssertStopsSayingAsync($"Api:AdminKeyFile '{_dir}' is a folder: name a file", ("Api__AdminKeyFile", _dir));
        await AssertStopsSayingAsync($"Api:AdminKeyFile '{file}' cannot be written: ", ("Api__AdminKeyFile", Path.Combine(file, "admin.key")));
    }

    [Theory]
    [InlineData("Compute__StatsInterval", "0", "Compute:StatsInterval must be positive")]
    [InlineData("Compute__StatsInterval", "-00:00:01", "Compute:StatsInterval must be positive")]
    [InlineData("Urls", "http://127.0.0.1:99999", "Urls: 'http://127.0.0.1:99999' has port 99999: a port is 0 to 65535.")]
    [InlineData("Urls", "http://192.0.2.1:5282", "cannot listen on http://192.0.2.1:5282 (Urls): ")]
    [InlineData("Urls", "", "Urls is set but names no address ('')")]
    [InlineData("Urls", "http://127.0.0.1:5283;http://localhost:5283", "Urls: 'http://127.0.0.1:5283' and 'http://localhost:5283' both take port 5283")]
    public Task A_setting_that_aborted_the_host_stops_it_with_exit_code_1_and_says_why(string name, string value, string said) =>
        AssertStopsSayingAsync(said, (name, value));

    [Theory]
    [InlineData("http://user:s3cr3tpw@127.0.0.1:5287/v1?x=1", "Telemetry:OtlpEndpoint 'http://127.0.0.1:5287' (its path, query and any credentials not shown) must be")]
    [InlineData("ftp://user:s3cr3tpw@127.0.0.1:5287/v1", "Telemetry:OtlpEndpoint 'ftp://127.0.0.1:5287' (its path, query and any credentials not shown) must be")]
    public async Task An_invalid_OTLP_endpoint_is_said_without_its_password(string endpoint, string said)
    {
        var (error, log) = await AssertStopsSayingAsync(said, ("Telemetry__OtlpEndpoint", endpoint));

        Assert.DoesNotContain("s3cr3tpw", error + log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_PostgreSQL_in_cluster_mode_stops_the_host_naming_the_setting_without_its_password()
    {
        var port = BuiltHosts.FreeLoopbackPort();

        var (error, log) = await AssertStopsSayingAsync(
            $"PostgreSQL cannot be used: Failed to connect to 127.0.0.1:{port}",
            ("Cluster__Mode", "cluster"),
            ("Cluster__AdvertisedAddress", $"http://127.0.0.1:{BuiltHosts.FreeLoopbackPort()}"),
            ("Cluster__Postgres", $"Host=127.0.0.1;Port={port};Username=samplemind;Password=s3cr3tpw;Database=samplemind"));

        Assert.Contains("Check Cluster:Postgres", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3tpw", error + log, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Host=127.0.0.1;Port=1;Username=u;Passwrd=s3cr3tpw", "Cluster:Postgres has the keyword 'passwrd', which Npgsql does not know")]
    [InlineData("postgres://u:s3cr3tpw@127.0.0.1:1/db", "Cluster:Postgres is a URL (postgres://...), which Npgsql does not take")]
    public async Task A_cluster_connection_string_npgsql_cannot_read_stops_the_host_naming_the_setting_without_its_password(string connection, string said)
    {
        // Before: "Couldn't set passwrd (Parameter 'passwrd')", "Format of the initialization string does not conform ...".
        var (error, log) = await AssertStopsSayingAsync(
            said,
            ("Cluster__Mode", "cluster"),
            ("Cluster__AdvertisedAddress", $"http://127.0.0.1:{BuiltHosts.FreeLoopbackPort()}"),
            ("Cluster__Postgres", connection));

        Assert.DoesNotContain("s3cr3tpw", error + log, StringComparison.Ordinal);
    }

    [Fact]
    public Task A_catalogue_on_postgres_without_a_connection_string_stops_the_host_naming_the_setting() =>
        // Before: "Value cannot be null. (Parameter 'Host')".
        AssertStopsSayingAsync("Catalog:Provider is postgres but no connection string is set", ("Catalog__Provider", "postgres"));

    /// <summary>Starts the built host with <paramref name="settings"/>; it must stop saying <paramref name="said"/>. Returns its standard error and its log (standard output).</summary>
    private Task<(string Error, string Log)> AssertStopsSayingAsync(string said, params (string Name, string Value)[] settings) =>
        AssertStopsSayingInAsync(null, said, settings);

    /// <summary>As <see cref="AssertStopsSayingAsync"/>, the host run in <paramref name="workingDirectory"/> (its content root) when given.</summary>
    private async Task<(string Error, string Log)> AssertStopsSayingInAsync(string? workingDirectory, string said, params (string Name, string Value)[] settings)
    {
        var start = new ProcessStartInfo("dotnet", [BuiltHosts.Dll("Api", "SampleMind.Api.dll")])
        {
            WorkingDirectory = workingDirectory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["Urls"] = $"http://127.0.0.1:{BuiltHosts.FreeLoopbackPort()}",
                ["Silo__DataDirectory"] = Path.Combine(_dir, "data"),
                ["Api__AdminKeyFile"] = Path.Combine(_dir, "admin.key"),
            },
        };
        foreach (var (name, value) in settings)
        {
            start.Environment[name] = value;
        }

        using var host = Process.Start(start)!;
        var output = host.StandardOutput.ReadToEndAsync();
        var error = await host.StandardError.ReadToEndAsync();
        await host.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        var log = await output;

        Assert.Equal(1, host.ExitCode);
        // The line, and the further reasons under it, each on a line of its own.
        Assert.Contains("SampleMind did not start: ", error, StringComparison.Ordinal);
        var reasons = error[error.IndexOf("SampleMind did not start: ", StringComparison.Ordinal)..];
        Assert.Contains(said, reasons, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", error, StringComparison.Ordinal);
        return (error, log);
    }
}
