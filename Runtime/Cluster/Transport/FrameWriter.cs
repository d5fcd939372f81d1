using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// Writes length-prefixed frames: int32 length (of what follows), kind byte, int64 call id, then
/// the kind's body. Strings are int32 byte length + UTF-8; blobs are int32 length + bytes. Little-endian.
/// </summary>
internal ref struct FrameWriter
{
    private readonly IBufferWriter<byte> _output;
    private readonly Span<byte> _length;
    private int _written;

    public FrameWriter(IBufferWriter<byte> output, FrameKind kind, long callId)
    {
        _output = output;
        _length = output.GetSpan(13)[..4];
        _output.Advance(4);
        _written = 0;
        WriteByte((byte)kind);
        WriteInt64(callId);
    }

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(4), value);
        Advance(4);
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(8), value);
        Advance(8);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(value, _output.GetSpan(count));
        Advance(count);
    }

    public void WriteBlob(ReadOnlySpan<byte> value)
    {
        WriteInt32(value.Length);
        value.CopyTo(_output.GetSpan(value.Length));
        Advance(value.Length);
    }

    /// <summary>Reserves an int32 length to fill in later (for a value serialized straight into the output).</summary>
    public Span<byte> ReserveLength()
    {
        var span = _output.GetSpan(4)[..4];
        Advance(4);
        return span;
    }

    public void Advance(int count)
    {
        _output.Advance(count);
        _written += count;
    }

    public IBufferWriter<byte> Output => _output;

    /// <summary>Writes the frame's length into its prefix.</summary>
    public readonly void Complete() => BinaryPrimitives.WriteInt32LittleEndian(_length, _written);
}
