using SampleMind.Runtime;

namespace SampleMind.Grains.Abstractions.Search;

/// <summary>The libraries of a tenant that hold searchable samples (for cluster-wide search). Key: tenant id.</summary>
public interface ITenantLibrariesGrain : IGrainWithStringKey
{
    /// <summary>Notes a library of the tenant; adding it again changes nothing.</summary>
    Task Add(string libraryId);

    /// <summary>
    /// Takes a library out of the list once it holds no searchable sample (its last one removed, or the library
    /// deleted); removing one the list does not hold changes nothing.
    /// </summary>
    Task Remove(string libraryId);

    /// <summary>The tenant's library ids, sorted.</summary>
    Task<IReadOnlyList<string>> List();
}
