using System.Reflection;
using SampleMind.Grains.Abstractions.Tenants;
using SampleMind.Grains.Tenants;
using SampleMind.Runtime;
using SampleMind.Runtime.Serialization;

namespace SampleMind.Grains.Tests.Serialization;

/// <summary>
/// Every argument and result of every grain interface's methods can cross between silos: the wire codec finds JSON
/// metadata for it. A call within one silo passes an enum or an immutable type as it is, so a type without metadata
/// works in embedded mode and fails only when the grain lives on another silo (a key revocation answered 500 on
/// every silo but the tenant grain's: its result, <see cref="KeyRevocation"/>, had none).
/// </summary>
public sealed class GrainWireTypesTests
{
    private static readonly MethodInfo s_getTypeInfo = typeof(GrainSerializer).GetMethod(nameof(GrainSerializer.GetTypeInfo), Type.EmptyTypes)!;

    [Fact]
    public void Every_grain_method_argument_and_result_has_wire_metadata()
    {
        var assemblies = new[] { typeof(ITenantGrain).Assembly, typeof(TenantGrain).Assembly, typeof(IGrain).Assembly };
        var interfaces = assemblies.SelectMany(a => a.GetTypes())
            .Where(t => t.IsInterface && t != typeof(IGrain) && typeof(IGrain).IsAssignableFrom(t) && !t.IsGenericTypeDefinition)
            .ToArray();
        Assert.Contains(typeof(ITenantGrain), interfaces);

        var missing = new List<string>();
        foreach (var method in interfaces.SelectMany(i => i.GetMethods()))
        {
            var types = method.GetParameters().Select(p => p.ParameterType).ToList();
            if (method.ReturnType.IsGenericType && method.ReturnType.GetGenericTypeDefinition() is var generic &&
                (generic == typeof(Task<>) || generic == typeof(ValueTask<>)))
            {
                types.Add(method.ReturnType.GetGenericArguments()[0]);
            }

            // Grain and observer references cross as references, not as JSON.
            foreach (var type in types.Distinct().Where(t => !typeof(IAddressable).IsAssignableFrom(t)))
            {
                try
                {
                    s_getTypeInfo.MakeGenericMethod(type).Invoke(null, null);
                }
                catch (TargetInvocationException e) when (e.InnerException is NotSupportedException)
                {
                    missing.Add($"{method.DeclaringType!.Name}.{method.Name}: {type}");
                }
            }
        }

        Assert.True(missing.Count == 0, "No wire metadata for:\n" + string.Join('\n', missing));
    }
}
