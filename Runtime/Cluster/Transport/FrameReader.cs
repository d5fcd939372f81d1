using System.Buffers.Binary;
using System.Text;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>Reads one frame body written into a <see cref="FrameBuffer"/> (after its length prefix).</summary>
internal ref struct FrameReader(ReadOnlySpan<byte> frame)
{
    private readonly ReadOnlySpan<byte> _frame = frame;
    private int _position;

    public FrameKind ReadKind() => (FrameKind)ReadByte();

    public byte ReadByte() => _frame[_position++];

    public int ReadInt32()
    {
        var value = BinaryPrimitives.ReadInt32LittleEndian(_frame[_position..]);
        _position += 4;
        return value;
    }

    public long ReadInt64()
    {
        var value = BinaryPrimitives.ReadInt64LittleEndian(_frame[_position..]);
        _position += 8;
        return value;
    }

    public ReadOnlySpan<byte> ReadBytes(int count)
    {
        var bytes = _frame.Slice(_position, count);
        _position += count;
        return bytes;
    }

    public string ReadString() => Encoding.UTF8.GetString(ReadBlob());

    public ReadOnlySpan<byte> ReadBlob()
    {
        var length = ReadInt32();
        var blob = _frame.Slice(_position, length);
        _position += length;
        return blob;
    }
}
