using System.Diagnostics;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// The caller's span context at the head of a <see cref="FrameKind.TracedCall"/> frame: 16 bytes trace id,
/// 8 bytes span id, 1 byte W3C trace flags (25 bytes; no trace state). Untraced calls carry none of it.
/// </summary>
internal static class TraceContextCodec
{
    public const int Size = 25;

    public static void Write(FrameBuffer output, Activity caller)
    {
        var span = output.GetSpan(Size);
        caller.TraceId.CopyTo(span[..16]);
        caller.SpanId.CopyTo(span.Slice(16, 8));
        span[24] = (byte)caller.ActivityTraceFlags;
        output.Advance(Size);
    }

    /// <summary>The remote parent context, boxed for <see cref="Diagnostics.RuntimeTracing.SetTrace"/>.</summary>
    public static object Read(ref FrameReader reader)
    {
        var bytes = reader.ReadBytes(Size);
        return new ActivityContext(
            ActivityTraceId.CreateFromBytes(bytes[..16]),
            ActivitySpanId.CreateFromBytes(bytes.Slice(16, 8)),
            (ActivityTraceFlags)bytes[24],
            traceState: null,
            isRemote: true);
    }
}
