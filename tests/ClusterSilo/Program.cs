using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SampleMind.Runtime.Cluster;
using SampleMind.Runtime.Hosting;
using SampleMind.Scheduling;
using SampleMind.TestSilo.Work;

namespace SampleMind.TestSilo;

/// <summary>
/// One cluster-mode silo with the test grains, configured from the command line
/// (<c>--Silo:SiloId=s1 --Silo:Roles:0=cpu --Cluster:Postgres=... --Cluster:AdvertisedAddress=http://127.0.0.1:5001</c>)
/// or environment variables prefixed SAMPLEMIND_ (<c>SAMPLEMIND_Cluster__Postgres</c>). Prints
/// "READY silo=ID address=URL pid=N" on stdout once it has joined and taken its first leases.
/// Control over stdin: the line "stop" leaves gracefully (hand-off) and exits 0; with
/// <c>--Host:StopOnStdinClose=true</c> the end of stdin (the parent died) does the same. SIGTERM and
/// Ctrl+C also stop it gracefully.
/// </summary>
public static class Program
{
    private static readonly Lock s_out = new();

    public static async Task<int> Main(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, DisableDefaults = true });
        builder.Configuration.AddEnvironmentVariables("SAMPLEMIND_");
        builder.Configuration.AddCommandLine(args);
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        if (builder.Configuration.GetSection("Logging:LogLevel:Default").Value is null)
        {
            builder.Logging.SetMinimumLevel(LogLevel.Warning);
        }

        builder.Services.AddSampleMindSilo();
        builder.Services.AddSampleMindCluster(builder.Configuration);
        var work = builder.Configuration.GetSection("Work").Get<TestWorkOptions>() ?? new TestWorkOptions();
        if (work.Enabled)
        {
            builder.Services.Configure<TestWorkOptions>(builder.Configuration.GetSection("Work"));
            builder.Services.AddWorkQueue(b => b.Configure(o =>
            {
                builder.Configuration.GetSection(WorkQueueOptions.SectionName).Bind(o);
                o.Provider = WorkQueueOptions.PostgresProvider;
                o.ConnectionString = builder.Configuration["Cluster:Postgres"] ?? "";
            }));
            builder.Services.AddHostedService<TestWorkService>();
        }

        using var host = builder.Build();
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        await host.StartAsync();
        var silo = host.Services.GetRequiredService<IOptions<SiloOptions>>().Value;
        var cluster = host.Services.GetRequiredService<IOptions<ClusterOptions>>().Value;
        Report($"READY silo={silo.SiloId} address={cluster.AdvertisedAddress} pid={Environment.ProcessId}");

        var stopOnClose = builder.Configuration.GetValue<bool>("Host:StopOnStdinClose");
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStopping.Register(() => stopping.TrySetResult());
        var stdin = Task.Run(() => WaitForStopLine(stopOnClose), CancellationToken.None);
        if (await Task.WhenAny(stdin, stopping.Task) == stdin && !await stdin)
        {
            await stopping.Task;
        }

        await host.StopAsync();
        Report($"STOPPED silo={silo.SiloId}");
        return 0;
    }

    /// <summary>Writes one line to stdout (whole lines, never interleaved).</summary>
    public static void Report(string line)
    {
        lock (s_out)
        {
            Console.Out.WriteLine(line);
            Console.Out.Flush();
        }
    }

    /// <summary>True when stdin asked to stop ("stop", or its end with <paramref name="stopOnClose"/>).</summary>
    private static bool WaitForStopLine(bool stopOnClose)
    {
        while (Console.In.ReadLine() is { } line)
        {
            if (line.Trim() == "stop")
            {
                return true;
            }
        }

        return stopOnClose;
    }
}
