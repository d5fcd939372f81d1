using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SampleMind.Runtime;
using SampleMind.Runtime.Hosting;
using SampleMind.Runtime.Storage;

namespace SampleMind.Grains.Tests.Storage;

/// <summary>
/// An embedded silo over the given grain storage (so that several silos can share one, or a test can fail its writes)
/// with this project's grains registered; disposing it stops it. Linked into Api.Tests as well.
/// </summary>
public sealed class EmbeddedSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private EmbeddedSilo(IHost host) => _host = host;

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>Starts a silo over <paramref name="storage"/>, on <paramref name="time"/> when given (a clock the test drives).</summary>
    public static async Task<EmbeddedSilo> StartAsync(IGrainStorage storage, TimeProvider? time = null)
    {
        // Grain classes register from their assembly's module initializer: load SampleMind.Grains first.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(SampleMind.Grains.Tenants.TenantGrain).Module.ModuleHandle);
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton(storage);
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        builder.Services.AddSampleMindSilo(o => o.Storage = "memory");
        var host = builder.Build();
        await host.StartAsync();
        return new EmbeddedSilo(host);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        if (_host is IAsyncDisposable async)
        {
            await async.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
