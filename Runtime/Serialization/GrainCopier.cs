namespace SampleMind.Runtime.Serialization;

/// <summary>
/// Copies values crossing a grain boundary (generated code calls it per argument; the runtime per
/// result). Primitives, strings, Guid, dates, TimeSpan, enums, grain and observer references and
/// <see cref="ImmutableAttribute"/> types pass as they are; the rest is deep-copied through
/// the source-generated JSON metadata (<see cref="GrainSerializer"/>).
/// </summary>
public static class GrainCopier<T>
{
    private static readonly bool s_passThrough = CopyPolicy.IsPassThrough(typeof(T));

    /// <summary>A copy of <paramref name="value"/> the other side may change freely.</summary>
    public static T Copy(T value)
    {
        if (s_passThrough || value is null || value is IAddressable)
        {
            return value;
        }

        return GrainSerializer.DeepCopy(value);
    }
}
