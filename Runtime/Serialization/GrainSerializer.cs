using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SampleMind.Runtime.Serialization;

/// <summary>
/// The source-generated System.Text.Json contexts that copy call arguments and results and
/// serialize grain state (and, in cluster mode, calls on the wire). Generated module initializers
/// register every <see cref="JsonSerializerContext"/> of an assembly built with
/// SampleMind.Runtime.CodeGen; others call <see cref="Register"/>. The first context that knows a
/// type serializes it. No reflection-based serialization is used.
/// </summary>
public static class GrainSerializer
{
    private static readonly Lock s_lock = new();
    private static JsonSerializerContext[] s_contexts = [RuntimeJsonContext.Default];

    /// <summary>Adds a context (idempotent).</summary>
    public static void Register(JsonSerializerContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (s_lock)
        {
            if (Array.IndexOf(s_contexts, context) < 0)
            {
                s_contexts = [.. s_contexts, context];
            }
        }
    }

    /// <summary>The type info for <typeparamref name="T"/>, cached per type after the first lookup.</summary>
    public static JsonTypeInfo<T> GetTypeInfo<T>() => TypeInfoCache<T>.Value ??= Find<T>();

    private static JsonTypeInfo<T> Find<T>()
    {
        foreach (var context in Volatile.Read(ref s_contexts))
        {
            if (context.GetTypeInfo(typeof(T)) is JsonTypeInfo<T> info)
            {
                return info;
            }
        }

        throw new NotSupportedException(
            $"No JSON metadata for {typeof(T).FullName}: add [JsonSerializable(typeof({typeof(T).Name}))] to a JsonSerializerContext " +
            "in an assembly built with SampleMind.Runtime.CodeGen (or call GrainSerializer.Register), or mark the type [Immutable].");
    }

    /// <summary>The type info for <paramref name="type"/> (the wire codec, which knows types only at run time).</summary>
    internal static JsonTypeInfo GetTypeInfo(Type type)
    {
        foreach (var context in Volatile.Read(ref s_contexts))
        {
            if (context.GetTypeInfo(type) is { } info)
            {
                return info;
            }
        }

        throw new NotSupportedException(
            $"No JSON metadata for {type.FullName}: add [JsonSerializable(typeof({type.Name}))] to a JsonSerializerContext " +
            "in an assembly built with SampleMind.Runtime.CodeGen (or call GrainSerializer.Register).");
    }

    /// <summary>UTF-8 JSON of <paramref name="value"/>.</summary>
    public static byte[] SerializeToUtf8Bytes<T>(T value) => JsonSerializer.SerializeToUtf8Bytes(value, GetTypeInfo<T>());

    /// <summary>Reads a value written by <see cref="SerializeToUtf8Bytes{T}"/>.</summary>
    public static T? Deserialize<T>(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize(utf8Json, GetTypeInfo<T>());

    /// <summary>Serializes into a per-thread buffer and reads back: a deep copy.</summary>
    internal static T DeepCopy<T>(T value)
    {
        var info = GetTypeInfo<T>();
        var buffer = CopyBuffers.Buffer;
        buffer.ResetWrittenCount();
        var writer = CopyBuffers.Writer;
        writer.Reset(buffer);
        JsonSerializer.Serialize(writer, value, info);
        writer.Flush();
        return JsonSerializer.Deserialize(buffer.WrittenSpan, info)!;
    }

    private static class TypeInfoCache<T>
    {
        public static JsonTypeInfo<T>? Value;
    }

    private static class CopyBuffers
    {
        [ThreadStatic]
        private static ArrayBufferWriter<byte>? t_buffer;

        [ThreadStatic]
        private static Utf8JsonWriter? t_writer;

        public static ArrayBufferWriter<byte> Buffer => t_buffer ??= new ArrayBufferWriter<byte>(512);

        public static Utf8JsonWriter Writer => t_writer ??= new Utf8JsonWriter(Buffer, new JsonWriterOptions { SkipValidation = true });
    }
}
