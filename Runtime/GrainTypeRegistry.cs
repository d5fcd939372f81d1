using System.Collections.Concurrent;
using SampleMind.Runtime.Activation;
using SampleMind.Runtime.Invocation;

namespace SampleMind.Runtime;

/// <summary>
/// The static registry that generated module initializers fill: grain interfaces (reference factory,
/// invoker) and grain classes (activation factory, metadata). Nothing here uses reflection to call grains.
/// </summary>
public static class GrainTypeRegistry
{
    private static readonly ConcurrentDictionary<string, GrainClassInfo> s_classesByType = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<Type, GrainInterfaceInfo> s_interfaces = new();
    private static readonly ConcurrentDictionary<int, GrainInterfaceInfo> s_interfacesById = new();

    /// <summary>Registers a grain or observer interface (generated code).</summary>
    public static void RegisterInterface<TInterface>(GrainInterfaceInfo info, Func<IGrainCallRouter, GrainId, TInterface> referenceFactory)
        where TInterface : IAddressable
    {
        ArgumentNullException.ThrowIfNull(info);
        s_interfaces[typeof(TInterface)] = info;
        s_interfacesById[info.InterfaceId] = info;
        GrainInterfaceCache<TInterface>.ReferenceFactory = referenceFactory;
        GrainInterfaceCache<TInterface>.Info = info;
    }

    /// <summary>Registers a grain class (generated code). Two classes may not share a grain type name.</summary>
    public static void RegisterGrainClass(GrainClassInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        var existing = s_classesByType.GetOrAdd(info.GrainType, info);
        if (existing.ClassType != info.ClassType)
        {
            throw new InvalidOperationException(
                $"Grain classes {existing.ClassType.FullName} and {info.ClassType.FullName} both have grain type '{info.GrainType}': give one a [GrainType(\"...\")].");
        }
    }

    /// <summary>Every registered grain class.</summary>
    public static IReadOnlyCollection<GrainClassInfo> GrainClasses => [.. s_classesByType.Values];

    /// <summary>The class registered under a grain type name, or null.</summary>
    public static GrainClassInfo? FindClass(string grainType) => s_classesByType.GetValueOrDefault(grainType);

    /// <summary>The registration of an interface, or null.</summary>
    public static GrainInterfaceInfo? FindInterface(Type interfaceType) => s_interfaces.GetValueOrDefault(interfaceType);

    /// <summary>Every registered interface.</summary>
    internal static ICollection<GrainInterfaceInfo> Interfaces => s_interfaces.Values;

    /// <summary>The registration of an interface by its stable id, or null (the wire names interfaces by id).</summary>
    internal static GrainInterfaceInfo? FindInterface(int interfaceId) => s_interfacesById.GetValueOrDefault(interfaceId);

    internal static GrainClassInfo ResolveClass<TInterface>()
    {
        if (GrainInterfaceCache<TInterface>.ImplementingClass is { } cached)
        {
            return cached;
        }

        var candidates = s_classesByType.Values.Where(c => c.Interfaces.Contains(typeof(TInterface))).ToList();
        if (candidates.Count != 1)
        {
            throw new InvalidOperationException(candidates.Count == 0
                ? $"No grain class implementing {typeof(TInterface).FullName} is registered: is its assembly loaded and built with SampleMind.Runtime.CodeGen?"
                : $"Several grain classes implement {typeof(TInterface).FullName}: {string.Join(", ", candidates.Select(c => c.ClassType.FullName))}.");
        }

        return GrainInterfaceCache<TInterface>.ImplementingClass = candidates[0];
    }

    internal static Func<IGrainCallRouter, GrainId, TInterface> ReferenceFactory<TInterface>() =>
        GrainInterfaceCache<TInterface>.ReferenceFactory ?? throw new InvalidOperationException(
            $"{typeof(TInterface).FullName} is not a registered grain interface: its assembly must be built with SampleMind.Runtime.CodeGen.");
}
