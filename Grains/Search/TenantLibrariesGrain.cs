using SampleMind.Grains.Abstractions.Search;
using SampleMind.Runtime;

namespace SampleMind.Grains.Search;

/// <summary>The libraries of a tenant with searchable samples.</summary>
public sealed class TenantLibrariesGrain(
    [PersistentState("tenantLibraries", "Default")] IPersistentState<TenantLibrariesState> state) : Grain, ITenantLibrariesGrain
{
    public async Task Add(string libraryId)
    {
        if (state.State.Libraries.Contains(libraryId, StringComparer.Ordinal))
        {
            return;
        }

        state.State.Libraries.Add(libraryId);
        state.State.Libraries.Sort(StringComparer.Ordinal);
        await state.WriteStateAsync();
    }

    public async Task Remove(string libraryId)
    {
        if (state.State.Libraries.Remove(libraryId))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> List() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Libraries]);
}
