using System.Buffers;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>Builds the owner's answer frames.</summary>
internal static class Frames
{
    public static byte[] Result(long callId, ReadOnlySpan<byte> json)
    {
        var buffer = new ArrayBufferWriter<byte>(17 + json.Length);
        var writer = new FrameWriter(buffer, FrameKind.Result, callId);
        writer.WriteBlob(json);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] Error(long callId, Exception exception)
    {
        var (type, message) = ErrorCodec.Describe(exception);
        var buffer = new ArrayBufferWriter<byte>(64 + message.Length * 3);
        var writer = new FrameWriter(buffer, FrameKind.Error, callId);
        writer.WriteString(type);
        writer.WriteString(message);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }

    public static byte[] NotOwner(long callId) => Empty(FrameKind.NotOwner, callId);

    public static byte[] Closing() => Empty(FrameKind.Closing, 0);

    private static byte[] Empty(FrameKind kind, long callId)
    {
        var buffer = new ArrayBufferWriter<byte>(13);
        var writer = new FrameWriter(buffer, kind, callId);
        writer.Complete();
        return buffer.WrittenSpan.ToArray();
    }
}
