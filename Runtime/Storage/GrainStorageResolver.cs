using Microsoft.Extensions.DependencyInjection;

namespace SampleMind.Runtime.Storage;

/// <summary>
/// Maps a <see cref="PersistentStateAttribute"/> storage name to a provider: a keyed
/// <see cref="IGrainStorage"/> service registered under that name, else the silo's default storage.
/// </summary>
internal sealed class GrainStorageResolver(IServiceProvider services)
{
    public IGrainStorage Resolve(string? storageName) =>
        (string.IsNullOrEmpty(storageName) || storageName == "Default" ? null : services.GetKeyedService<IGrainStorage>(storageName))
        ?? services.GetRequiredService<IGrainStorage>();
}
