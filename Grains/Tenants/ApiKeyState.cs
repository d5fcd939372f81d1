using SampleMind.Grains.Abstractions.Tenants;

namespace SampleMind.Grains.Tenants;

/// <summary>An API key's persisted state.</summary>
public sealed class ApiKeyState
{
    public ApiKeyRecord? Record { get; set; }
}
