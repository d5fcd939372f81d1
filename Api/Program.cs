using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SampleMind.Api;
using SampleMind.Grains.Hosting;

WebApplicationBuilder? builder = null;
try
{
    // Configuration is read once at start (nothing here reloads options): a reload watcher on the content
    // root would also wake on every write under ./data. A later --hostBuilder:reloadConfigOnChange=true wins.
    builder = WebApplication.CreateBuilder(["--hostBuilder:reloadConfigOnChange=false", .. args]);
    builder.AddSampleMindApi();

    var app = builder.Build();
    using var dataDirectory = DataDirectoryLock.Acquire(app.Services.GetRequiredService<SiloStorageLayout>());

    // The settings are checked before the host starts, so that a bad one is said once, in the line below, and not
    // logged first by the host as "Hosting failed to start" with the validator's stack trace.
    app.Services.GetService<IStartupValidator>()?.Validate();
    app.MapSampleMindApi();
    try
    {
        app.Start();
    }
    catch
    {
        StopAfterFailedStart(app);
        throw;
    }

    app.WaitForShutdown();
    return 0;
}
catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or ArgumentException or FormatException
                              or InvalidDataException
                          && e is not HostAbortedException)
{
    // A bad setting (or one the binder cannot convert), or a settings file that is not JSON (an empty or cut-short
    // appsettings.json: InvalidDataException naming the file, over the parser's reason): the reason in a line or a few,
    // exit code 1, where the exception left the process as an abort (exit 134) with its stack trace printed twice.
    Console.Error.WriteLine($"SampleMind did not start: {StartFailure.Describe(e)}");
    return 1;
}
catch (IOException e) when (e.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    // Another process listens on the configured address: said in a line, exit code 1, where it aborted (exit 134).
    Console.Error.WriteLine($"SampleMind did not start: {e.Message} Stop what listens there, or set another address (Urls).");
    return 1;
}
catch (System.Net.Sockets.SocketException e)
{
    // Kestrel could not listen on Urls (an address not of this machine: SocketException 99), where it aborted (exit 134).
    // The silo port of cluster mode says its own settings (ClusterServer).
    Console.Error.WriteLine($"SampleMind did not start: {ListenUrls.CannotListen(e, builder?.Configuration[WebHostDefaults.ServerUrlsKey])}");
    return 1;
}
catch (Npgsql.NpgsqlException e)
{
    // PostgreSQL of cluster mode cannot be reached or refuses the login: said in a line, where it aborted (exit 134).
    Console.Error.WriteLine($"SampleMind did not start: {StartFailure.PostgresFailed(e)}");
    return 1;
}
catch (SqliteException e) when (e.SqliteErrorCode is StartFailure.SqliteCorrupt or StartFailure.SqliteNotADatabase)
{
    // A damaged file of the embedded stores: said in a line, exit code 1, where it aborted the process (exit 134).
    Console.Error.WriteLine($"SampleMind did not start: {StartFailure.DamagedDatabase(e, builder?.Configuration["Silo:DataDirectory"])}");
    return 1;
}

// A start that failed part-way (the address taken, PostgreSQL unreachable) stops what had started (the silo, the
// workers, the timers) as a normal stop does, so that they end quietly before the reason is said, where the host was
// disposed under them and their ends were logged as faults: a BackgroundService's cancellation with its stack trace,
// a disposed work queue. The stop's own failure is not said: the start's is the reason, and the process exits anyway.
static void StopAfterFailedStart(WebApplication app)
{
    try
    {
        ((IHost)app).StopAsync(TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
    }
    catch (Exception)
    {
        // The start's exception is rethrown by the caller.
    }
}

/// <summary>The API host's entry point (public for WebApplicationFactory in tests).</summary>
public partial class Program;
