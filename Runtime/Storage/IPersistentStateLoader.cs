namespace SampleMind.Runtime.Storage;

/// <summary>A state handle the activation reads before OnActivateAsync.</summary>
internal interface IPersistentStateLoader
{
    Task ReadStateAsync(CancellationToken cancellationToken);
}
