using System.Buffers;
using System.Buffers.Binary;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>Cuts length-prefixed frames out of a pipe's buffer.</summary>
internal static class FrameParser
{
    public const int MaxFrame = 64 * 1024 * 1024;

    /// <summary>The next whole frame (without its prefix), or false when more bytes are needed.</summary>
    public static bool TryRead(ref ReadOnlySequence<byte> buffer, out ReadOnlySequence<byte> frame)
    {
        frame = default;
        if (buffer.Length < 4)
        {
            return false;
        }

        Span<byte> prefix = stackalloc byte[4];
        buffer.Slice(0, 4).CopyTo(prefix);
        var length = BinaryPrimitives.ReadInt32LittleEndian(prefix);
        if (length is < 9 or > MaxFrame)
        {
            throw new InvalidDataException($"Bad frame length {length} on a silo-to-silo stream.");
        }

        if (buffer.Length < 4 + length)
        {
            return false;
        }

        frame = buffer.Slice(4, length);
        buffer = buffer.Slice(4 + length);
        return true;
    }

    /// <summary>The frame as one span: its own memory, or a copy in <paramref name="rented"/> (return it to the pool).</summary>
    public static ReadOnlySpan<byte> Contiguous(in ReadOnlySequence<byte> frame, ref byte[]? rented)
    {
        if (frame.IsSingleSegment)
        {
            return frame.FirstSpan;
        }

        rented = ArrayPool<byte>.Shared.Rent((int)frame.Length);
        frame.CopyTo(rented);
        return rented.AsSpan(0, (int)frame.Length);
    }
}
