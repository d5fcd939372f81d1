using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SampleMind.Runtime.Invocation;
using SampleMind.Runtime.Serialization;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// How one generated request type goes on the wire: its interface id and, per argument field
/// (<c>Arg0</c>…), the JSON metadata from <see cref="GrainSerializer"/>, or for grain and observer
/// references a factory that rebuilds a reference from its <see cref="GrainId"/>. Built once per type
/// by reflection over the generated fields; calls never reflect over methods.
/// </summary>
internal sealed class RequestShape
{
    private static readonly ConcurrentDictionary<Type, RequestShape> s_shapes = new();
    private static readonly MethodInfo s_referenceFactory = typeof(GrainTypeRegistry)
        .GetMethod("ReferenceFactory", BindingFlags.NonPublic | BindingFlags.Static)!;

    private readonly FieldInfo[] _fields;
    private readonly JsonTypeInfo?[] _json;
    private readonly Delegate?[] _references;

    private RequestShape(Type requestType, int interfaceId)
    {
        InterfaceId = interfaceId;
        _fields = [.. requestType.GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.Name.StartsWith("Arg", StringComparison.Ordinal))
            .OrderBy(f => int.Parse(f.Name.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture))];
        _json = new JsonTypeInfo?[_fields.Length];
        _references = new Delegate?[_fields.Length];
        for (var i = 0; i < _fields.Length; i++)
        {
            var type = _fields[i].FieldType;
            if (typeof(IAddressable).IsAssignableFrom(type))
            {
                _references[i] = (Delegate)s_referenceFactory.MakeGenericMethod(type).Invoke(null, null)!;
            }
            else
            {
                _json[i] = GrainSerializer.GetTypeInfo(type);
            }
        }
    }

    public int InterfaceId { get; }

    public int ArgumentCount => _fields.Length;

    public static RequestShape For(GrainRequest request) => s_shapes.GetOrAdd(request.GetType(), static (type, r) => Build(type, r), request);

    private static RequestShape Build(Type type, GrainRequest request)
    {
        foreach (var info in GrainTypeRegistry.Interfaces)
        {
            if (info.CreateRequest(request.MethodId)?.GetType() == type)
            {
                return new RequestShape(type, info.InterfaceId);
            }
        }

        throw new NotSupportedException($"{request} cannot be sent to another silo: its request type {type.Name} belongs to no registered grain interface.");
    }

    /// <summary>The argument at <paramref name="index"/> as JSON, or the address of a reference (<paramref name="exportAddress"/> names local observers).</summary>
    public byte[] WriteArgument(GrainRequest request, int index, Func<GrainId, GrainId> exportAddress)
    {
        var value = request.GetArgument(index);
        if (_references[index] is not null)
        {
            return value is GrainReference reference
                ? JsonSerializer.SerializeToUtf8Bytes(Export(exportAddress(reference.GrainId)), RuntimeWireJson.Default.StringArray)
                : JsonSerializer.SerializeToUtf8Bytes(Array.Empty<string>(), RuntimeWireJson.Default.StringArray);
        }

        return JsonSerializer.SerializeToUtf8Bytes(value, _json[index]!);
    }

    /// <summary>Sets argument field <paramref name="index"/> from its wire form.</summary>
    public void ReadArgument(GrainRequest request, int index, ReadOnlySpan<byte> json, IGrainCallRouter router)
    {
        object? value;
        if (_references[index] is { } factory)
        {
            var parts = JsonSerializer.Deserialize(json, RuntimeWireJson.Default.StringArray);
            value = parts is [var type, var key] ? factory.DynamicInvoke(router, new GrainId(type, key)) : null;
        }
        else
        {
            value = JsonSerializer.Deserialize(json, _json[index]!);
        }

        _fields[index].SetValue(request, value);
    }

    private static string[] Export(GrainId id) => [id.Type, id.Key];
}
