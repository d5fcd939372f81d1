namespace SampleMind.Grains.Abstractions.Tenants;

/// <summary>What an API key may do. A key holds one or more scopes; <see cref="Admin"/> implies all.</summary>
[Flags]
public enum ApiScope
{
    None = 0,

    /// <summary>Start, pause, resume and cancel ingest jobs; upload files.</summary>
    Ingest = 1,

    /// <summary>Read libraries, samples, jobs and results.</summary>
    Read = 2,

    /// <summary>Search, similar samples, recommendations.</summary>
    Search = 4,

    /// <summary>Create and join live collaboration sessions.</summary>
    Sessions = 8,

    /// <summary>Manage keys and tenants; the operator dashboard.</summary>
    Admin = 16,
}
