using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SampleMind.Runtime.Hosting;

namespace SampleMind.Runtime.Tests.Support;

/// <summary>A started host with the embedded silo, on its own data directory (deleted at dispose unless shared).</summary>
public sealed class TestSilo : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly bool _ownsDirectory;

    private TestSilo(IHost host, string dataDirectory, bool ownsDirectory)
    {
        _host = host;
        DataDirectory = dataDirectory;
        _ownsDirectory = ownsDirectory;
    }

    public string DataDirectory { get; }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public static string NewDataDirectory() =>
        Directory.CreateTempSubdirectory("samplemind-runtime-tests-").FullName;

    public static async Task<TestSilo> StartAsync(
        Action<SiloOptions>? configure = null, TimeProvider? time = null, string? dataDirectory = null, string storage = "memory")
    {
        var directory = dataDirectory ?? NewDataDirectory();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_LOG") == "1")
        {
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Debug);
        }
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSampleMindSilo(o =>
        {
            o.DataDirectory = directory;
            o.Storage = storage;
            o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            configure?.Invoke(o);
        });
        var host = builder.Build();
        if (Environment.GetEnvironmentVariable("SAMPLEMIND_TEST_LOG") == "1")
        {
            Quartz.Logging.LogContext.SetCurrentLogProvider(host.Services.GetRequiredService<ILoggerFactory>());
        }
        await host.StartAsync();
        return new TestSilo(host, directory, ownsDirectory: dataDirectory is null);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        if (_ownsDirectory)
        {
            DeleteDirectory(DataDirectory);
        }
    }

    public static void DeleteDirectory(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A temp directory left behind is harmless.
        }
    }
}
