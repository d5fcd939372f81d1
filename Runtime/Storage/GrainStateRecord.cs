namespace SampleMind.Runtime.Storage;

/// <summary>A stored state: its JSON payload and ETag.</summary>
public sealed record GrainStateRecord(ReadOnlyMemory<byte> Payload, string Etag);
