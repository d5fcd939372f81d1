using System.Buffers.Binary;
using System.Text;

namespace SampleMind.Api.Uploads;

/// <summary>
/// A read-through view of a tar that checks each header's checksum as it passes, before the tar reader parses it: .NET's
/// reader does not, and a header damaged in its name or size was read as it came (a file stored under a damaged name, or
/// cut short). It follows the tar's layout: a 512-byte header, its data rounded up to whole blocks (the size from the
/// header, in octal or GNU base-256, or from a PAX extended header's <c>size</c> record before it), the next header. An
/// all-zero block is the end marker, after which nothing is checked (the receiver checks the padding). The inner stream
/// is left open.
/// </summary>
internal sealed class TarChecksumReadStream(Stream inner) : ReadThroughStream(inner, leaveOpen: true)
{
    private const int BlockSize = 512;
    private const int SizeOffset = 124;
    private const int SizeLength = 12;
    private const int ChecksumOffset = 148;
    private const int ChecksumLength = 8;
    private const int TypeOffset = 156;
    private const int MagicOffset = 257;
    private const int PrefixOffset = 345;
    private const int PrefixLength = 155;

    private readonly byte[] _header = new byte[BlockSize];
    private readonly PaxSizeRecord _pax = new();
    private int _headerLength;
    private long _position;
    private long _skip;
    private long _paxLeft;
    private bool _ended;

    protected override void Observe(ReadOnlySpan<byte> read)
    {
        while (!read.IsEmpty && !_ended)
        {
            int take;
            if (_skip > 0)
            {
                // An entry's data and padding; of an extended header's, the records are read for a size.
                take = (int)Math.Min(_skip, read.Length);
                var records = (int)Math.Min(_paxLeft, take);
                _pax.Read(read[..records]);
                _paxLeft -= records;
                _skip -= take;
            }
            else
            {
                take = Math.Min(BlockSize - _headerLength, read.Length);
                read[..take].CopyTo(_header.AsSpan(_headerLength));
                _headerLength += take;
            }

            _position += take;
            read = read[take..];
            if (_headerLength == BlockSize)
            {
                _headerLength = 0;
                CheckHeader(_position - BlockSize);
            }
        }
    }

    /// <summary>Checks the header that starts at <paramref name="offset"/> and sets out how far its data reaches.</summary>
    private void CheckHeader(long offset)
    {
        var header = _header.AsSpan();
        if (!header.ContainsAnyExcept((byte)0))
        {
            _ended = true;
            return;
        }

        // The sum of the header's bytes with the checksum field taken as eight spaces; like GNU tar, a writer that summed
        // signed bytes is taken too.
        var unsignedSum = 8L * ' ';
        var signedSum = 8L * ' ';
        for (var i = 0; i < BlockSize; i++)
        {
            if (i is < ChecksumOffset or >= ChecksumOffset + ChecksumLength)
            {
                unsignedSum += header[i];
                signedSum += (sbyte)header[i];
            }
        }

        var field = header.Slice(ChecksumOffset, ChecksumLength);
        if (!TryParseOctal(field, out var said) || (said != unsignedSum && said != signedSum))
        {
            var says = TryParseOctal(field, out _) ? Convert.ToString(said, 8) : $"'{ArchiveEntryPath.Shown(Encoding.Latin1.GetString(field))}' (not a number)";
            throw new InvalidDataException(
                $"the archive entry '{ArchiveEntryPath.Shown(Name(header))}' has a header whose checksum does not match (at byte {offset:N0} of the tar: " +
                $"the checksum field says {says}, the header's bytes sum to {Convert.ToString(unsignedSum, 8)} in octal); the archive is damaged");
        }

        var size = Size(header, offset);
        if (header[TypeOffset] == 'x')
        {
            _pax.Start();
            _paxLeft = size;
        }
        else
        {
            size = _pax.TakeSize() ?? size;
        }

        _skip = (size + BlockSize - 1) / BlockSize * BlockSize;
    }

    /// <summary>The header's size field: octal, or GNU base-256 (a first byte of 0x80, then big-endian) for sizes octal cannot hold.</summary>
    private static long Size(ReadOnlySpan<byte> header, long offset)
    {
        var field = header.Slice(SizeOffset, SizeLength);
        if (field[0] != 0x80 && TryParseOctal(field, out var size))
        {
            return size;
        }

        var big = BinaryPrimitives.ReadUInt64BigEndian(field[4..]);
        return field[0] == 0x80 && !field[1..4].ContainsAnyExcept((byte)0) && big <= long.MaxValue - BlockSize
            ? (long)big
            : throw new InvalidDataException(
                $"the archive entry '{ArchiveEntryPath.Shown(Name(header))}' has a size field that is not a size (at byte {offset:N0} of the tar); the archive is damaged");
    }

    /// <summary>An octal field as .NET's reader takes it: NULs and spaces around the digits are left out, and none is 0.</summary>
    private static bool TryParseOctal(ReadOnlySpan<byte> field, out long value)
    {
        value = 0;
        foreach (var b in field.Trim("\0 "u8))
        {
            if (b is < (byte)'0' or > (byte)'7')
            {
                return false;
            }

            value = (value * 8) + (b - '0');
        }

        return true;
    }

    /// <summary>The name a header gives (a ustar header's prefix before it), as far as it can be read.</summary>
    private static string Name(ReadOnlySpan<byte> header)
    {
        var name = Text(header[..100]);
        var prefix = header.Slice(MagicOffset, 6).SequenceEqual("ustar\0"u8) ? Text(header.Slice(PrefixOffset, PrefixLength)) : "";
        return prefix.Length > 0 ? $"{prefix}/{name}" : name;
    }

    private static string Text(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? field : field[..end]);
    }
}
