using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SampleMind.Runtime.Invocation;
using SampleMind.Runtime.Serialization;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// How one generated request type goes on the wire: its interface id and one codec per argument
/// field (<c>Arg0</c>…): JSON through the metadata from <see cref="GrainSerializer"/>; a grain or
/// observer reference as its address; a <see cref="CancellationToken"/> as nothing (the callee gets a
/// token of the call's own that a cancel frame trips). Built once per type with
/// compiled field accessors, so calls neither reflect nor box their arguments.
/// </summary>
internal sealed class RequestShape
{
    private static readonly ConcurrentDictionary<Type, RequestShape> s_shapes = new();

    private readonly ArgumentCodec[] _codecs;
    private readonly Func<GrainRequest, CancellationToken>? _token;

    private RequestShape(Type requestType, int interfaceId)
    {
        InterfaceId = interfaceId;
        var fields = requestType.GetFields(BindingFlags.Public | BindingFlags.Instance)
            .Where(f => f.Name.StartsWith("Arg", StringComparison.Ordinal))
            .OrderBy(f => int.Parse(f.Name.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture))
            .ToArray();
        _codecs = new ArgumentCodec[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var type = fields[i].FieldType;
            var codec = type == typeof(CancellationToken) ? typeof(TokenCodec)
                : typeof(IAddressable).IsAssignableFrom(type) ? typeof(ReferenceCodec<>).MakeGenericType(type)
                : typeof(JsonCodec<>).MakeGenericType(type);
            _codecs[i] = (ArgumentCodec)Activator.CreateInstance(codec, fields[i])!;
            if (_codecs[i] is TokenCodec token && _token is null)
            {
                _token = token.Get;
            }
        }
    }

    public int InterfaceId { get; }

    public int ArgumentCount => _codecs.Length;

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

    /// <summary>The caller's cancellation token (its first <see cref="CancellationToken"/> argument), or none.</summary>
    public CancellationToken CancellationOf(GrainRequest request) => _token is null ? default : _token(request);

    /// <summary>Writes argument <paramref name="index"/>'s bytes (the blob's body) into <paramref name="output"/>.</summary>
    public void WriteArgument(GrainRequest request, int index, FrameBuffer output, Func<GrainId, GrainId> exportAddress) =>
        _codecs[index].Write(request, output, exportAddress);

    /// <summary>Sets argument field <paramref name="index"/> from its wire form.</summary>
    public void ReadArgument(GrainRequest request, int index, ReadOnlySpan<byte> bytes, IGrainCallRouter router, ServerCall call) =>
        _codecs[index].Read(request, bytes, router, call);

    private abstract class ArgumentCodec
    {
        public abstract void Write(GrainRequest request, FrameBuffer output, Func<GrainId, GrainId> exportAddress);

        public abstract void Read(GrainRequest request, ReadOnlySpan<byte> bytes, IGrainCallRouter router, ServerCall call);

        protected static Func<GrainRequest, T> Getter<T>(FieldInfo field)
        {
            var request = Expression.Parameter(typeof(GrainRequest));
            return Expression.Lambda<Func<GrainRequest, T>>(Expression.Field(Expression.Convert(request, field.DeclaringType!), field), request).Compile();
        }

        protected static Action<GrainRequest, T> Setter<T>(FieldInfo field)
        {
            var request = Expression.Parameter(typeof(GrainRequest));
            var value = Expression.Parameter(typeof(T));
            return Expression.Lambda<Action<GrainRequest, T>>(
                Expression.Assign(Expression.Field(Expression.Convert(request, field.DeclaringType!), field), value), request, value).Compile();
        }
    }

    private sealed class JsonCodec<T>(FieldInfo field) : ArgumentCodec
    {
        private readonly Func<GrainRequest, T> _get = Getter<T>(field);
        private readonly Action<GrainRequest, T> _set = Setter<T>(field);
        private readonly JsonTypeInfo<T> _json = GrainSerializer.GetTypeInfo<T>();

        public override void Write(GrainRequest request, FrameBuffer output, Func<GrainId, GrainId> exportAddress)
        {
            var writer = output.Json();
            JsonSerializer.Serialize(writer, _get(request), _json);
            writer.Flush();
        }

        public override void Read(GrainRequest request, ReadOnlySpan<byte> bytes, IGrainCallRouter router, ServerCall call) =>
            _set(request, JsonSerializer.Deserialize(bytes, _json)!);
    }

    /// <summary>A grain or observer reference: its address as ["type","key"], or [] for null.</summary>
    private sealed class ReferenceCodec<T>(FieldInfo field) : ArgumentCodec
        where T : class
    {
        private readonly Func<GrainRequest, T> _get = Getter<T>(field);
        private readonly Action<GrainRequest, T> _set = Setter<T>(field);
        private readonly Func<IGrainCallRouter, GrainId, T> _factory = GrainTypeRegistry.ReferenceFactory<T>();

        public override void Write(GrainRequest request, FrameBuffer output, Func<GrainId, GrainId> exportAddress)
        {
            string[] parts = [];
            if (_get(request) is GrainReference reference)
            {
                var id = exportAddress(reference.GrainId);
                parts = [id.Type, id.Key];
            }

            var writer = output.Json();
            JsonSerializer.Serialize(writer, parts, RuntimeWireJson.Default.StringArray);
            writer.Flush();
        }

        public override void Read(GrainRequest request, ReadOnlySpan<byte> bytes, IGrainCallRouter router, ServerCall call)
        {
            var parts = JsonSerializer.Deserialize(bytes, RuntimeWireJson.Default.StringArray);
            _set(request, parts is [var type, var key] ? _factory(router, new GrainId(type, key)) : null!);
        }
    }

    /// <summary>
    /// A cancellation token: nothing on the wire. The callee's token is the call's own, tripped when the
    /// caller cancels or times out (a cancel frame) or the calling silo's stream breaks.
    /// </summary>
    private sealed class TokenCodec(FieldInfo field) : ArgumentCodec
    {
        private readonly Action<GrainRequest, CancellationToken> _set = Setter<CancellationToken>(field);

        public Func<GrainRequest, CancellationToken> Get { get; } = Getter<CancellationToken>(field);

        public override void Write(GrainRequest request, FrameBuffer output, Func<GrainId, GrainId> exportAddress)
        {
        }

        public override void Read(GrainRequest request, ReadOnlySpan<byte> bytes, IGrainCallRouter router, ServerCall call) =>
            _set(request, call.Cancellation);
    }
}
