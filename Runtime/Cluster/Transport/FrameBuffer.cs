using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace SampleMind.Runtime.Cluster.Transport;

/// <summary>
/// A growable byte buffer that frames are written into, reused for the life of a stream (no
/// allocation per frame once it has grown). Frames: int32 length (of what follows), kind byte,
/// int64 call id, then the kind's body. Strings are int32 byte length + UTF-8; blobs are int32
/// length + bytes. Little-endian. Lengths are patched by offset, so growing never loses one.
/// </summary>
internal sealed class FrameBuffer(int capacity) : IBufferWriter<byte>
{
    private static readonly JsonWriterOptions s_jsonOptions = new() { SkipValidation = true };
    private byte[] _buffer = new byte[capacity];
    private int _written;
    private Utf8JsonWriter? _json;

    public int Length => _written;

    public ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Empties the buffer; one that grew past 1 MiB for a big frame goes back to its first size.</summary>
    public void Clear()
    {
        _written = 0;
        if (_buffer.Length > 1 << 20)
        {
            _buffer = new byte[capacity];
        }
    }

    /// <summary>Drops what was written after <paramref name="length"/> (a frame that failed half-way).</summary>
    public void Truncate(int length) => _written = length;

    /// <summary>Starts a frame; returns its offset for <see cref="EndFrame"/>.</summary>
    public int BeginFrame(FrameKind kind, long callId)
    {
        var start = _written;
        var span = GetSpan(13);
        span[4] = (byte)kind;
        BinaryPrimitives.WriteInt64LittleEndian(span[5..], callId);
        Advance(13);
        return start;
    }

    public void EndFrame(int start) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), _written - start - 4);

    /// <summary>A frame with no body (not owner, cancel, closing).</summary>
    public void WriteEmptyFrame(FrameKind kind, long callId) => EndFrame(BeginFrame(kind, callId));

    public void WriteByte(byte value)
    {
        GetSpan(1)[0] = value;
        Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(GetSpan(4), value);
        Advance(4);
    }

    public void WriteString(string value)
    {
        var count = Encoding.UTF8.GetByteCount(value);
        WriteInt32(count);
        Encoding.UTF8.GetBytes(value, GetSpan(count));
        Advance(count);
    }

    /// <summary>Starts a blob whose bytes are written next; returns its offset for <see cref="EndBlob"/>.</summary>
    public int BeginBlob()
    {
        var start = _written;
        Advance(4, GetSpan(4));
        return start;
    }

    public void EndBlob(int start) => BinaryPrimitives.WriteInt32LittleEndian(_buffer.AsSpan(start), _written - start - 4);

    /// <summary>This buffer's JSON writer, reset to write at the end (call <see cref="Utf8JsonWriter.Flush"/> after).</summary>
    public Utf8JsonWriter Json()
    {
        if (_json is null)
        {
            _json = new Utf8JsonWriter(this, s_jsonOptions);
        }
        else
        {
            _json.Reset(this);
        }

        return _json;
    }

    public void Advance(int count) => _written += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    private void Advance(int count, Span<byte> reserved)
    {
        reserved[..count].Clear();
        _written += count;
    }

    private void Ensure(int sizeHint)
    {
        var needed = _written + Math.Max(sizeHint, 256);
        if (needed > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(needed, _buffer.Length * 2));
        }
    }
}
