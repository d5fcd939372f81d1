namespace SampleMind.Runtime.Storage;

/// <summary>The exception both providers throw for a stale ETag, with the same message.</summary>
internal static class EtagConflict
{
    public static InconsistentStateException Create(string operation, string grainType, string grainKey, string stateName, string? stored, string? expected) =>
        new($"Cannot {operation} state '{stateName}' of grain {grainType}/{grainKey}: the stored ETag is {Show(stored)} but the writer held {Show(expected)}. " +
            "Another activation or writer changed it; re-read the state and retry.", stored, expected);

    /// <summary>A fresh ETag, never reused (so a clear and re-create cannot revive a stale handle).</summary>
    public static string NewEtag() => Guid.NewGuid().ToString("N");

    private static string Show(string? etag) => etag is null ? "none (no record)" : $"'{etag}'";
}
