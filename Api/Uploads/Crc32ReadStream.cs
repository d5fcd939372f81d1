using System.IO.Hashing;

namespace SampleMind.Api.Uploads;

/// <summary>
/// Counts the bytes read through it and their CRC-32, so that an archive entry can be checked against what its archive
/// says (zip readers trust the sizes and CRC of the entry headers without checking them). Disposes the inner stream.
/// </summary>
internal sealed class Crc32ReadStream(Stream inner) : ReadThroughStream(inner, leaveOpen: false)
{
    private readonly Crc32 _crc = new();

    public long BytesRead { get; private set; }

    public uint Crc32 => _crc.GetCurrentHashAsUInt32();

    protected override void Observe(ReadOnlySpan<byte> read)
    {
        _crc.Append(read);
        BytesRead += read.Length;
    }
}
