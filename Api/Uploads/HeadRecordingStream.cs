namespace SampleMind.Api.Uploads;

/// <summary>
/// A read-through view of an upload's body that keeps its first <see cref="HeadBytes"/> bytes, so that a body its
/// reader refuses can be told by its magic numbers (<see cref="ArchiveSniffer"/>). The inner stream is left open.
/// </summary>
internal sealed class HeadRecordingStream(Stream inner) : ReadThroughStream(inner, leaveOpen: true)
{
    /// <summary>The bytes kept: a tar header, whose ustar magic sits at 257.</summary>
    public const int HeadBytes = 512;

    private readonly byte[] _head = new byte[HeadBytes];
    private int _length;

    /// <summary>The first bytes read through this stream, up to <see cref="HeadBytes"/>.</summary>
    public ReadOnlySpan<byte> Head => _head.AsSpan(0, _length);

    /// <summary>
    /// Reads on until <see cref="HeadBytes"/> bytes are kept or the body ends (a reader may have failed on a first, short
    /// read); a body that breaks off meanwhile leaves the head as it is.
    /// </summary>
    public async Task FillHeadAsync(CancellationToken cancellationToken)
    {
        var rest = new byte[HeadBytes];
        try
        {
            while (_length < HeadBytes && await ReadAsync(rest.AsMemory(0, HeadBytes - _length), cancellationToken) > 0)
            {
            }
        }
        catch (IOException)
        {
        }
    }

    protected override void Observe(ReadOnlySpan<byte> read)
    {
        var take = Math.Min(read.Length, HeadBytes - _length);
        read[..take].CopyTo(_head.AsSpan(_length));
        _length += take;
    }
}
