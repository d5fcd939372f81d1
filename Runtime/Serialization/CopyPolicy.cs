namespace SampleMind.Runtime.Serialization;

/// <summary>Which types cross grain boundaries without a copy (decided once per type).</summary>
internal static class CopyPolicy
{
    private static readonly HashSet<Type> s_immutable =
    [
        typeof(string), typeof(decimal), typeof(Guid), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan),
        typeof(DateOnly), typeof(TimeOnly), typeof(CancellationToken), typeof(Uri), typeof(Half), typeof(Int128), typeof(UInt128),
        typeof(GrainId), typeof(TickStatus),
    ];

    public static bool IsPassThrough(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return IsPassThrough(underlying);
        }

        return type.IsPrimitive || type.IsEnum || s_immutable.Contains(type) ||
            typeof(IAddressable).IsAssignableFrom(type) ||
            type.IsDefined(typeof(ImmutableAttribute), inherit: false);
    }
}
