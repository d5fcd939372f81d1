using System.Globalization;

namespace SampleMind.Api.Uploads;

/// <summary>
/// Finds the <c>size</c> record among a PAX extended header's records (<c>"&lt;length&gt; &lt;key&gt;=&lt;value&gt;\n"</c>,
/// the length in decimal counting the whole record) as their bytes pass, in pieces of any length, keeping no more of a
/// record than a size record takes. Records that do not parse leave the size unknown (the tar reader refuses them).
/// </summary>
internal sealed class PaxSizeRecord
{
    /// <summary>The most bytes of a record's key and value kept: "size=", 20 digits and the newline fit.</summary>
    private const int KeptBytes = 32;

    private readonly byte[] _kept = new byte[KeptBytes];
    private long _length;
    private long _read;
    private int _bodyLength;
    private bool _inBody;
    private bool _broken;
    private long? _size;

    /// <summary>Starts on the records of a new extended header; a size found before is dropped.</summary>
    public void Start()
    {
        _size = null;
        _broken = false;
        NextRecord();
    }

    /// <summary>The size the records gave, if any, which is taken only once (it is the next entry's).</summary>
    public long? TakeSize()
    {
        var size = _size;
        _size = null;
        return size;
    }

    /// <summary>Reads the next bytes of the records.</summary>
    public void Read(ReadOnlySpan<byte> records)
    {
        foreach (var b in records)
        {
            if (_broken)
            {
                return;
            }

            _read++;
            if (!_inBody)
            {
                ReadLength(b);
                continue;
            }

            if (_bodyLength < KeptBytes)
            {
                _kept[_bodyLength] = b;
            }

            _bodyLength++;
            if (_read == _length)
            {
                EndRecord();
            }
        }
    }

    /// <summary>A byte of the record's decimal length, or the space after it; the record holds at least a newline after it.</summary>
    private void ReadLength(byte b)
    {
        if (b is >= (byte)'0' and <= (byte)'9' && _length < int.MaxValue)
        {
            _length = (_length * 10) + (b - '0');
        }
        else if (b == ' ' && _read > 1 && _length > _read)
        {
            _inBody = true;
        }
        else
        {
            _broken = true;
        }
    }

    private void EndRecord()
    {
        var body = _kept.AsSpan(0, Math.Min(_bodyLength, KeptBytes));
        if (_bodyLength <= KeptBytes && body.StartsWith("size="u8) && body.EndsWith("\n"u8)
            && long.TryParse(body[5..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            _size = size;
        }

        NextRecord();
    }

    private void NextRecord()
    {
        _length = 0;
        _read = 0;
        _bodyLength = 0;
        _inBody = false;
    }
}
